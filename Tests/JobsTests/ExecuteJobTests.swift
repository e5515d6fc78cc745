import Allocation
import Config
import Foundation
import GRDB
import Ingestion
@testable import Jobs
import Planning
import Store
import Synchronization
import Testing
import Traffic

/// A provider that dies (throws) after `budget` applies, as a process killed at that point
/// would: every apply is its own transaction, so the database is left exactly as a kill leaves it.
final class CrashingProvider: PoolProvider {
    let inner: EmbeddedPoolProvider
    let budget: Mutex<Int>
    struct Crash: Error {}

    init(database: AppDatabase, budget: Int) {
        inner = EmbeddedPoolProvider(database: database)
        self.budget = Mutex(budget)
    }

    var nodeReadiness: NodeReadiness { inner.nodeReadiness }
    func load() async throws -> NodePool { try await inner.load() }
    func pending() async throws -> [Action] { try await inner.pending() }
    func events() async throws -> [ProviderEvent] { try await inner.events() }
    func record(_ actions: [Action], round: Int, taking events: [ProviderEvent], planRunID: Int64?) async throws {
        try await inner.record(actions, round: round, taking: events, planRunID: planRunID)
    }
    func receive(_ event: PoolEvent) async throws -> ProviderEvent { try await inner.receive(event) }
    func arrivals() -> AsyncStream<Void> { inner.arrivals() }
    func apply(_ action: Action) async throws {
        guard budget.withLock({ budget in
            guard budget > 0 else { return false }
            budget -= 1
            return true
        }) else { throw Crash() }
        try await inner.apply(action)
    }
}

@Suite(.serialized) struct ExecuteJobTests {
    let end = Timestamp.parse("2026-11-24T00:00:00Z")!

    /// A database with demo traffic of two us-east-1 models, a forecast run and a plan.
    func plannedDatabase() throws -> (AppDatabase, FleetConfiguration) {
        let database = try AppDatabase.inMemory()
        var demo = DemoTraffic(seed: 3, end: end, weeks: 2)
        demo.profiles = demo.profiles.filter { $0.region == "us-east-1" && ["chat-8b", "batch-summarize"].contains($0.model) }
        _ = try TrafficIngestor(database: database).ingestDemo(demo)
        var forecast = ForecastJob()
        forecast.horizonSeconds = 2 * 86_400
        _ = try forecast.run(on: database)
        let fleet = try ConfigurationReader.example()
        _ = try PlanJob(configuration: fleet, configurationText: ConfigurationReader.exampleText).run(on: database)
        return (database, fleet)
    }

    /// An in-memory copy of `database` (SQLite's backup API).
    func copy(_ database: AppDatabase) throws -> AppDatabase {
        let queue = try DatabaseQueue()
        try database.writer.backup(to: queue)
        return try AppDatabase(queue)
    }

    func log(_ database: AppDatabase) throws -> [String] {
        try database.poolActions().map { "\($0.round).\($0.position) \($0.action) \($0.applied)" }
    }

    /// Runs at each time until a run records nothing.
    func settle(_ job: ExecuteJob, _ database: AppDatabase, provider: any PoolProvider, times: [Int64]) async throws {
        for now in times {
            for _ in 0..<4 where try await !job.run(on: database, provider: provider, now: now).actions.isEmpty {}
        }
    }

    @Test func reachesThePlannedReplicasAndPacksThem() async throws {
        let (database, fleet) = try plannedDatabase()
        let job = ExecuteJob(configuration: fleet)
        let provider = EmbeddedPoolProvider(database: database)
        let times = (0..<6).map { end + 8 * 3_600 + Int64($0) * 600 }
        try await settle(job, database, provider: provider, times: times)
        let outcome = try await job.run(on: database, provider: provider, now: times.last!, dryRun: true)
        #expect(outcome.actions.isEmpty, "settled")
        let pool = try await provider.load()
        for target in outcome.targets {
            let serving = pool.replicas.values.filter { $0.model == target.model && $0.region == target.region && $0.state == .serving }
            #expect(serving.count == target.replicas, "\(target.model)/\(target.region)")
        }
        #expect(Set(pool.nodes.values.filter(\.isAlive).map(\.replicaClass)).count == 2, "interactive and batch apart")
    }

    @Test func dryRunStoresNothing() async throws {
        let (database, fleet) = try plannedDatabase()
        let outcome = try await ExecuteJob(configuration: fleet)
            .run(on: database, provider: EmbeddedPoolProvider(database: database), now: end + 3_600, dryRun: true)
        #expect(!outcome.actions.isEmpty)
        #expect(try database.poolActions().isEmpty)
    }

    /// A crash after any number of applied actions, then a restart, ends with the same log as an
    /// uninterrupted run: no action lost, none repeated.
    @Test func aCrashAtAnyPointLosesAndRepeatsNothing() async throws {
        let (planned, fleet) = try plannedDatabase()
        let reference = try copy(planned)
        let job = ExecuteJob(configuration: fleet)
        let times = [end + 8 * 3_600, end + 8 * 3_600 + 900]
        try await settle(job, reference, provider: EmbeddedPoolProvider(database: reference), times: times)
        let expected = try log(reference)
        let actions = expected.count
        #expect(actions > 5)
        for crashAfter in stride(from: 0, through: actions, by: max(1, actions / 12)) {
            let database = try copy(planned)
            let crashing = CrashingProvider(database: database, budget: crashAfter)
            do {
                try await settle(job, database, provider: crashing, times: times)
            } catch is CrashingProvider.Crash {}
            try await settle(job, database, provider: EmbeddedPoolProvider(database: database), times: times)
            #expect(try log(database) == expected, "crash after \(crashAfter) applied actions")
            #expect(try database.poolActions(applied: false).isEmpty)
            let provider = EmbeddedPoolProvider(database: database)
            #expect(try await provider.load() == provider.replay(), "tables after a crash after \(crashAfter) applied actions")
            #expect(try database.poolTables() == reference.poolTables())
        }
    }

    @Test func theTablesHoldThePoolTheLogReplays() async throws {
        let (database, fleet) = try plannedDatabase()
        let provider = EmbeddedPoolProvider(database: database)
        let times = (0..<6).map { end + 8 * 3_600 + Int64($0) * 600 }
        try await settle(ExecuteJob(configuration: fleet), database, provider: provider, times: times)
        let tables = try database.poolTables()
        #expect(tables.appliedActions == (try database.poolActions(applied: true).count))
        #expect(!tables.nodes.isEmpty && !tables.replicas.isEmpty)
        let pool = try await provider.load()
        #expect(pool == (try provider.replay()))
        #expect(tables.nodes.count == pool.nodes.count && tables.replicas.count == pool.replicas.count)
        // A placed replica's node is a stored node of its region and GPU type.
        let nodes = Dictionary(uniqueKeysWithValues: tables.nodes.map { ($0.number, $0) })
        for replica in tables.replicas {
            guard let number = replica.node else { continue }
            #expect(nodes[number]?.region == replica.region && nodes[number]?.gpuType == replica.gpuType)
        }
        // Applying an applied action again changes nothing.
        let first = try #require(try provider.replay().appliedActions.min())
        let action = try EmbeddedPoolProvider.decode(try #require(try database.poolActions(applied: true).first))
        #expect(action.id == first)
        try await provider.apply(action)
        #expect(try database.poolTables() == tables)
    }

    @Test func tablesBehindTheLogAreRebuiltFromIt() async throws {
        let (database, fleet) = try plannedDatabase()
        let provider = EmbeddedPoolProvider(database: database)
        try await settle(ExecuteJob(configuration: fleet), database, provider: provider, times: [end + 8 * 3_600])
        let expected = try database.poolTables()
        // As a database whose log was written before the tables existed.
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM replica; DELETE FROM node; UPDATE pool_state SET applied_actions = 0, next_node_number = 0, next_replica_number = 0")
        }
        #expect(try await provider.load() == provider.replay())
        #expect(try database.poolTables() == expected)
    }

    @Test func anUnknownValueInTheTablesIsNamed() async throws {
        let (database, fleet) = try plannedDatabase()
        let provider = EmbeddedPoolProvider(database: database)
        try await settle(ExecuteJob(configuration: fleet), database, provider: provider, times: [end + 8 * 3_600])
        let number = try #require(try database.poolTables().nodes.first?.number)
        try await database.writer.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE node SET state = 'exploded' WHERE number = ?", arguments: [number])
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        await #expect {
            _ = try await provider.load()
        } throws: { error in
            "\(error)" == "the pool's tables cannot be read (written by another version?): node-\(number) state 'exploded' "
                + "is not one of provisioning, ready, draining, terminated"
        }
    }

    @Test func aPlanThatDoesNotCoverNowIsExplained() async throws {
        let (database, fleet) = try plannedDatabase()
        await #expect {
            try await ExecuteJob(configuration: fleet).run(on: database, provider: EmbeddedPoolProvider(database: database),
                                                    now: end + 30 * 86_400)
        } throws: { error in
            "\(error)".hasPrefix("the newest plan covers 2026-11-24T00:00:00Z to 2026-11-26T00:00:00Z")
        }
        #expect(try database.poolActions().isEmpty)
    }

    @Test func needsAPlan() async throws {
        let database = try AppDatabase.inMemory()
        await #expect(throws: ExecuteJobError.noPlan) {
            try await ExecuteJob(configuration: try ConfigurationReader.example())
                .run(on: database, provider: EmbeddedPoolProvider(database: database), now: 0)
        }
    }
}
