import Planning
import PropertyBased
import Testing

@Suite struct ReservationOptimizerTests {
    func levels(_ interactive: [Double], _ batch: [Double]? = nil) -> [PoolLevel] {
        interactive.enumerated().map { index, gpus in
            PoolLevel(at: Int64(index) * 300, interactiveGPUs: gpus, batchGPUs: batch?[index] ?? 0)
        }
    }

    @Test func reservesWhileTheShareOfHoursExceedsThePriceRatio() {
        // Ratio 0.6: need ≥ 1 node 100 % of hours, ≥ 2 nodes 70 %, ≥ 3 nodes 50 %, ≥ 4 nodes 10 %.
        let nodes: [Double] = [1, 1, 1, 2, 2, 3, 3, 3, 3, 4]
        let optimizer = ReservationOptimizer(gpusPerNode: 8, reservedRate: 0.6, onDemandRate: 1,
                                             batchOverflowRate: 1, stepHours: 1)
        #expect(optimizer.optimalNodes(levels: levels(nodes.map { $0 * 8 })) == 2)
    }

    @Test func aDailyPeakIsNotReserved() {
        // Eight busy hours a day at 10 nodes, 16 quiet hours at 2: with reserved at 62 % of on
        // demand, reserving the peak (as a peak-average recommendation would) loses money.
        let day = [Double](repeating: 16, count: 16) + [Double](repeating: 80, count: 8)
        let optimizer = ReservationOptimizer(gpusPerNode: 8, reservedRate: 4.27, onDemandRate: 6.88,
                                             batchOverflowRate: 6.88, stepHours: 1)
        let pool = levels(day + day + day)
        #expect(optimizer.optimalNodes(levels: pool) == 2)
        #expect(optimizer.cost(nodes: 2, levels: pool) < optimizer.cost(nodes: 10, levels: pool))
    }

    @Test func cheapSpotLowersWhatBatchWorkIsWorthReserving() {
        // Batch need all the time; with spot at half the reserved rate, reserving does not pay.
        let pool = levels([Double](repeating: 0, count: 10), [Double](repeating: 16, count: 10))
        let withSpot = ReservationOptimizer(gpusPerNode: 8, reservedRate: 4, onDemandRate: 8,
                                            batchOverflowRate: 2, stepHours: 1)
        let without = ReservationOptimizer(gpusPerNode: 8, reservedRate: 4, onDemandRate: 8,
                                           batchOverflowRate: 8, stepHours: 1)
        #expect(withSpot.optimalNodes(levels: pool) == 0)
        #expect(without.optimalNodes(levels: pool) == 2)
    }

    @Test func emptyAndZeroDemandReserveNothing() {
        let optimizer = ReservationOptimizer(gpusPerNode: 8, reservedRate: 1, onDemandRate: 2, batchOverflowRate: 2, stepHours: 1)
        #expect(optimizer.optimalNodes(levels: []) == 0)
        #expect(optimizer.optimalNodes(levels: levels([0, 0, 0])) == 0)
    }

    @Test func matchesBruteForce() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...40).array(of: 1...48), Gen.int(in: 0...40).array(of: 48),
            Gen.double(in: 0.05...1.2), Gen.double(in: 0.1...1), Gen.int(in: 1...8)
        ) { interactive, batch, ratio, spotRatio, perNode in
            let pool = levels(interactive.map(Double.init), batch.prefix(interactive.count).map(Double.init))
            let optimizer = ReservationOptimizer(gpusPerNode: perNode, reservedRate: ratio * 3, onDemandRate: 3,
                                                 batchOverflowRate: spotRatio * 3, stepHours: 5.0 / 60)
            let chosen = optimizer.optimalNodes(levels: pool)
            let best = (0...90).map { optimizer.cost(nodes: $0, levels: pool) }.min() ?? 0
            let cost = optimizer.cost(nodes: chosen, levels: pool)
            #expect(cost <= best + 1e-9 * max(1, best), "chose \(chosen) at \(cost), brute force finds \(best)")
        }
    }

    @Test func interactiveOnlyMatchesTheFractionRule() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...12).array(of: 1...100), Gen.double(in: 0.05...0.95)) { nodes, ratio in
            let optimizer = ReservationOptimizer(gpusPerNode: 8, reservedRate: ratio, onDemandRate: 1,
                                                 batchOverflowRate: 1, stepHours: 1)
            let chosen = optimizer.optimalNodes(levels: levels(nodes.map { Double($0 * 8) }))
            // Reserve k iff the fraction of hours needing at least k nodes exceeds the price ratio.
            let byRule = (1...13).filter { k in
                Double(nodes.filter { $0 >= k }.count) / Double(nodes.count) > ratio * (1 + 1e-12)
            }.max() ?? 0
            #expect(chosen == byRule)
        }
    }
}
