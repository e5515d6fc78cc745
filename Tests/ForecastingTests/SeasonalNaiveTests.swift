@testable import Forecasting
import Testing

@Test func seasonalNaiveNeverCutsItsSeasonToFitTheHistory() {
    let u = (0..<30).map(Double.init)
    // A weekly lag of 20 with 12 steps of history falls back to the daily lag of 5, not 12.
    let path = SimpleModels.seasonalNaive(u, origin: 12, horizon: 3, lag: 20, fallback: 5)
    #expect(path == [7, 8, 9])
    // Neither fits: the last value.
    #expect(SimpleModels.seasonalNaive(u, origin: 3, horizon: 2, lag: 20, fallback: 5) == [2, 2])
    #expect(SimpleModels.seasonalNaive(u, origin: 25, horizon: 2, lag: 20, fallback: 5) == [5, 6])
}
