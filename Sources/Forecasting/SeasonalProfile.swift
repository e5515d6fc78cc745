import Vocabulary

/// Which seasonal periods and models a history of a given length supports.
///
/// Short histories get fewer seasonalities: a period P (in steps) is used only when the history
/// holds at least 2·P steps; below two days of data (or two of the shortest period) only the
/// naive models remain.
struct SeasonalProfile: Sendable {
    /// Periods in steps, ascending, each with its number of Fourier pairs.
    let periods: [(period: Double, order: Int)]
    /// Lag of the seasonal naive baseline (the shortest usable period rounded, else 1).
    let baselineLag: Int
    /// Lag of the long seasonal naive (the second period rounded), if usable.
    let longLag: Int?
    /// The candidate models for this history.
    let models: [ModelKind]
    /// Whether a requested period was left out for lack of history (e.g. the weekly cycle of a
    /// one-week history): the backtests cannot have seen what it does to the errors.
    let missesPeriods: Bool

    init(length n: Int, stepSeconds: Int64, options: ForecastOptions) {
        let requested = options.seasonalities ?? Self.automaticPeriods(stepSeconds: stepSeconds)
        let usable = requested.sorted().filter { Double(n) >= 2 * $0 }
        var periods: [(Double, Int)] = []
        for (rank, period) in usable.enumerated() {
            let orders = options.fourierOrders.isEmpty ? [4] : options.fourierOrders
            let wanted = orders[min(rank, orders.count - 1)]
            periods.append((period, max(1, min(wanted, Int(period / 2)))))
        }
        self.periods = periods
        self.missesPeriods = usable.count < requested.count
        self.baselineLag = usable.first.map { max(1, Int($0.rounded())) } ?? 1
        self.longLag = usable.count > 1 ? max(1, Int(usable[1].rounded())) : nil
        var models: [ModelKind] = [.seasonalNaive]
        if longLag != nil { models.append(.seasonalNaiveLong) }
        if !periods.isEmpty, n >= 8 {
            models += [.harmonic, .harmonicLog, .harmonicAR, .harmonicLogAR, .autoregressive, .ensemble, .combination]
        }
        if let allowed = options.models {
            let kept = models.filter { allowed.contains($0) }
            models = kept.isEmpty ? [.seasonalNaive] : kept
            if !models.contains(.seasonalNaive) { models.insert(.seasonalNaive, at: 0) }
        }
        self.models = models
    }

    /// Daily and weekly periods for sub-daily steps; weekly and yearly for daily steps.
    static func automaticPeriods(stepSeconds: Int64) -> [Double] {
        let day = 86_400 / Double(stepSeconds)
        if day >= 2 { return [day, 7 * day] }
        return [7 * day, 365.25 * day].filter { $0 >= 2 }
    }
}
