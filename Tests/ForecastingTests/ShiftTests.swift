import Forecasting
import Testing

/// Histories that lie about the future: an outage, a migration that halves traffic, a series that
/// starts mid-history, and a holiday declared as an event. Each forecast's error over the next two
/// days is held against an oracle: the same engine on the history as it would have been had the
/// forecaster known (no outage, always at the new level, only the days the series existed).
enum ShiftCase {
    static let days = 56, horizon = 48

    /// Eight weeks of hourly traffic and the two days after them.
    static func traffic(seed: UInt64 = 11) -> [Double] {
        SyntheticSeries.hourly(count: 24 * days + horizon, noise: 4, seed: seed)
    }

    static func forecast(_ history: [Double], start: Int64 = 0, events: [CalendarEvent] = []) throws -> [Double] {
        try full(history, start: start, events: events).point
    }

    static func full(_ history: [Double], start: Int64 = 0, events: [CalendarEvent] = []) throws -> Forecast {
        let series = RegularSeries(values: history, stepSeconds: 3_600, start: start)
        return try Forecaster.forecast(series, horizon: horizon, options: ForecastOptions(events: events))
    }

    /// Share of `future` inside the forecast's 95 % interval.
    static func coverage95(_ forecast: Forecast, _ future: ArraySlice<Double>) -> Double {
        guard let low = forecast.levels.firstIndex(of: 0.025), let high = forecast.levels.firstIndex(of: 0.975) else { return 0 }
        let inside = zip(future, 0..<forecast.point.count).filter { y, h in
            y >= forecast.quantiles[low][h] && y <= forecast.quantiles[high][h]
        }.count
        return Double(inside) / Double(forecast.point.count)
    }

    /// Mean absolute error of `forecast` against the two days after the history.
    static func mae(_ forecast: [Double], _ future: ArraySlice<Double>) -> Double {
        zip(forecast, future).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(forecast.count)
    }
}

@Test func aWeekAtZeroDoesNotDragTheForecast() throws {
    let truth = ShiftCase.traffic()
    let history = Array(truth[0..<(24 * ShiftCase.days)])
    var outage = history
    for h in (24 * 35)..<(24 * 42) { outage[h] = 0 }  // the sixth week: the exporter was down
    let future = truth[(24 * ShiftCase.days)...]
    let oracle = ShiftCase.mae(try ShiftCase.forecast(history), future)
    let repaired = try ShiftCase.full(outage)
    let seen = ShiftCase.mae(repaired.point, future)
    #expect(seen <= 1.3 * oracle + 1, "MAE \(seen) with the outage, \(oracle) without")
    #expect(ShiftCase.coverage95(repaired, future) >= 0.9, "the 95 % interval holds the next two days")
}

@Test func aMigrationThatHalvesTrafficIsFollowed() throws {
    let truth = ShiftCase.traffic().enumerated().map { $0.offset >= 24 * 49 ? $0.element / 2 : $0.element }
    let history = Array(truth[0..<(24 * ShiftCase.days)])
    let future = truth[(24 * ShiftCase.days)...]
    let oracle = ShiftCase.mae(try ShiftCase.forecast(ShiftCase.traffic().prefix(24 * ShiftCase.days).map { $0 / 2 }), future)
    let shifted = try ShiftCase.full(history)
    let seen = ShiftCase.mae(shifted.point, future)
    #expect(seen <= 1.3 * oracle + 1, "MAE \(seen) after the migration, \(oracle) had it always been so")
    #expect(ShiftCase.coverage95(shifted, future) >= 0.9, "the 95 % interval holds the next two days")
}

@Test func aSeriesThatStartsMidHistory() throws {
    let truth = ShiftCase.traffic()
    let future = truth[(24 * ShiftCase.days)...]
    let lived = Array(truth[(24 * 28)..<(24 * ShiftCase.days)])
    let oracle = ShiftCase.mae(try ShiftCase.forecast(lived, start: 24 * 28 * 3_600), future)
    for before in [Double.nan, 0] {  // not there yet: missing, or zeros on a shared grid
        let history = Array(repeating: before, count: 24 * 28) + lived
        let seen = ShiftCase.mae(try ShiftCase.forecast(history), future)
        #expect(seen <= 1.3 * oracle + 1, "MAE \(seen) with \(before) before the start, \(oracle) on its own days")
    }
}

@Test func aDeclaredHolidayIsForecast() throws {
    // Day 28 and day 56 (the first forecast day) are the same holiday: traffic at 30 %.
    var truth = ShiftCase.traffic()
    for day in [28, 56] { for h in (24 * day)..<(24 * day + 24) { truth[h] *= 0.3 } }
    let holiday = [28, 56].map { CalendarEvent(name: "holiday", start: Int64(24 * $0) * 3_600, end: Int64(24 * $0 + 24) * 3_600) }
    let history = Array(truth[0..<(24 * ShiftCase.days)])
    let future = truth[(24 * ShiftCase.days)..<(24 * ShiftCase.days + 24)]
    let declared = Array(try ShiftCase.forecast(history, events: holiday).prefix(24))
    let undeclared = Array(try ShiftCase.forecast(history).prefix(24))
    #expect(ShiftCase.mae(declared, future) <= 0.5 * ShiftCase.mae(undeclared, future),
            "holiday MAE \(ShiftCase.mae(declared, future)) declared, \(ShiftCase.mae(undeclared, future)) not")
}
