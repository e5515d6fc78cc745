#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import Traffic

/// A pool's GPU need months to years ahead, by hour: what a commitment for a term is judged on.
///
/// Fitted on the pool's past GPU levels (``Planner/poolHistory(demand:now:)``), by hour:
///
///     log m_d = ā + b (d − d̄) + e_{dow(d)} + ε_d        level(hour) = m_d × r(hour of week)
///
/// `m_d` the mean GPUs of day `d` (days with at least 20 hours seen), `b` the trend per day (so
/// `exp(365 b) − 1` is the growth per year; none with fewer than 14 days, where it would be mostly
/// the weekly cycle), `e` day-of-week effects (summing to 0; none with fewer than 14 days), `r` the hour-of-week shape (the mean ratio of an hour's level to its
/// day's mean; hour of day where an hour of the week was never seen). Least squares,
/// alternating the trend and the day-of-week effects three times.
///
/// Uncertainty is the trend's: `ā ~ N(â, f σ² / n)` and `b ~ N(b̂, f σ² / Σ(d − d̄)²)`,
/// independent (centred parametrisation), with `σ` the residuals' standard deviation and
/// `f = (1 + ρ) / (1 − ρ)` (in [1, 10]) for their lag-1 autocorrelation `ρ` (correlated days carry
/// less information than independent ones). The spread of the level `j` days after the history
/// is `sqrt(f σ² / n + j² f σ² / Σ(d − d̄)²)` in logs: it widens linearly with the horizon, the
/// honest answer to "how sure is a trend from eight weeks about three years".
public struct PoolBaselineForecast: Sendable, Hashable, Codable {
    /// Start of the hour after the last one seen (Unix s): where the forecast begins.
    public var start: Int64
    /// Days of history fitted.
    public var days: Int
    /// The largest hourly need seen, GPUs.
    public var peakGPUs: Double
    /// `â`: log mean GPUs at the history's mean day `d̄`.
    public var logLevel: Double
    /// `b̂`: log growth per day.
    public var trendPerDay: Double
    /// `d̄` minus the index of the day `start` falls in: days from the mean day to the start.
    public var daysFromMeanToStart: Double
    /// Standard errors of `ā` and `b`, inflated by `f`.
    public var levelSE: Double
    public var trendSE: Double
    /// Day-of-week effects `e`, Monday first (log).
    public var weekdayEffects: [Double]
    /// `r`: 168 factors, Monday 00:00 UTC first.
    public var hourOfWeekShape: [Double]
    /// The interactive share of the need by hour of the week (the rest is batch work), Monday
    /// 00:00 UTC first: summed interactive over summed total GPUs of that hour; 1 where unseen.
    public var interactiveShare: [Double]

    /// Fits the forecast on `levels` (GPUs per step, any step up to an hour), averaged by hour.
    /// - Throws: ``PlanningError/invalidConfiguration(_:)`` with fewer than 7 days seen.
    public init(levels: [PoolLevel]) throws(PlanningError) {
        var hours: [Int64: (sum: Double, count: Int)] = [:]
        var interactiveSums = [Double](repeating: 0, count: 168)
        var totalSums = [Double](repeating: 0, count: 168)
        for level in levels {
            let hour = Self.hour.floor(level.at)
            hours[hour, default: (0, 0)].sum += level.totalGPUs
            hours[hour, default: (0, 0)].count += 1
            interactiveSums[Self.hourOfWeek(hour)] += level.interactiveGPUs
            totalSums[Self.hourOfWeek(hour)] += level.totalGPUs
        }
        let hourly = hours.mapValues { $0.sum / Double($0.count) }
        var byDay: [Int64: [Double]] = [:]
        for (hour, value) in hourly { byDay[Self.day.floor(hour), default: []].append(value) }
        let fullDays = byDay.filter { $0.value.count >= 20 }.keys.sorted()
        guard let first = fullDays.first, fullDays.count >= 7, let lastHour = hourly.keys.max() else {
            throw .invalidConfiguration("a commitment needs at least 7 days of history of its pool; "
                + "there are \(fullDays.count) days with 20 hours or more")
        }
        let means = fullDays.map { day in (byDay[day] ?? []).reduce(0, +) / Double(byDay[day]?.count ?? 1) }
        let floorGPU = max(1e-3, (means.max() ?? 0) * 1e-3)
        let logs = means.map { log(max($0, floorGPU)) }
        let index = fullDays.map { Double(($0 - first) / 86_400) }
        let weekday = fullDays.map { Self.weekday($0) }
        let meanDay = index.reduce(0, +) / Double(index.count)
        let sxx = index.reduce(0) { $0 + ($1 - meanDay) * ($1 - meanDay) }
        var effects = [Double](repeating: 0, count: 7)
        var level = 0.0
        var slope = 0.0
        let useWeekdays = fullDays.count >= 14
        // A trend from under two weeks is mostly the weekly cycle: the level alone is fitted.
        let useTrend = fullDays.count >= 14
        for _ in 0..<3 {
            let adjusted = logs.indices.map { logs[$0] - effects[weekday[$0]] }
            level = adjusted.reduce(0, +) / Double(adjusted.count)
            var sxy = 0.0
            for i in adjusted.indices { sxy += (index[i] - meanDay) * (adjusted[i] - level) }
            slope = sxx > 0 && useTrend ? sxy / sxx : 0
            guard useWeekdays else { break }
            var sums = [Double](repeating: 0, count: 7)
            var counts = [Double](repeating: 0, count: 7)
            for i in logs.indices {
                sums[weekday[i]] += logs[i] - level - slope * (index[i] - meanDay)
                counts[weekday[i]] += 1
            }
            effects = (0..<7).map { counts[$0] > 0 ? sums[$0] / counts[$0] : 0 }
            let centre = effects.reduce(0, +) / 7
            effects = effects.map { $0 - centre }
        }
        let residuals = logs.indices.map { logs[$0] - level - slope * (index[$0] - meanDay) - effects[weekday[$0]] }
        let n = Double(residuals.count)
        let dof = max(1, n - 2 - (useWeekdays ? 6 : 0))
        var squares = 0.0
        for residual in residuals { squares += residual * residual }
        let variance = squares / dof
        var lagged = 0.0
        for i in residuals.indices.dropFirst() { lagged += residuals[i - 1] * residuals[i] }
        let rho = variance > 0 ? min(0.8, max(0, lagged / (variance * dof))) : 0
        let inflation = min(10, (1 + rho) / (1 - rho))

        // Hour-of-week shape: an hour's level over its day's mean.
        let dayMean = Dictionary(uniqueKeysWithValues: zip(fullDays, means))
        var ratios = [Double](repeating: 0, count: 168)
        var ratioCounts = [Double](repeating: 0, count: 168)
        var ofDay = [Double](repeating: 0, count: 24)
        var ofDayCounts = [Double](repeating: 0, count: 24)
        for (hour, value) in hourly {
            guard let mean = dayMean[Self.day.floor(hour)], mean > 0 else { continue }
            let slot = Self.hourOfWeek(hour)
            ratios[slot] += value / mean
            ratioCounts[slot] += 1
            ofDay[slot % 24] += value / mean
            ofDayCounts[slot % 24] += 1
        }
        let shape = (0..<168).map { slot in
            ratioCounts[slot] > 0 ? ratios[slot] / ratioCounts[slot]
                : (ofDayCounts[slot % 24] > 0 ? ofDay[slot % 24] / ofDayCounts[slot % 24] : 1)
        }

        start = lastHour + 3_600
        days = fullDays.count
        peakGPUs = hourly.values.max() ?? 0
        logLevel = level
        trendPerDay = slope
        daysFromMeanToStart = Double(start - first) / 86_400 - meanDay
        levelSE = (inflation * variance / n).squareRoot()
        trendSE = sxx > 0 && useTrend ? (inflation * variance / sxx).squareRoot() : 0
        weekdayEffects = effects
        hourOfWeekShape = shape
        interactiveShare = (0..<168).map { totalSums[$0] > 0 ? min(1, max(0, interactiveSums[$0] / totalSums[$0])) : 1 }
    }

    /// Growth per year at the fitted trend, `exp(365.25 b̂) − 1`.
    public var growthPerYear: Double { exp(365.25 * trendPerDay) - 1 }

    /// GPUs `hours` after `start` in one scenario: the trend's level and slope shifted by `z`
    /// standard errors each.
    public func level(hoursAhead hours: Int, levelZ: Double, trendZ: Double) -> Double {
        let day = daysFromMeanToStart + Double(hours) / 24
        let at = start + Int64(hours) * 3_600
        let log = logLevel + levelZ * levelSE + (trendPerDay + trendZ * trendSE) * day + weekdayEffects[Self.weekday(at)]
        return exp(log) * hourOfWeekShape[Self.hourOfWeek(at)]
    }

    /// Mean GPUs of the week `days` after `start` at the quantile of the trend's uncertainty
    /// with normal score `z` (level and trend together: `sqrt(levelSE² + (d trendSE)²)`).
    public func weeklyMean(daysAhead days: Double, z: Double) -> Double {
        let day = daysFromMeanToStart + days
        let spread = (levelSE * levelSE + day * day * trendSE * trendSE).squareRoot()
        let shapeMean = hourOfWeekShape.reduce(0, +) / 168
        let weekdayMean = weekdayEffects.map { exp($0) }.reduce(0, +) / 7
        return exp(logLevel + trendPerDay * day + z * spread) * shapeMean * weekdayMean
    }

    /// Hours and days, to floor instants by (UTC).
    static let hour = Step(seconds: 3_600)!
    static let day = Step(seconds: 86_400)!

    /// 0 for Monday (1970-01-01 was a Thursday).
    static func weekday(_ instant: Int64) -> Int { (CivilDate.weekday(days: Int(day.floor(instant) / 86_400)) + 6) % 7 }

    /// Hours since Monday 00:00 UTC, 0 to 167.
    static func hourOfWeek(_ instant: Int64) -> Int { weekday(instant) * 24 + Int((instant - day.floor(instant)) / 3_600) }
}
