import Planning
import Simulation
import Testing

/// Replays on synthetic traffic: a few days, so that the whole suite stays within seconds.
@Suite struct SimulatorTests {
    let fleet: FleetConfiguration

    init() throws { fleet = try SyntheticTraffic.fleet() }

    func simulator(trainDays: Int) -> Simulator {
        Simulator(configuration: fleet, settings: SimulationSettings(trainDays: trainDays))
    }

    @Test func sameInputGivesTheSameReport() throws {
        let input = SyntheticTraffic.daily(days: 4, scale: SyntheticTraffic.noise(low: 0.8, high: 1.2))
        let simulator = simulator(trainDays: 3)
        let first = try simulator.run(input, policy: .hybrid)
        let second = try simulator.run(input, policy: .hybrid)
        #expect(first.report == second.report)
        #expect(first.plans == second.plans)
        #expect(first.report.days == 1 && first.report.replayStart == "2024-01-04T00:00:00Z")
    }

    @Test func forecastsAndPlansUseNoFutureTraffic() throws {
        let days = 6
        let train = 3
        let original = SyntheticTraffic.daily(days: days, scale: SyntheticTraffic.noise(low: 0.9, high: 1.1))
        // Triple every step from the second replayed day on.
        let changedFrom = (train + 1) * SyntheticTraffic.stepsPerDay
        var perturbed = original
        for index in changedFrom..<perturbed.series[0].values.count { perturbed.series[0].values[index] *= 3 }
        let simulator = simulator(trainDays: train)
        let before = try simulator.run(original, policy: .predictive)
        let after = try simulator.run(perturbed, policy: .predictive)
        let forecastsBefore = try simulator.forecasts(original)
        let forecastsAfter = try simulator.forecasts(perturbed)
        #expect(before.plans.count == days - train && after.plans.count == days - train)
        // Days 0 and 1 of the replay are planned from data before the change: identical.
        #expect(forecastsBefore[0] == forecastsAfter[0] && forecastsBefore[1] == forecastsAfter[1])
        #expect(before.plans[0] == after.plans[0] && before.plans[1] == after.plans[1])
        // Day 2 sees the tripled day 1 in its history: the test has teeth.
        #expect(forecastsBefore[2] != forecastsAfter[2])
        #expect(before.plans[2] != after.plans[2])
        #expect(before.report.daily[0] == after.report.daily[0])
    }

    @Test func staticServesEverythingUpToItsTrainingPeak() throws {
        // Replayed days never exceed the training days' peak (multipliers ≤ 1 after training).
        let input = SyntheticTraffic.daily(days: 5) { day, k in
            day < 2 ? 1 : SyntheticTraffic.noise(low: 0.2, high: 1)(day, k)
        }
        let report = try simulator(trainDays: 2).run(input, policy: .static).report
        #expect(report.unservedRequests == 0)
        #expect(report.servedFraction == 1)
        #expect(report.sloViolationMinutes == 0)
        #expect(report.scaleActions == 0)
        // 22 req/s at the training peak, 5.4 req/s per replica at 65 %: 7 replicas, one 8-GPU node reserved.
        #expect(report.peakReplicas == 7)
        #expect(report.daily.allSatisfy { $0.reservedNodes == 1 })
        let expectedCost: Double = 8 * 4.27 * 24 * 3.0
        #expect(abs(report.totalCost - expectedCost) < 1e-6 * expectedCost)
    }

    @Test func reactiveLagsAStepIncreaseBySyncProvisioningAndColdStart() throws {
        // 3 req/s for two training days and the replay's first six hours, then 30 req/s.
        let jump = 2 * SyntheticTraffic.stepsPerDay + 72
        let input = SyntheticTraffic.stepChange(days: 3, rate: 3, jumpAt: jump, jumpRate: 30)
        let run = try simulator(trainDays: 2).run(input, policy: .reactive)
        let ready = run.readyReplicas[0]
        let j = 72
        // Floor of 2 replicas until the jump; the 15 s sync asks for ceil(30 / (5.4 × 0.7)) = 8;
        // the six new replicas serve 15 + 600 (provisioning) + 90 (cold start) = 705 s later.
        #expect(ready[j - 1] == 2 && ready[j] == 2 && ready[j + 1] == 2)
        let partial: Double = (2.0 * 105 + 8.0 * 195) / 300
        #expect(abs(ready[j + 2] - partial) < 1e-9)
        #expect(ready[j + 3] == 8 && ready.last == 8)
        let lost: Double = (30 - 2 * 5.4) * 705
        #expect(abs(run.report.unservedRequests - lost) < 1e-6 * lost)
        #expect(abs(run.report.sloViolationMinutes - 705.0 / 60) < 1e-9)
        #expect(run.report.scaleActions == 1)
        let starting: Double = 6 * 690.0 / 60
        #expect(abs(run.report.coldStartMinutes - starting) < 1e-9)
    }

    @Test func hybridServesAtLeastWhatPredictiveServes() throws {
        // The last replayed day runs 60 % above anything seen: the forecast cannot know.
        let input = SyntheticTraffic.daily(days: 5) { day, k in
            (day == 4 ? 1.6 : 1) * SyntheticTraffic.noise(low: 0.9, high: 1.1)(day, k)
        }
        // The hybrid on the configured plan (the predictive policy's), with its SLO-capacity correction.
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(
            trainDays: 3, hybrid: HybridSettings(planQuantile: nil, planUtilization: nil)))
        let forecasts = try simulator.forecasts(input)
        let predictive = try simulator.run(input, policy: .predictive, forecasts: forecasts).report
        let hybrid = try simulator.run(input, policy: .hybrid, forecasts: forecasts).report
        #expect(predictive.unservedRequests > 0)
        #expect(hybrid.servedFraction >= predictive.servedFraction)
        #expect(hybrid.unservedRequests < predictive.unservedRequests)
        #expect(hybrid.totalCost >= predictive.totalCost)
    }
}
