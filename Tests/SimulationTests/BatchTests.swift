import Planning
import Simulation
import Testing

/// Batch-class work (batch-summarize: 0.75 req/s per replica at batch 32, 4-hour deadline)
/// queues within its deadline instead of being dropped.
@Suite struct BatchTests {
    let fleet: FleetConfiguration

    init() throws { fleet = try SyntheticTraffic.fleet() }

    /// 0.5 req/s (one static replica) for two training days, then `burstRate` for `burstSteps`
    /// steps from 06:00 of the replayed day.
    func input(burstRate: Double, burstSteps: Int) -> SimulationInput {
        let burst = 2 * SyntheticTraffic.stepsPerDay + 72
        let values = (0..<(3 * SyntheticTraffic.stepsPerDay)).map { index in
            (index >= burst && index < burst + burstSteps ? burstRate : 0.5) * 300
        }
        return SimulationInput(step: SyntheticTraffic.step, start: SyntheticTraffic.start,
                               series: [TrafficSeries(model: "batch-summarize", region: "us-east-1", values: values)])
    }

    @Test func aBurstDrainedWithinTheDeadlineLosesNothing() throws {
        // 2 req/s for 30 minutes on one replica: 2,250 requests wait, drained at 0.25 req/s
        // of spare capacity in 2.5 hours, each served within 3,000 s of arriving.
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 2))
        let report = try simulator.run(input(burstRate: 2, burstSteps: 6), policy: .static).report
        #expect(report.peakReplicas == 1)
        #expect(report.unservedRequests == 0)
        #expect(report.servedFraction == 1)
        #expect(report.sloViolationMinutes == 0)
        let arrived: Double = (0.5 * 86_400) + 1.5 * 1_800
        #expect(abs(report.requests - arrived) < 1e-6 * arrived)
        // One replica of 2 A100s all day, no node reserved: 60 % on spot with a buffer of
        // 0.05 interruptions/h × (480 + 240) s = 1 %, the rest on demand.
        let spotHours: Double = 2 * 24 * 0.6 * 1.01
        #expect(report.daily.map(\.reservedNodes) == [0])
        #expect(abs((report.gpuHoursByCapacityType["spot"] ?? 0) - spotHours) < 1e-9)
        #expect(abs((report.gpuHoursByCapacityType["on-demand"] ?? 0) - 2 * 24 * 0.4) < 1e-9)
        let cost: Double = spotHours * 0.96 + 2 * 24 * 0.4 * 2.745
        #expect(abs(report.totalCost - cost) < 1e-9 * cost)
    }

    @Test func workStillQueuedAfterItsDeadlineIsUnserved() throws {
        // 2 req/s for 12 hours on one replica: 1.25 req/s more than it serves.
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 2))
        let fixed = try simulator.run(input(burstRate: 2, burstSteps: 144), policy: .static).report
        #expect(fixed.unservedRequests > 10_000)
        #expect(fixed.servedFraction < 0.9)
        #expect(fixed.sloViolationMinutes > 0)
        // The reactive policy scales on arrivals plus the backlog and keeps every deadline.
        let reactive = try simulator.run(input(burstRate: 2, burstSteps: 144), policy: .reactive).report
        #expect(reactive.unservedRequests == 0)
        #expect(reactive.peakReplicas > 1)
    }
}
