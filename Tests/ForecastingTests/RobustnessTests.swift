import Forecasting
import Testing

private func run(_ values: [Double], step: Int64 = 3_600, horizon: Int = 24) throws -> Forecast {
    try Forecaster.forecast(RegularSeries(values: values, stepSeconds: step, start: 0), horizon: horizon)
}

@Test func gapsAndMissingValuesAreFilled() throws {
    var values = SyntheticSeries.hourly(count: 24 * 21)
    for i in stride(from: 0, to: values.count, by: 7) { values[i] = .nan }
    for i in 200..<260 { values[i] = .nan }
    values[values.count - 1] = .infinity
    let forecast = try run(values)
    expectWellFormed(forecast, horizon: 24, nonNegative: true)
    let naive = try #require(forecast.seasonalNaiveMASE)
    #expect(try #require(forecast.backtestMASE) <= naive)
}

@Test func allMissingIsAnError() {
    #expect(throws: ForecastError.noObservations) { try run([.nan, .nan, .nan]) }
    #expect(throws: ForecastError.noObservations) { try run([]) }
}

@Test func constantAndZeroSeriesStayFlat() throws {
    for level in [0.0, 7.0] {
        let forecast = try run(Array(repeating: level, count: 24 * 15))
        expectWellFormed(forecast, horizon: 24, nonNegative: true)
        #expect(forecast.point.allSatisfy { abs($0 - level) < 1e-6 * max(1, level) })
        for row in forecast.quantiles { #expect(row.allSatisfy { abs($0 - level) < 1e-3 * max(1, level) }) }
    }
}

@Test func spikyAndSparseSeriesStayBounded() throws {
    var values = Array(repeating: 0.0, count: 24 * 30)
    for i in stride(from: 5, to: values.count, by: 53) { values[i] = 1_000 }
    let forecast = try run(values)
    expectWellFormed(forecast, horizon: 24, nonNegative: true)
    #expect(forecast.point.allSatisfy { $0 <= 1_000 })
    var bursty = SyntheticSeries.hourly(count: 24 * 30)
    bursty[400] = 1e7
    bursty[401] = 5e6
    let robust = try run(bursty)
    expectWellFormed(robust, horizon: 24, nonNegative: true)
    #expect(robust.point.allSatisfy { $0 < 1_000 })
}

@Test func hugeAndNegativeValuesStayFinite() throws {
    let huge = SyntheticSeries.hourly(count: 24 * 15).map { $0 * 1e300 }
    expectWellFormed(try run(huge), horizon: 24, nonNegative: true)
    var mixed = SyntheticSeries.hourly(count: 24 * 15).map { $0 - 100 }
    mixed[10] = -Double.greatestFiniteMagnitude
    mixed[11] = Double.greatestFiniteMagnitude
    expectWellFormed(try run(mixed), horizon: 24, nonNegative: false)
    let tiny = SyntheticSeries.hourly(count: 24 * 15).map { $0 * 1e-300 }
    expectWellFormed(try run(tiny), horizon: 24, nonNegative: true)
}

@Test(arguments: [1, 2, 3, 5, 20, 47, 24 * 3, 24 * 10])
func shortHistoriesDegradeGracefully(length: Int) throws {
    let values = SyntheticSeries.hourly(count: length)
    let forecast = try run(values, horizon: 30)
    expectWellFormed(forecast, horizon: 30, nonNegative: true)
    if length < 48 { #expect(forecast.model == .seasonalNaive) }
    if length < 24 * 14 { #expect(!forecast.candidates.contains { $0.model == .seasonalNaiveLong }) }
}

@Test func dailyAndMinuteStepsWork() throws {
    let daily = (0..<400).map { 50 + 10 * Double($0 % 7) }
    expectWellFormed(try run(daily, step: 86_400, horizon: 14), horizon: 14, nonNegative: true)
    let minutes = (0..<3_000).map { 5 + Double($0 % 60) / 10 }
    expectWellFormed(try run(minutes, step: 60, horizon: 120), horizon: 120, nonNegative: true)
}

@Test func recurringEventsAreLearned() throws {
    // Every Saturday noon to 18h the traffic triples; the calendar says so.
    let hours = 24 * 42
    var values = SyntheticSeries.hourly(count: hours + 24 * 7, noise: 1)
    var events: [CalendarEvent] = []
    for week in 0..<7 {
        let start = (week * 7 + 5) * 24 + 12
        events.append(CalendarEvent(name: "launch", start: Int64(start) * 3_600, end: Int64(start + 6) * 3_600))
        for h in start..<(start + 6) where h < values.count { values[h] *= 3 }
    }
    // Only the first 42 days are history; the event on day 47 lies in the future.
    let series = RegularSeries(values: Array(values[0..<hours]), stepSeconds: 3_600, start: 0)
    let options = ForecastOptions(seasonalities: [24], events: events, models: [.harmonicLog, .harmonicLogAR])
    let forecast = try Forecaster.forecast(series, horizon: 24 * 7, options: options)
    let eventHour = (6 * 7 + 5) * 24 + 12 - hours
    #expect(forecast.point[eventHour + 2] > 1.8 * forecast.point[eventHour - 24 + 2])
}

@Test func negativeSeriesNeverGetLogModels() throws {
    let values = SyntheticSeries.hourly(count: 24 * 21).map { $0 - 120 }
    let forecast = try run(values)
    expectWellFormed(forecast, horizon: 24, nonNegative: false)
    #expect(!forecast.candidates.contains { $0.model.rawValue.contains("log") })
    #expect(forecast.quantiles.joined().contains { $0 < 0 })
}

@Test func veryLongHistoriesUseTheRecentPart() throws {
    let values = (0..<(Forecaster.maximumHistory + 500)).map { Double($0 % 1_440) / 100 + 1 }
    let forecast = try run(values, step: 60, horizon: 10)
    expectWellFormed(forecast, horizon: 10, nonNegative: true)
    let expected = (0..<10).map { Double((values.count + $0) % 1_440) / 100 + 1 }
    for h in 0..<10 { #expect(abs(forecast.point[h] - expected[h]) < 0.5) }
}

@Test func fewBacktestErrorsStillGiveAnInterval() throws {
    for values in [[1.0, 2, 3, 4], [5.0, 7, 6, 8, 7, 9, 8, 10]] {
        let forecast = try Forecaster.forecast(RegularSeries(values: values, stepSeconds: 3_600, start: 0), horizon: 3,
                                               options: ForecastOptions(levels: [0.1, 0.5, 0.9]))
        expectWellFormed(forecast, horizon: 3, nonNegative: true)
        for h in 0..<3 {
            #expect(forecast.quantiles[0][h] < forecast.point[h] && forecast.point[h] < forecast.quantiles[2][h])
        }
    }
}
