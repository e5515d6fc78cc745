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
        #expect(east.advice.rule.hasPrefix("headroom: nodes whose use is expected to be worth at least 62 % of the term on demand"))
        #expect(east.baseline.rule.hasPrefix("lookback30: "))
        #expect(result.skipped.contains { $0.pool.gpuType == "L4" && $0.reason.contains("at least 7 days of history") })
        // Use so far: the H100 node held for the last 7 days served chat-8b's need; the L4 block nothing.
        let eastUse = try #require(result.uses.first { $0.commitment.name == "east-h100" })
        #expect(abs(eastUse.heldGPUHours - 7 * 24 * 8) < 1e-6)
        #expect((eastUse.utilization ?? 0) > 0.3)
        #expect(result.uses.first { $0.commitment.name == "west-l4" }?.utilization == nil)
    }

    /// Capacity blocks: a declared peak in a pool that sells blocks, and an asked window in every
    /// such pool with history; a pool without a block price says so.
    @Test func capacityBlocksForPeakWindows() throws {
        let database = try database()
        var fleet = try ConfigurationReader.example()
        let peak = DemandChange(name: "holiday-launch", region: "us-east-1", gpuType: "H100", from: end + 3 * 86_400,
                                until: end + 10 * 86_400, multiplier: 3)
        let past = DemandChange(name: "last-launch", region: "us-east-1", gpuType: "H100", from: end - 10 * 86_400,
                                until: end - 3 * 86_400, multiplier: 3)
        fleet.demandChanges = [peak, past]
        let asked = PeakWindow(name: "asked", start: end + 17 * 86_400, end: end + 24 * 86_400)
        let result = try CommitmentAdviceJob(configuration: fleet, advisor: CommitmentAdvisor(termHours: 8_766),
                                             kinds: [.capacityBlock], windows: [asked]).run(on: database)
        #expect(result.advice.isEmpty)
        // The past launch is no window; the asked one and the coming launch are, in the one pool with history.
        #expect(result.blocks.map(\.window.name) == ["asked", "holiday-launch"])
        let plain = try #require(result.blocks.first), launch = try #require(result.blocks.last)
        #expect(plain.hours == 168 && plain.changes.isEmpty && launch.changes == ["holiday-launch"])
        #expect(abs(launch.breakEvenUtilization - 4.59 / 6.88) < 1e-12)
        // The same week without the launch: a third of the need, fewer nodes.
        var quietFleet = fleet
        quietFleet.demandChanges = []
        let quiet = try #require(try CommitmentAdviceJob(configuration: quietFleet, advisor: CommitmentAdvisor(termHours: 8_766),
                                                         kinds: [.capacityBlock],
                                                         windows: [PeakWindow(name: "same", start: peak.from, end: peak.until ?? 0)])
            .run(on: database).blocks.first)
        #expect(abs(launch.meanGPUs / quiet.meanGPUs - 3) < 1e-9)
        #expect(launch.advice.nodes > quiet.advice.nodes)

        // An asked window in a pool with history but no block price is refused for that pool.
        fleet.offers["us-east-1"]?["H100"]?.capacityBlockUSDPerGPUHour = nil
        let unpriced = try CommitmentAdviceJob(configuration: fleet, advisor: CommitmentAdvisor(termHours: 8_766),
                                               kinds: [.capacityBlock], windows: [asked]).run(on: database)
        #expect(unpriced.blocks.isEmpty)
        // Capacity blocks alone and no window: the pools that sell them say so.
        fleet.demandChanges = []
        fleet.offers["us-east-1"]?["H100"]?.capacityBlockUSDPerGPUHour = 4.59
        let none = try CommitmentAdviceJob(configuration: fleet, advisor: CommitmentAdvisor(termHours: 8_766),
                                           kinds: [.capacityBlock]).run(on: database)
        #expect(none.blocks.isEmpty && none.skipped.contains { $0.reason.hasPrefix("capacity blocks: no peak window") })
        #expect(unpriced.skipped.contains { $0.reason == "capacity blocks: us-east-1 sells none of H100 (regions.us-east-1.H100.capacity_block)" })
    }

    @Test func withoutAForecastItSaysSo() throws {
        let database = try AppDatabase.inMemory()
        #expect(throws: PlanJobError.self) {
            _ = try CommitmentAdviceJob(configuration: try ConfigurationReader.example(),
                                        advisor: CommitmentAdvisor(termHours: 8_766)).run(on: database)
        }
    }
}
