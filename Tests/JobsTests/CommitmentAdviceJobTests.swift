import Config
import Ingestion
@testable import Jobs
import Planning
import Store
import Testing
import Traffic

/// `headroom commitments advise` and `list` end to end: stored demo traffic, a forecast run,
/// the pools' past need and the advice.
@Suite struct CommitmentAdviceJobTests {
    let end = Timestamp.parse("2026-11-24T00:00:00Z")!

    /// Two weeks of demo traffic of chat-8b in us-east-1, forecast one day ahead.
    func database() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        var demo = DemoTraffic(seed: 9, end: end, weeks: 2)
        demo.profiles = demo.profiles.filter { $0.region == "us-east-1" && $0.model == "chat-8b" }
        _ = try TrafficIngestor(database: database).ingestDemo(demo)
        var forecast = ForecastJob()
        forecast.horizonSeconds = 86_400
        _ = try forecast.run(on: database)
        return database
    }

    @Test func advisesThePoolsWithHistoryAndReportsTheUseOfHeldCommitments() throws {
        let database = try database()
        var fleet = try ConfigurationReader.example()
        let held = Commitment(name: "east-h100", kind: .reservedNodes, region: "us-east-1", gpuType: "H100", nodes: 1,
                              start: end - 7 * 86_400, end: end + 20 * 86_400, usdPerGPUHour: 4.27)
        let idle = Commitment(name: "west-l4", kind: .capacityBlock, region: "eu-west-1", gpuType: "L4", nodes: 1,
                              start: end - 3 * 86_400, end: end + 86_400, usdPerGPUHour: 1.0)
        fleet.commitments = [held, idle]
        let result = try CommitmentAdviceJob(configuration: fleet, advisor: CommitmentAdvisor(termHours: 8_766)).run(on: database)
        // chat-8b runs on H100 in us-east-1 (its cheapest variant); the L4 pool has a commitment and no history.
        let east = try #require(result.advice.first { $0.region == "us-east-1" && $0.gpuType == "H100" })
        #expect(east.historyDays >= 13)
        #expect(east.heldNodes == 1)
        #expect(east.renewals.map(\.name) == ["east-h100"])
        #expect(east.advice.rule.hasPrefix("headroom: nodes expected to be used at least 62 %"))
        #expect(east.baseline.rule.hasPrefix("lookback30: "))
        #expect(result.skipped.contains { $0.pool.gpuType == "L4" && $0.reason.contains("at least 7 days of history") })
        // Use so far: the H100 node held for the last 7 days served chat-8b's need; the L4 block nothing.
        let eastUse = try #require(result.uses.first { $0.commitment.name == "east-h100" })
        #expect(abs(eastUse.heldGPUHours - 7 * 24 * 8) < 1e-6)
        #expect((eastUse.utilization ?? 0) > 0.3)
        #expect(result.uses.first { $0.commitment.name == "west-l4" }?.utilization == nil)
    }

    @Test func withoutAForecastItSaysSo() throws {
        let database = try AppDatabase.inMemory()
        #expect(throws: PlanJobError.self) {
            _ = try CommitmentAdviceJob(configuration: try ConfigurationReader.example(),
                                        advisor: CommitmentAdvisor(termHours: 8_766)).run(on: database)
        }
    }
}
