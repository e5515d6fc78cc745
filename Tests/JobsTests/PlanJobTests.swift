import Config
import Foundation
import Ingestion
@testable import Jobs
import Planning
import Store
import Testing
import Traffic

@Suite struct PlanJobTests {
    let end = Timestamp.parse("2026-11-24T00:00:00Z")!

    /// Demo traffic of chat-8b and embed-small in us-east-1, forecast one day ahead.
    func forecastDatabase() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        var demo = DemoTraffic(seed: 9, end: end, weeks: 2)
        demo.profiles = demo.profiles.filter { $0.region == "us-east-1" && ["chat-8b", "embed-small"].contains($0.model) }
        _ = try TrafficIngestor(database: database).ingestDemo(demo)
        var forecast = ForecastJob()
        forecast.horizonSeconds = 2 * 86_400
        _ = try forecast.run(on: database)
        return database
    }

    @Test func plansTheConfiguredModelsThatHaveAForecast() throws {
        let database = try forecastDatabase()
        let fleet = try ConfigurationReader.example()
        let (run, plan) = try PlanJob(configuration: fleet, configurationText: ConfigurationReader.exampleText).run(on: database)
        #expect(Set(plan.models.map { "\($0.model)/\($0.region)" }) == ["chat-8b/us-east-1", "embed-small/us-east-1"])
        #expect(run.start == end, "the plan starts where the data ends")
        #expect(run.forecastRunID == (try database.latestForecastRun()?.id))
        #expect(plan.warnings.contains { $0.hasPrefix("code-70b/us-east-1: no demand given") })
        for model in plan.models {
            #expect(model.uncoveredSteps == 0)
            #expect(model.replicas.allSatisfy { $0 >= 1 })
        }
        // Costs: below all on demand, far below static peak.
        #expect(plan.totals.monthly.totalUSD <= plan.totals.allOnDemandMonthlyUSD + 1e-6)
        #expect(plan.totals.monthly.totalUSD < 0.7 * plan.totals.staticPeakOnDemandMonthlyUSD)
        // Stored, and readable back.
        let stored = try #require(try database.planRun())
        #expect(stored == run)
        let decoded = try JSONDecoder().decode(FleetPlan.self, from: Data(stored.plan.utf8))
        #expect(decoded == plan)
        #expect(try database.modelPlan(model: "chat-8b", region: "us-east-1")?.plan.peakReplicas == plan.models.first { $0.model == "chat-8b" }?.replicas.max())
        // chat-8b has a token profile: planned on its token forecasts too; embed-small on requests.
        let chat = try #require(plan.models.first { $0.model == "chat-8b" })
        #expect(chat.limitedBy?.count == chat.replicas.count)
        #expect(plan.models.first { $0.model == "embed-small" }?.limitedBy == nil)
        #expect(!plan.warnings.contains { $0.contains("token") })
    }

    /// The same forecasts against a token profile a tenth as fast: prefill sets the replicas
    /// (the stored token forecasts and history reach the planner on the requests' grid).
    @Test func slowerTokenCapacityNeedsMoreReplicas() throws {
        let database = try forecastDatabase()
        var fleet = try ConfigurationReader.example()
        let base = try PlanJob(configuration: fleet, configurationText: "").run(on: database).plan
        var chat = try #require(fleet.models["chat-8b"])
        func slower(_ tokens: TokenProfile?) -> TokenProfile? {
            guard var tokens else { return nil }
            tokens.points = tokens.points.map { point in
                var slower = point
                slower.inputTokensPerSecond /= 10
                return slower
            }
            return tokens
        }
        chat.tokens = slower(chat.tokens)
        for index in chat.variants.indices { chat.variants[index].tokens = slower(chat.variants[index].tokens) }
        #expect(chat.tokens != nil && !chat.variants.isEmpty)
        fleet.models["chat-8b"] = chat
        let slow = try PlanJob(configuration: fleet, configurationText: "").run(on: database).plan
        let before = try #require(base.models.first { $0.model == "chat-8b" })
        let after = try #require(slow.models.first { $0.model == "chat-8b" })
        #expect((after.replicas.max() ?? 0) > (before.replicas.max() ?? 0))
        #expect(after.limitedBy?.contains(.prefill) == true)
        #expect(zip(after.replicas, before.replicas).allSatisfy { $0 >= $1 })
    }

    @Test func needsAForecastRun() throws {
        let database = try AppDatabase.inMemory()
        let fleet = try ConfigurationReader.example()
        #expect(throws: PlanJobError.noForecast) {
            try PlanJob(configuration: fleet, configurationText: "").run(on: database)
        }
        #expect(try database.planRun() == nil)
    }

    @Test func historyGapsAreInterpolatedAndItsEdgesTrimmed() {
        let (offset, values) = PlanJob.observedSpan([.nan, .nan, 2, .nan, .nan, 8, 10, .nan])
        #expect(offset == 2)
        #expect(values == [2, 4, 6, 8, 10])
        #expect(PlanJob.observedSpan([.nan]).values.isEmpty)
    }
}
