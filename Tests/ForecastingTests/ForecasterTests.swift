import Forecasting
import Testing

/// Checks the invariants every forecast must hold: shapes, finiteness, ordered quantiles,
/// non-negativity for non-negative input.
func expectWellFormed(_ forecast: Forecast, horizon: Int, nonNegative: Bool,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(forecast.point.count == horizon, sourceLocation: sourceLocation)
    #expect(forecast.quantiles.count == forecast.levels.count, sourceLocation: sourceLocation)
    #expect(forecast.point.allSatisfy { $0.isFinite }, sourceLocation: sourceLocation)
    for row in forecast.quantiles {
        #expect(row.count == horizon, sourceLocation: sourceLocation)
        #expect(row.allSatisfy { $0.isFinite }, sourceLocation: sourceLocation)
        if nonNegative { #expect(row.allSatisfy { $0 >= 0 }, sourceLocation: sourceLocation) }
    }
    for h in 0..<horizon {
        for k in 1..<forecast.quantiles.count {
            #expect(forecast.quantiles[k][h] >= forecast.quantiles[k - 1][h] - 1e-9, sourceLocation: sourceLocation)
        }
    }
    for value in [forecast.backtestMASE, forecast.seasonalNaiveMASE, forecast.coverage95] {
        if let value { #expect(value.isFinite, sourceLocation: sourceLocation) }
    }
    if nonNegative { #expect(forecast.point.allSatisfy { $0 >= 0 }, sourceLocation: sourceLocation) }
}

@Test func seasonalTrafficBeatsSeasonalNaive() throws {
    let values = SyntheticSeries.hourly(count: 24 * 56)
    let series = RegularSeries(values: values, stepSeconds: 3_600, start: 1_700_000_000 / 3_600 * 3_600)
    let forecast = try Forecaster.forecast(series, horizon: 48)
    expectWellFormed(forecast, horizon: 48, nonNegative: true)
    let chosen = try #require(forecast.backtestMASE)
    let naive = try #require(forecast.seasonalNaiveMASE)
    #expect(chosen < 0.8 * naive, "chosen \(forecast.model) \(chosen) vs naive \(naive)")
    #expect(forecast.model != .seasonalNaive)
    let coverage = try #require(forecast.coverage95)
    #expect(coverage > 0.8)
    // The truth (without noise) is close to the median.
    let truth = SyntheticSeries.hourly(count: 24 * 56 + 48, noise: 0)
    let median = try #require(forecast.levels.firstIndex { abs($0 - 0.5) < 1e-12 })
    for h in 0..<48 { #expect(abs(forecast.quantiles[median][h] - truth[24 * 56 + h]) < 15) }
}

@Test func quantilesBracketThePoint() throws {
    let values = SyntheticSeries.hourly(count: 24 * 21)
    let series = RegularSeries(values: values, stepSeconds: 3_600, start: 0)
    let forecast = try Forecaster.forecast(series, horizon: 24, options: ForecastOptions(levels: [0.975, 0.025, 0.5]))
    #expect(forecast.levels == [0.025, 0.5, 0.975])
    for h in 0..<24 {
        #expect(forecast.quantiles[0][h] <= forecast.point[h] + 1e-9)
        #expect(forecast.quantiles[2][h] >= forecast.point[h] - 1e-9)
        #expect(forecast.quantiles[2][h] - forecast.quantiles[0][h] > 1)
    }
}

@Test func batchMatchesSingleSeries() throws {
    let a = SyntheticSeries.hourly(count: 24 * 20, seed: 1)
    let b = SyntheticSeries.hourly(count: 24 * 20, seed: 2).map { $0 * 3 }
    let batch = try Forecaster.forecast(batch: Array(repeating: [a, b], count: 40).flatMap { $0 }, stepSeconds: 3_600,
                                        start: 0, horizon: 24)
    #expect(batch.count == 80)
    let single = try Forecaster.forecast(RegularSeries(values: b, stepSeconds: 3_600, start: 0), horizon: 24)
    let fromBatch = try batch[79].get()
    #expect(fromBatch.model == single.model)
    for h in 0..<24 { #expect(abs(fromBatch.point[h] - single.point[h]) <= 1e-6 * max(1, abs(single.point[h]))) }
}

@Test func batchRejectsRaggedGrids() {
    #expect(throws: ForecastError.lengthMismatch(expected: 3, actual: 2, series: 1)) {
        try Forecaster.forecast(batch: [[1, 2, 3], [1, 2]], stepSeconds: 60, start: 0, horizon: 2)
    }
}

@Test func invalidOptionsAreTypedErrors() {
    let series = RegularSeries(values: [1, 2, 3], stepSeconds: 3_600, start: 0)
    #expect(throws: ForecastError.invalidHorizon(0)) { try Forecaster.forecast(series, horizon: 0) }
    #expect(throws: ForecastError.invalidLevel(1)) {
        try Forecaster.forecast(series, horizon: 1, options: ForecastOptions(levels: [0.5, 1]))
    }
    #expect(throws: ForecastError.invalidStep(seconds: 0)) {
        try Forecaster.forecast(RegularSeries(values: [1], stepSeconds: 0, start: 0), horizon: 1)
    }
    #expect(throws: ForecastError.invalidPeriod(1)) {
        try Forecaster.forecast(series, horizon: 1, options: ForecastOptions(seasonalities: [1]))
    }
    #expect(throws: ForecastError.invalidEvent(name: "x")) {
        try Forecaster.forecast(series, horizon: 1, options: ForecastOptions(events: [CalendarEvent(name: "x", start: 5, end: 1)]))
    }
}

@Test func intervalsAreCalibratedOnHeldOutData() throws {
    // Twenty held-out days of noisy seasonal traffic: the 95% interval should cover about 95%.
    var inside = 0, total = 0
    let values = SyntheticSeries.hourly(count: 24 * 70, noise: 8, seed: 9)
    for day in 0..<20 {
        let cut = 24 * 50 + 24 * day
        let series = RegularSeries(values: Array(values[0..<cut]), stepSeconds: 3_600, start: 0)
        let forecast = try Forecaster.forecast(series, horizon: 24, options: ForecastOptions(levels: [0.025, 0.975]))
        for h in 0..<24 {
            total += 1
            if values[cut + h] >= forecast.quantiles[0][h], values[cut + h] <= forecast.quantiles[1][h] { inside += 1 }
        }
    }
    let coverage = Double(inside) / Double(total)
    #expect(coverage > 0.9 && coverage < 0.995, "coverage \(coverage)")
}
