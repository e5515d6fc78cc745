import Planning
import Testing
import Traffic

@Suite struct PlannerPoolingTests {
    let step = Step(seconds: 300)!
    let now: Int64 = 1_700_006_400

    func demand(_ model: String, point: [Double]) -> PlanDemand {
        PlanDemand(model: model, region: "r1", step: step, forecastStart: now, point: point,
                   quantiles: [0.9: point.map { $0 * 1.2 }])
    }

    @Test func modelsSharingARegionAndGPUTypeArePooled() throws {
        let chat = Fixture.profile(name: "chat", floor: 1)
        let code = Fixture.profile(name: "code", gpus: 4, floor: 1)
        let other = Fixture.profile(name: "embed", gpuType: "A100", floor: 1)
        let plan = try Planner(configuration: Fixture.configuration(models: [chat, code, other])).plan(demand: [
            demand("chat", point: Fixture.daily(steps: 288, base: 2, swing: 10)),
            demand("code", point: Fixture.daily(steps: 288, base: 1, swing: 5, offset: 100)),
            demand("embed", point: Fixture.daily(steps: 288, base: 1, swing: 5)),
        ], now: now)
        #expect(plan.capacity.map(\.gpuType) == ["A100", "H100"])
        let h100 = try #require(plan.capacity.last)
        #expect(h100.models == ["chat", "code"])
        let chatPlan = try #require(plan.models.first { $0.model == "chat" })
        let codePlan = try #require(plan.models.first { $0.model == "code" })
        for (index, level) in h100.horizonLevels.enumerated() {
            let expected = Double(chatPlan.launchedReplicas[index] + 4 * codePlan.launchedReplicas[index])
            #expect(abs(level.totalGPUs - expected) < 1e-9)
            #expect(level.batchGPUs == 0)
        }
        // Pooled, the reservation is at least what either model alone would justify.
        let alone = try Planner(configuration: Fixture.configuration(models: [chat]))
            .plan(demand: [demand("chat", point: Fixture.daily(steps: 288, base: 2, swing: 10))], now: now)
        #expect(h100.reservedNodes >= (alone.capacity.first?.reservedNodes ?? 0))
        // Costs add up: per-day rows sum to the horizon, fleet totals to the pools.
        let daily = h100.daily.reduce(CostBreakdown()) { $0 + $1.cost }
        #expect(abs(daily.totalUSD - h100.horizon.totalUSD) < 1e-6)
        let pools = plan.capacity.reduce(0) { $0 + $1.monthly.totalUSD }
        #expect(abs(plan.totals.monthly.totalUSD - pools) < 1e-6)
    }

    @Test func aBudgetJustBelowThePlanIsMetByCuttingHeadroom() throws {
        let chat = Fixture.profile(name: "chat", floor: 1)
        let demands = [demand("chat", point: Fixture.daily(steps: 288, base: 2, swing: 10))]
        let free = try Planner(configuration: Fixture.configuration(models: [chat])).plan(demand: demands, now: now)
        let budget = free.totals.monthly.totalUSD - 10
        let plan = try Planner(configuration: Fixture.configuration(models: [chat], budget: budget)).plan(demand: demands, now: now)
        let verdict = try #require(plan.budget)
        #expect(!verdict.withinBudget)
        #expect(abs(verdict.overrunUSD - 10) < 1e-6)
        #expect(verdict.meetableByCuttingHeadroom)
        #expect(verdict.modelsLosingHeadroom.map(\.model) == ["chat"])
        #expect(verdict.message == "over budget by $10 a month: dropping the headroom of chat/r1 would fit it")
    }

    @Test func historyBeforeTheReservationWindowIsIgnored() throws {
        let chat = Fixture.profile(name: "chat", floor: 1)
        let planner = Planner(configuration: Fixture.configuration(models: [chat]))  // 7-day window
        let week = Fixture.daily(steps: 288 * 7, base: 2, swing: 10)
        func split(_ history: [Double]) throws -> CapacitySplit? {
            var entry = demand("chat", point: Fixture.daily(steps: 288, base: 2, swing: 10))
            entry.history = history
            entry.historyStart = now - Int64(history.count) * 300
            return try planner.plan(demand: [entry], now: now).capacity.first
        }
        let quiet = try #require(try split(week))
        let noisy = try #require(try split([Double](repeating: 1e6, count: 288 * 7) + week))
        #expect(quiet.reservedNodes == noisy.reservedNodes)
        #expect(abs(quiet.historyHours - 7 * 24) < 1e-9)
        #expect(abs(noisy.historyHours - 7 * 24) < 1e-9)
        #expect(quiet.peakGPUs == noisy.peakGPUs)
    }
}
