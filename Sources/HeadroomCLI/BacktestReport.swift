import Forecasting

/// Accumulated accuracy per model over held-out windows.
struct BacktestReport {
    /// Sums for one model.
    struct Totals {
        var windows = 0
        var mase = 0.0
        var smape = 0.0
        var msis = 0.0
        var inside = 0
        var points = 0
    }

    /// The automatic choice's row name.
    static let automatic = "auto"

    var totals: [String: Totals] = [:]
    var order: [String] = []
    var chosen: [String: Int] = [:]
    /// Per series: (name, auto MASE sum, naive MASE sum, windows).
    var perSeries: [(name: String, auto: Double, naive: Double, windows: Int, inside: Int, points: Int)] = []
    var seconds = 0.0
    /// The automatic choice's interval coverage by lead time and history length.
    var coverage = CoverageTable()

    /// Holds out the last `windows` windows of `horizon` steps of every series in turn.
    static func run(grid: ForecastGrid, horizon: Int, windows: Int, options: ForecastOptions) throws(ForecastError) -> BacktestReport {
        var report = BacktestReport()
        let clock = ContinuousClock()
        let started = clock.now
        let step = grid.stepSeconds
        report.perSeries = grid.entries.map { ($0.name, 0, 0, 0, 0, 0) }
        for k in 0..<windows {
            // Group the series whose window starts at the same grid point (shared design).
            var groups: [String: [Int]] = [:]
            var keys: [String] = []
            for (i, entry) in grid.entries.enumerated() {
                let cut = entry.series.values.count - horizon * (windows - k)
                guard cut >= 16 else { continue }
                let key = "\(entry.series.start)/\(cut)"
                if groups[key] == nil { keys.append(key) }
                groups[key, default: []].append(i)
            }
            for key in keys {
                let members = groups[key] ?? []
                guard let first = members.first else { continue }
                let cut = grid.entries[first].series.values.count - horizon * (windows - k)
                let histories = members.map { Array(grid.entries[$0].series.values[0..<cut]) }
                let results = try Forecaster.forecast(batch: histories, stepSeconds: step,
                                                      start: grid.entries[first].series.start,
                                                      horizon: horizon, options: options)
                let lag = Forecaster.seasonalLag(stepSeconds: step, length: cut, options: options)
                for (member, result) in zip(members, results) {
                    guard case let .success(forecast) = result else { continue }
                    let values = grid.entries[member].series.values
                    let actual = Array(values[cut..<(cut + horizon)])
                    let scale = Accuracy.seasonalNaiveScale(histories[members.firstIndex(of: member) ?? 0], lag: lag)
                    var naiveMASE: Double?
                    for candidate in forecast.candidates {
                        guard let own = candidate.forecast else { continue }
                        let score = report.add(candidate.model.rawValue, own, actual: actual, scale: scale)
                        if candidate.model == .seasonalNaive { naiveMASE = score }
                    }
                    let autoMASE = report.add(automatic, forecast, actual: actual, scale: scale)
                    report.coverage.add(forecast, actual: actual, stepSeconds: step, historySeconds: Int64(cut) * step)
                    report.chosen[forecast.model.rawValue, default: 0] += 1
                    if let autoMASE, let naiveMASE {
                        report.perSeries[member].auto += autoMASE
                        report.perSeries[member].naive += naiveMASE
                        report.perSeries[member].windows += 1
                        if let low = forecast.levels.firstIndex(where: { abs($0 - 0.025) < 1e-12 }),
                           let high = forecast.levels.firstIndex(where: { abs($0 - 0.975) < 1e-12 }) {
                            let hits = Accuracy.hits(actual: actual, lower: forecast.quantiles[low], upper: forecast.quantiles[high])
                            report.perSeries[member].inside += hits.inside
                            report.perSeries[member].points += hits.total
                        }
                    }
                }
            }
        }
        report.seconds = Double((clock.now - started).components.attoseconds) / 1e18
            + Double((clock.now - started).components.seconds)
        return report
    }

    /// Scores one forecast against the actuals; returns its MASE.
    mutating func add(_ model: String, _ forecast: Forecast, actual: [Double], scale: Double) -> Double? {
        guard let mase = Accuracy.mase(actual: actual, forecast: forecast.point, scale: scale),
              let smape = Accuracy.smape(actual: actual, forecast: forecast.point),
              let low = forecast.levels.firstIndex(where: { abs($0 - 0.025) < 1e-12 }),
              let high = forecast.levels.firstIndex(where: { abs($0 - 0.975) < 1e-12 }),
              let msis = Accuracy.msis(actual: actual, lower: forecast.quantiles[low], upper: forecast.quantiles[high],
                                       scale: scale)
        else { return nil }
        let hits = Accuracy.hits(actual: actual, lower: forecast.quantiles[low], upper: forecast.quantiles[high])
        if totals[model] == nil { order.append(model) }
        totals[model, default: Totals()].windows += 1
        totals[model, default: Totals()].mase += mase
        totals[model, default: Totals()].smape += smape
        totals[model, default: Totals()].msis += msis
        totals[model, default: Totals()].inside += hits.inside
        totals[model, default: Totals()].points += hits.total
        return mase
    }

    /// The table as text.
    func table() -> String {
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        func left(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        func fixed(_ x: Double, _ digits: Int) -> String {
            guard x.isFinite else { return "-" }
            var factor = 1.0
            for _ in 0..<digits { factor *= 10 }
            let rounded = (abs(x) * factor).rounded() / factor
            var text = "\(Int(rounded))"
            if digits > 0 {
                let fraction = Int(((rounded - Double(Int(rounded))) * factor).rounded())
                let digitsText = "\(fraction)"
                text += "." + String(repeating: "0", count: max(0, digits - digitsText.count)) + digitsText
            }
            return (x < 0 ? "-" : "") + text
        }
        var lines = [pad("model", 20) + left("windows", 8) + left("MASE", 8) + left("sMAPE", 8) + left("cover95", 9) + left("MSIS", 8)]
        let models = order.filter { $0 != Self.automatic }.sorted {
            (totals[$0].map { $0.mase / Double($0.windows) } ?? .infinity) < (totals[$1].map { $0.mase / Double($0.windows) } ?? .infinity)
        } + (totals[Self.automatic] != nil ? [Self.automatic] : [])
        for model in models {
            guard let t = totals[model], t.windows > 0 else { continue }
            let n = Double(t.windows)
            let coverage = t.points > 0 ? 100 * Double(t.inside) / Double(t.points) : .nan
            lines.append(pad(model, 20) + left("\(t.windows)", 8) + left(fixed(t.mase / n, 3), 8)
                + left(fixed(t.smape / n, 2), 8) + left(fixed(coverage, 1) + "%", 9) + left(fixed(t.msis / n, 2), 8))
        }
        if let a = totals[Self.automatic], let b = totals["seasonal-naive"], a.windows > 0, b.windows > 0 {
            let ratio = (a.mase / Double(a.windows)) / (b.mase / Double(b.windows))
            lines.append("auto MASE / seasonal-naive MASE: \(fixed(ratio, 3))")
        }
        lines.append("chosen: " + chosen.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("")
        lines += coverage.lines()
        lines.append("")
        lines.append(pad("series", 34) + left("auto MASE", 10) + left("naive MASE", 11) + left("ratio", 7) + left("cover95", 9))
        for s in perSeries where s.windows > 0 {
            let a = s.auto / Double(s.windows), b = s.naive / Double(s.windows)
            lines.append(pad(s.name, 34) + left(fixed(a, 3), 10) + left(fixed(b, 3), 11) + left(fixed(b > 0 ? a / b : .nan, 3), 7)
                + left(fixed(s.points > 0 ? 100 * Double(s.inside) / Double(s.points) : .nan, 1) + "%", 9))
        }
        lines.append("elapsed: \(fixed(seconds, 2)) s")
        return lines.joined(separator: "\n")
    }
}
