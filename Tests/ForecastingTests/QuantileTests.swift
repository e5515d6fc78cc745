@testable import Forecasting
import Testing

@Test func quickselectMedianMatchesSorting() {
    var rng = SyntheticSeries.Noise(state: 7)
    for count in [1, 2, 3, 10, 101, 1_000] {
        let values = (0..<count).map { _ in (rng.next() * 20).rounded() }
        var work = values
        let sorted = values.sorted()
        let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
        #expect(abs(Quantile.median(&work) - expected) < 1e-12)
    }
    var empty: [Double] = []
    #expect(Quantile.median(&empty) == 0)
    #expect(abs(Quantile.sorted([1, 2, 3, 4], 0.5) - 2.5) < 1e-12)
}

@Test func backtestPlanKeepsHalfTheHistory() {
    let plan = BacktestPlan(length: 2_016, horizon: 288, count: 3)
    #expect(plan.origins == [1_152, 1_440, 1_728] && plan.horizon == 288)
    let short = BacktestPlan(length: 100, horizon: 288, count: 3)
    #expect(short.horizon == 25 && short.origins.allSatisfy { $0 >= 50 })
    #expect(BacktestPlan(length: 2, horizon: 5, count: 3).origins.isEmpty)
}

@Test func quickselectQuantilesMatchSortedOnes() {
    var rng = SyntheticSeries.Noise(state: 11)
    let values = (0..<777).map { _ in rng.gaussian() }
    let sorted = values.sorted()
    for level in [0.0, 0.025, 0.5, 0.975, 1.0] {
        var work = values
        #expect(abs(Quantile.unsorted(&work, level) - Quantile.sorted(sorted, level)) < 1e-12)
    }
}
