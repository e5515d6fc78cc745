#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Planning
import Testing
import Traffic

@Suite struct PlannerTests {
    let step = Step(seconds: 300)!
    let now: Int64 = 1_700_006_400  // a multiple of 300 and of 86 400

    func demand(_ model: String, region: String = "r1", point: [Double], scale: Double = 1.2,
                history: [Double] = []) -> PlanDemand {
        PlanDemand(model: model, region: region, step: step, forecastStart: now, point: point,
                   quantiles: [0.5: point, 0.9: point.map { $0 * scale }, 0.99: point.map { $0 * scale * 1.3 }],
                   historyStart: now - Int64(history.count) * 300, history: history)
    }

    @Test func plansReplicasScheduleAndCosts() throws {
        let chat = Fixture.profile(name: "chat", utilization: 0.5, floor: 2, cap: 40)
        let planner = Planner(configuration: Fixture.configuration(models: [chat]))
        let point = Fixture.daily(steps: 288, base: 2, swing: 20)
        let plan = try planner.plan(demand: [demand("chat", point: point, history: Fixture.daily(steps: 288 * 7, base: 2, swing: 20))],
                                    now: now)
        let model = try #require(plan.models.first)
        #expect(model.replicas.count == 288)
        #expect(model.replicas.allSatisfy { (2...40).contains($0) })
        #expect(model.uncoveredSteps == 0)
        #expect(zip(model.readyReplicas, model.replicas).allSatisfy { $0 >= $1 })
        // Sized on the 0.9 quantile (point × 1.2) at 2.5 rps per replica (batch 8 at 50 %).
        let peak = (point.max() ?? 0) * 1.2 / 300
        #expect(model.replicas.max() == Int((peak / 2.5).rounded(.up)))
        #expect(model.actions.allSatisfy { $0.at >= now })
        #expect(model.actions.contains { $0.kind == .scaleUp })
        #expect(model.actions.contains { $0.kind == .scaleDown })
        #expect(model.replicaHoursSavedByBatching > 0)
        let split = try #require(plan.capacity.first)
        #expect(split.region == "r1" && split.gpuType == "H100")
        #expect(split.reservedNodes >= 0)
        #expect(Double(split.reservedNodes * 8) <= split.peakGPUs + 8)
        #expect(split.spotUSDPerGPUHour == nil)
        #expect(split.horizon.spotGPUHours == 0)
        #expect(abs(split.horizonHours - 24) < 1e-9)
        #expect(abs(split.historyHours - 24 * 7) < 1e-9)
        // The horizon's GPU-hours are the model's launched GPU-hours.
        let used = split.horizon.reservedUsedGPUHours + split.horizon.onDemandGPUHours
        #expect(abs(used - model.gpuHours) < 1e-6)
        #expect(plan.totals.monthly.totalUSD <= plan.totals.allOnDemandMonthlyUSD + 1e-6)
        #expect(plan.totals.savingsVersusStaticPeakMonthlyUSD > 0)
        #expect(split.daily.count == 1)
        #expect(plan.budget == nil)
    }

    @Test func interactiveWorkNeverRestsOnSpotButBatchMay() throws {
        let spot = SpotOffer(usdPerGPUHour: 2, provisioningSeconds: 120, interruptionsPerHour: 0.1, reliableShare: 0.5)
        let chat = Fixture.profile(name: "chat", floor: 2)
        let batch = Fixture.profile(name: "batch", workload: .batch, deadline: 3_600, floor: 0, quantile: nil)
        let planner = Planner(configuration: Fixture.configuration(models: [chat, batch], spot: spot))
        let plan = try planner.plan(demand: [
            demand("chat", point: Fixture.daily(steps: 288, base: 1, swing: 30)),
            demand("batch", point: Fixture.daily(steps: 288, base: 0, swing: 40, offset: 144)),
        ], now: now)
        let split = try #require(plan.capacity.first)
        // Buffer: 0.1 interruptions/h × (120 + 60) s = 0.005.
        #expect(abs(split.spotBuffer - 0.005) < 1e-12)
        #expect(abs((split.spotUSDPerGPUHour ?? 0) - 2.01) < 1e-12)
        #expect(split.spotShare == 0.5)
        // Spot GPU-hours never exceed half the batch GPU-hours (plus the buffer).
        let batchHours = plan.models.filter { $0.model == "batch" }.reduce(0) { $0 + $1.gpuHours }
        #expect(split.horizon.spotGPUHours <= batchHours * 0.5 * 1.005 + 1e-9)
        #expect(split.horizon.spotGPUHours > 0)
        let batchPlan = try #require(plan.models.first { $0.model == "batch" })
        #expect(batchPlan.lateRequests ?? 1 < 1e-6)
        #expect(batchPlan.quantile == nil)
        // Interactive only: no spot at all.
        let alone = try Planner(configuration: Fixture.configuration(models: [chat], spot: spot))
            .plan(demand: [demand("chat", point: Fixture.daily(steps: 288, base: 1, swing: 30))], now: now)
        #expect(alone.capacity.first?.horizon.spotGPUHours == 0)
    }

    @Test func batchWorkIsPlannedBelowItsPeak() throws {
        let batch = Fixture.profile(name: "batch", workload: .batch, deadline: 4 * 3_600, floor: 0, quantile: nil)
        let planner = Planner(configuration: Fixture.configuration(models: [batch]))
        let point = Fixture.daily(steps: 288, base: 0, swing: 40)
        let plan = try planner.plan(demand: [demand("batch", point: point)], now: now)
        let model = try #require(plan.models.first)
        #expect((model.plannedRequestsPerSecond.max() ?? 0) < (point.max() ?? 0) / 300)
        #expect(model.lateRequests ?? 1 < 1e-6)
        #expect((model.maxBacklogRequests ?? 0) > 0)
    }

    @Test func overBudgetNamesTheModelsThatLoseHeadroom() throws {
        let chat = Fixture.profile(name: "chat", floor: 1)
        let code = Fixture.profile(name: "code", gpus: 4, floor: 1)
        let planner = Planner(configuration: Fixture.configuration(models: [chat, code], budget: 1_000))
        let plan = try planner.plan(demand: [
            demand("chat", point: Fixture.daily(steps: 288, base: 2, swing: 10), scale: 1.1),
            demand("code", point: Fixture.daily(steps: 288, base: 2, swing: 10), scale: 1.5),
        ], now: now)
        let verdict = try #require(plan.budget)
        #expect(!verdict.withinBudget)
        #expect(verdict.overrunUSD > 0)
        #expect(verdict.modelsLosingHeadroom.first?.model == "code")
        #expect(!verdict.meetableByCuttingHeadroom)
        #expect(verdict.message.hasPrefix("over budget by $"))
        let generous = try Planner(configuration: Fixture.configuration(models: [chat, code], budget: 10_000_000))
            .plan(demand: [demand("chat", point: Fixture.daily(steps: 288, base: 2, swing: 10))], now: now)
        #expect(generous.budget?.withinBudget == true)
        #expect(generous.warnings == ["code/r1: no demand given, not planned"])
    }

    @Test func theCapIsReportedWhenDemandExceedsIt() throws {
        let small = Fixture.profile(name: "chat", cap: 3)
        let plan = try Planner(configuration: Fixture.configuration(models: [small]))
            .plan(demand: [demand("chat", point: [Double](repeating: 30_000, count: 12))], now: now)
        #expect(plan.models.first?.replicas.allSatisfy { $0 == 3 } == true)
        #expect(plan.models.first?.cappedSteps == 12)
        #expect(plan.warnings.contains { $0.contains("exceeds the cap of 3 replicas in 12 steps") })
    }

    @Test func extremeInputsDoNotTrap() throws {
        let huge = Fixture.profile(name: "chat", gpus: 8, cap: 1_000_000,
                                   scaleUp: ScaleUpLimit(replicas: .max, periodSeconds: .max), stabilization: .max, quantile: nil)
        let plan = try Planner(configuration: Fixture.configuration(models: [huge]))
            .plan(demand: [PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now,
                                       point: [1e300, 0, 1e300, .greatestFiniteMagnitude])], now: now)
        #expect(plan.models.first?.cappedSteps == 3)
        #expect(plan.models.first?.replicas.max() == 1_000_000)
        #expect(plan.capacity.first?.peakGPUs == 8_000_000)
    }

    @Test func quantilesBetweenGivenLevelsAreInterpolated() throws {
        let profile = Fixture.profile(name: "chat", floor: 0, quantile: 0.95)
        let plan = try Planner(configuration: Fixture.configuration(models: [profile])).plan(demand: [
            PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now, point: [300],
                       quantiles: [0.9: [3_000], 0.99: [3_900]]),
        ], now: now)
        // 0.95 lies 5/9 of the way from 0.9 to 0.99: 3 000 + 500 requests per 5 min.
        #expect(abs((plan.models.first?.plannedRequestsPerSecond.first ?? 0) - 3_500.0 / 300) < 1e-9)
    }

    @Test func demandsCanBeBuiltFromForecastRows() {
        let built = PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now, point: [1, 2],
                               levels: [0.5, 0.9], quantileRows: [[1, 2], [3, 4]])
        #expect(built.quantiles == [0.5: [1, 2], 0.9: [3, 4]])
    }

    @Test func aCoarserPlanningStepTakesTheBusiestSubStep() throws {
        var configuration = Fixture.configuration(models: [Fixture.profile(name: "chat", floor: 0, quantile: nil)])
        configuration.settings.step = Step(seconds: 900)!
        let plan = try Planner(configuration: configuration).plan(demand: [
            PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now, point: [300, 900, 600, 300, 300]),
        ], now: now)
        #expect(plan.models.first?.plannedRequestsPerSecond == [3])
    }

    @Test func stepsThatEndedBeforeNowAreDropped() throws {
        let plan = try Planner(configuration: Fixture.configuration(models: [Fixture.profile(name: "chat", quantile: nil)]))
            .plan(demand: [PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now - 600, point: [1, 2, 3])],
                  now: now)
        #expect(plan.models.first?.start == now)
        #expect(plan.models.first?.replicas.count == 1)
    }

    @Test func badDemandIsAnsweredWithAClearError() {
        let planner = Planner(configuration: Fixture.configuration(models: [Fixture.profile(name: "chat")]))
        func message(_ demand: [PlanDemand]) -> String {
            do {
                _ = try planner.plan(demand: demand, now: now)
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(message([demand("nope", point: [1])]) == "demand for model 'nope', which the configuration does not describe")
        #expect(message([demand("chat", region: "r9", point: [1])])
            == "demand for chat in r9, which the model does not serve (see models.chat.regions)")
        #expect(message([demand("chat", point: [1]), demand("chat", point: [2])]) == "two demands for chat in r1")
        #expect(message([demand("chat", point: [1, .nan])])
            == "chat/r1: point[1] is nan; requests per step must be finite and not negative")
        #expect(message([demand("chat", point: [1], history: [-1])])
            == "chat/r1: history[0] is -1.0; requests per step must be finite and not negative")
        #expect(message([PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now, point: [1], quantiles: [0.5: [1]])])
            == "chat/r1: the plan needs quantile 0.9 but the forecast has 0.5 (levels between two given ones are interpolated)")
        #expect(message([PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now, point: [1], quantiles: [0.9: [1, 2]])])
            == "chat/r1: quantile 0.9 has 2 values, expected 1")
        #expect(message([PlanDemand(model: "chat", region: "r1", step: Step(seconds: 420)!, forecastStart: now, point: [1])])
            == "chat/r1: the planning step (300 s) is not a whole multiple of the demand step (420 s)")
    }

    @Test func plansRoundTripThroughJSON() throws {
        let planner = Planner(configuration: Fixture.configuration(models: [Fixture.profile(name: "chat")], budget: 5_000))
        let plan = try planner.plan(demand: [demand("chat", point: Fixture.daily(steps: 48, base: 1, swing: 10))], now: now)
        let data = try JSONEncoder().encode(plan)
        #expect(try JSONDecoder().decode(FleetPlan.self, from: data) == plan)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"totalUSD\""))
        #expect(text.contains("\"kind\":\"scale-up\"") || text.contains("\"kind\":\"scale-down\"") || !text.contains("\"kind\""))
    }
}
