#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// What a history says that the future will not: an outage (the exporter down, the service off)
/// reads as a run of zeros, and a migration as a lasting change of level. Both are found on the
/// daily and weekly grid of the series and undone before fitting, so the forecast follows the
/// traffic as it is now.
///
/// - Outage: a run of exact zeros at least one day long (`dayLag` steps) in a series whose median
///   is positive, where the same steps a week before and after (when the history has them) are
///   mostly not zero: a weekend that is always zero recurs, an outage does not. Its steps count as
///   missing (filled like any gap, never scored).
/// - Level shift: the latest day τ in the last four weeks after which the days differ from the
///   same weekday before τ by one factor r (the median log ratio, |log r| ≥ log 1.3, shared in
///   sign and at least half its size by 80 % of the days after τ, at least four of them), while
///   the two weeks before τ were steady week on week (at most 20 % of their days changed by half
///   as much, and not the day before τ). The history before τ is multiplied by r, as if it had
///   always been at the new level.
enum HistoryRepair {
    /// Marks the steps of outages in `values` (original units, NaN = missing) as missing.
    static func removeOutages(_ values: inout [Double], dayLag: Int, weekLag: Int?) {
        guard dayLag >= 2, values.count >= 2 * dayLag else { return }
        // Day-long zero runs that do not recur; the median is asked only when there is one.
        var outages: [Range<Int>] = []
        var i = 0
        while i < values.count {
            guard values[i] == 0 else { i += 1; continue }
            var end = i
            while end < values.count, values[end] == 0 { end += 1 }
            if end - i >= dayLag, !recurs(values, i..<end, lag: weekLag) { outages.append(i..<end) }
            i = end
        }
        guard !outages.isEmpty else { return }
        var observed = values.filter(\.isFinite)
        guard !observed.isEmpty, Quantile.median(&observed) > 0 else { return }
        for run in outages {
            for j in run { values[j] = .nan }
        }
    }

    /// Whether the same steps `lag` before or after `run` are mostly zero too.
    static func recurs(_ values: [Double], _ run: Range<Int>, lag: Int?) -> Bool {
        guard let lag else { return false }
        var zeros = 0, seen = 0
        for j in run {
            for k in [j - lag, j + lag] where k >= 0 && k < values.count && values[k].isFinite && !run.contains(k) {
                seen += 1
                if values[k] == 0 { zeros += 1 }
            }
        }
        return seen > 0 && 2 * zeros >= seen
    }

    /// Days a new level must have lasted to count as a shift: a storm or a holiday that halves
    /// two days of traffic is not a migration.
    static let minimumDaysAfter = 4

    /// The latest lasting level shift of a non-negative history (`u`, gaps filled): the step it
    /// starts at and the factor r of the level after it to the level before. Nil when none.
    static func levelShift(_ u: [Double], dayLag: Int, weekLag: Int) -> (start: Int, factor: Double)? {
        guard dayLag >= 2, weekLag == 7 * dayLag else { return nil }
        let days = u.count / dayLag
        guard days >= 21 else { return nil }
        // Daily log levels, the last whole days counted from the end of the history.
        let offset = u.count - days * dayLag
        let level = (0..<days).map { d -> Double in
            let slice = u[(offset + d * dayLag)..<(offset + (d + 1) * dayLag)]
            return log(max(slice.reduce(0, +) / Double(dayLag), 1e-9))
        }
        let threshold = log(1.3)
        for tau in stride(from: days - minimumDaysAfter, through: max(14, days - 28), by: -1) {
            // Each day after τ against the latest same weekday before τ.
            var ratios: [Double] = []
            for d in tau..<days {
                var before = d - 7
                while before >= tau { before -= 7 }
                if before >= 0 { ratios.append(level[d] - level[before]) }
            }
            guard ratios.count >= Self.minimumDaysAfter else { continue }
            var sorted = ratios
            let shift = Quantile.median(&sorted)
            guard abs(shift) >= threshold else { continue }
            let agreeing = ratios.filter { ($0 > 0) == (shift > 0) && abs($0) >= abs(shift) / 2 }.count
            guard 5 * agreeing >= 4 * ratios.count else { continue }
            // The two weeks before τ were steady week on week, the day before τ above all (so
            // that τ is the shift's first day, not one of the days after it).
            let changes = (max(7, tau - 14)..<tau).map { abs(level[$0] - level[$0 - 7]) }
            guard abs(level[tau - 1] - level[tau - 8]) < abs(shift) / 2,
                  5 * changes.filter({ $0 >= abs(shift) / 2 }).count <= changes.count else { continue }
            return (offset + tau * dayLag, exp(shift))
        }
        return nil
    }
}
