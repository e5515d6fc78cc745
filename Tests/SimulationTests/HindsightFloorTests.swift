import Planning
import Simulation
import Testing
import Traffic

/// The hindsight cost floor: perfect foresight, no lead time.
@Suite struct HindsightFloorTests {
    let fleet: FleetConfiguration

    init() throws { fleet = try SyntheticTraffic.fleet() }

    @Test func constantLoadCostsItsExactReplicasOnDemand() throws {
        // 12 req/s: ceil(12 / 5.4) = 3 H100 replicas all day; 3 GPUs are too few for an 8-GPU
        // reservation (8 × 4.27 > 3 × 6.88), so 3 × 6.88 USD per hour on demand.
        let input = SyntheticTraffic.stepChange(days: 3, rate: 12, jumpAt: 0, jumpRate: 12)
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 2))
        let floor = try #require(try simulator.hindsightFloor(input))
        let expected: Double = 3 * 6.88 * 24
        #expect(abs(floor - expected) < 1e-9 * expected)
        #expect(try simulator.run(input, policy: .static).report.hindsightFloorCost == floor)
    }

    @Test func aFullNodeOfLoadIsReserved() throws {
        // 40 req/s: ceil(40 / 5.4) = 8 replicas, one whole node: reserved at 8 × 4.27 USD per hour.
        let input = SyntheticTraffic.stepChange(days: 2, rate: 40, jumpAt: 0, jumpRate: 40)
        let floor = try #require(try Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 1)).hindsightFloor(input))
        let expected: Double = 8 * 4.27 * 24
        #expect(abs(floor - expected) < 1e-9 * expected)
    }

    @Test func noPolicyThatServesEverythingCostsLess() throws {
        let input = SyntheticTraffic.daily(days: 5, scale: SyntheticTraffic.noise(low: 0.7, high: 1))
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 3))
        let floor = try #require(try simulator.hindsightFloor(input))
        #expect(floor > 0)
        for policy in SimulationPolicy.allCases {
            let report = try simulator.run(input, policy: policy).report
            #expect(report.hindsightFloorCost == floor)
            if report.unservedRequests == 0 { #expect(report.totalCost >= floor) }
        }
    }

    @Test func batchOnlyReplaysHaveNoFloor() throws {
        let input = SyntheticTraffic.daily(days: 3, model: "batch-summarize", scale: { _, _ in 0.1 })
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 2))
        #expect(try simulator.hindsightFloor(input) == nil)
    }

    @Test func emptyTrafficIsRefused() {
        let input = SimulationInput(step: SyntheticTraffic.step, start: SyntheticTraffic.start, series: [])
        #expect(throws: SimulationError.self) {
            _ = try Simulator(configuration: fleet).hindsightFloor(input)
        }
    }
}
