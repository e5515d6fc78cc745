import Planning
import Simulation
import Testing
import Traffic

/// The hybrid policy: its plan floor's sizing and its correction to the SLO capacity.
@Suite struct HybridTests {
    let fleet: FleetConfiguration

    init() throws { fleet = try SyntheticTraffic.fleet() }

    @Test func defaultsPlanOnQ0_9AtEightyPercentAndCorrectToTheSLOCapacity() {
        let settings = HybridSettings()
        #expect(settings.planQuantile == 0.9)
        #expect(settings.planUtilization == 0.8)
        #expect(settings.correction.targetUtilization == 1)
        #expect(settings.correction.scaleDownStabilizationSeconds == 300)
        #expect(settings.correction.syncSeconds == 15)
        let earlier = HybridSettings.configuredPlan()
        #expect(earlier.planQuantile == nil && earlier.planUtilization == nil)
        #expect(earlier.correction == ReactiveSettings())
    }

    @Test func correctionAsksForTheSLOCapacityAboveTheFloor() throws {
        // 3 req/s for two training days and the replay's first six hours, then 30 req/s: the plan
        // (from flat history) holds the floor of 2; the correction asks ceil(30 / 5.4) = 6
        // replicas where the reactive baseline (utilisation 0.7) asks ceil(30 / 3.78) = 8.
        let jump = 2 * SyntheticTraffic.stepsPerDay + 72
        let input = SyntheticTraffic.stepChange(days: 3, rate: 3, jumpAt: jump, jumpRate: 30)
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 2))
        let hybrid = try simulator.run(input, policy: .hybrid)
        let reactive = try simulator.run(input, policy: .reactive)
        let ready = hybrid.readyReplicas[0]
        #expect(ready[71] == 2 && ready[72] == 2)
        #expect(ready[75] == 6 && ready.last == 6)
        #expect(reactive.readyReplicas[0].last == 8)
        // Same lag as reactive (15 s sync + 600 s provisioning + 90 s cold start): the same loss.
        let lost: Double = (30 - 2 * 5.4) * 705
        #expect(abs(hybrid.report.unservedRequests - lost) < 1e-6 * lost)
        #expect(hybrid.report.totalCost < reactive.report.totalCost)
    }

    @Test func correctionReleasesDownToTheFloorAfterItsStabilisation() throws {
        // A one-hour burst at 30 req/s on the replayed day (from 06:00), 3 req/s otherwise.
        let steps = 3 * SyntheticTraffic.stepsPerDay
        let burst = (2 * SyntheticTraffic.stepsPerDay + 72)..<(2 * SyntheticTraffic.stepsPerDay + 84)
        let values = (0..<steps).map { (burst.contains($0) ? 30.0 : 3.0) * 300 }
        let input = SimulationInput(step: SyntheticTraffic.step, start: SyntheticTraffic.start,
                                    series: [TrafficSeries(model: "chat-8b", region: "us-east-1", values: values)])
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 2))
        let ready = try simulator.run(input, policy: .hybrid).readyReplicas[0]
        #expect(ready[83] == 6)
        // The burst ends at step 84; the last sync that saw it (at the end of step 83) holds 6
        // for 300 s, to the end of step 84; then the pool is back on the plan's floor of 2.
        #expect(ready[84] == 6)
        #expect(ready[85] == 2 && ready.last == 2)
    }

    @Test func hybridPlansAreSizedWithItsOwnQuantileAndUtilisation() throws {
        let input = SyntheticTraffic.daily(days: 4, scale: SyntheticTraffic.noise(low: 0.9, high: 1.1))
        let settings = SimulationSettings(trainDays: 3, hybrid: HybridSettings(planQuantile: 0.9, planUtilization: 0.75))
        let simulator = Simulator(configuration: fleet, settings: settings)
        let forecasts = try simulator.forecasts(input)
        let hybrid = try simulator.run(input, policy: .hybrid, forecasts: forecasts)
        let predictive = try simulator.run(input, policy: .predictive, forecasts: forecasts)
        let hybridModel = try #require(hybrid.plans.first?.models.first)
        let predictiveModel = try #require(predictive.plans.first?.models.first)
        #expect(hybridModel.quantile == 0.9)
        #expect(predictiveModel.quantile == 0.95)
        // A lower quantile at a higher utilisation plans fewer replicas at the peak.
        #expect((hybridModel.replicas.max() ?? 0) < (predictiveModel.replicas.max() ?? 0))
    }

    @Test func batchModelsKeepTheirConfiguredPlan() throws {
        let input = SyntheticTraffic.daily(days: 4, model: "batch-summarize", scale: { _, _ in 0.1 })
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 3))
        let forecasts = try simulator.forecasts(input)
        let hybrid = try simulator.run(input, policy: .hybrid, forecasts: forecasts)
        let predictive = try simulator.run(input, policy: .predictive, forecasts: forecasts)
        #expect(hybrid.plans == predictive.plans)
    }
}
