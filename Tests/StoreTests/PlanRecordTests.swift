import GRDB
import Store
import Testing

@Test func planRunsRoundTripAndTheNewestWins() throws {
    let database = try AppDatabase.inMemory()
    let forecastRun = try database.saveForecastRun(horizonSeconds: 3_600, historySeconds: 86_400, levels: [0.5],
                                                   durationSeconds: 0.1, forecasts: [])
    let run = StoredPlanRun(forecastRunID: forecastRun, configSHA256: "abc", start: 0, stepSeconds: 3_600, steps: 24,
                            monthlyCostUSD: 10, onDemandCostUSD: 20, staticPeakCostUSD: 30, withinBudget: nil,
                            plan: #"{"a":1}"#)
    let first = try database.savePlanRun(run, models: [StoredModelPlan(model: "chat-8b", region: "us-east-1",
                                                                       peakReplicas: 3, plan: "{}")])
    var second = run
    second.withinBudget = false
    let newest = try database.savePlanRun(second, models: [])
    #expect(newest.id == first.id + 1)
    #expect(try database.planRun() == newest)
    #expect(try database.planRun(id: first.id) == first)
    #expect(try database.planRun(id: 999) == nil)
    #expect(try database.modelPlan(model: "chat-8b", region: "us-east-1", runID: first.id)?.plan.peakReplicas == 3)
    #expect(try database.modelPlan(model: "chat-8b", region: "us-east-1") == nil, "the newest run did not plan it")
}

@Test func aPlanMustNameARealForecastRun() throws {
    let database = try AppDatabase.inMemory()
    let run = StoredPlanRun(forecastRunID: 42, configSHA256: "abc", start: 0, stepSeconds: 3_600, steps: 0,
                            monthlyCostUSD: 0, onDemandCostUSD: 0, staticPeakCostUSD: 0, withinBudget: nil, plan: "{}")
    #expect(throws: DatabaseError.self) { try database.savePlanRun(run, models: []) }
    #expect(try database.planRun() == nil)
}

@Test func planRunsOverlappingAPeriodAreFoundByTheirSpan() throws {
    let database = try AppDatabase.inMemory()
    #expect(try database.plannedSpan() == nil)
    let forecastRun = try database.saveForecastRun(horizonSeconds: 3_600, historySeconds: 86_400, levels: [0.5],
                                                   durationSeconds: 0.1, forecasts: [])
    func save(start: Int64, steps: Int) throws -> Int64 {
        try database.savePlanRun(StoredPlanRun(forecastRunID: forecastRun, configSHA256: "abc", start: start,
                                               stepSeconds: 3_600, steps: steps, monthlyCostUSD: 0, onDemandCostUSD: 0,
                                               staticPeakCostUSD: 0, withinBudget: nil, plan: "{\"start\":\(start)}"),
                                 models: []).id
    }
    let day0 = try save(start: 0, steps: 48)              // [0, 48 h)
    let day1 = try save(start: 86_400, steps: 48)         // [24 h, 72 h)
    _ = try save(start: 5 * 86_400, steps: 24)            // [120 h, 144 h)
    _ = try save(start: 3 * 86_400, steps: 0)             // plans nothing
    #expect(try database.planRuns(overlapping: 0, to: 3_600).map(\.id) == [day0])
    #expect(try database.planRuns(overlapping: 90_000, to: 90_001).map(\.id) == [day0, day1])
    #expect(try database.planRuns(overlapping: 172_800, to: 259_200).map(\.id) == [day1], "the ends are exclusive")
    #expect(try database.planRuns(overlapping: 259_200, to: 432_000).isEmpty)
    #expect(try database.planRuns(overlapping: 90_000, to: 90_001).first?.plan == "{\"start\":0}")
    let span = try #require(try database.plannedSpan())
    #expect(span.start == 0 && span.end == 6 * 86_400)
}
