import Allocation
import Config
import Foundation
@testable import Jobs
import Planning
import Store
import TestSupport
import Testing
import Traffic

/// Provider news through the embedded provider: stored when it arrives, taken by exactly one
/// reconcile round, refused (and not stored) when it cannot be about this pool.
@Suite(.serialized) struct PoolEventTests {
    let fixture = ExecuteJobTests()

    /// A planned database whose pool has settled, and a node holding replicas.
    func settled() async throws -> (AppDatabase, FleetConfiguration, EmbeddedPoolProvider, Node, Int64) {
        let (database, fleet) = try fixture.plannedDatabase()
        let provider = EmbeddedPoolProvider(database: database)
        let now = fixture.end + 8 * 3_600
        try await fixture.settle(ExecuteJob(configuration: fleet), database, provider: provider, times: [now, now + 600])
        let pool = try await provider.load()
        let node = try #require(pool.aliveNodes.first { !pool.replicas(on: $0.id).isEmpty })
        return (database, fleet, provider, node, now + 600)
    }

    @Test func anEventIsTakenByExactlyOneRound() async throws {
        let (database, fleet, provider, node, now) = try await settled()
        let job = ExecuteJob(configuration: fleet)
        let notice = PoolEvent.interruptionNotice(node.id, at: now + 10, reclaimAt: now + 130)
        let received = try await provider.receive(notice)
        #expect(try await provider.events() == [received])

        let dry = try await job.run(on: database, provider: provider, now: now + 15, dryRun: true)
        #expect(dry.events == [notice])
        #expect(try await provider.events() == [received], "a dry run takes nothing")

        let outcome = try await job.run(on: database, provider: provider, now: now + 15)
        #expect(outcome.events == [notice])
        #expect(outcome.actions.first?.kind == .reclaimNotice(node.id, reclaimAt: now + 130))
        #expect(try await provider.events().isEmpty)
        let stored = try #require(try database.poolEvents().first)
        #expect(stored.takenRound == outcome.actions.first?.id.round)
        let loaded = try await provider.load()
        #expect(loaded.nodes[node.id]?.reclaimAt == now + 130)
        let row = try database.poolTables().nodes.first { $0.number == node.id.number }
        #expect(row?.reclaimAt == now + 130)

        let next = try await job.run(on: database, provider: provider, now: now + 30)
        #expect(next.events.isEmpty)
        let afterReclaim = try await job.run(on: database, provider: provider, now: now + 200)
        #expect(try await provider.load().nodes[node.id]?.isAlive == false)
        _ = afterReclaim
    }

    /// An event whose round has nothing to do (news about a node already gone) is still taken.
    @Test func anEventThatChangesNothingIsTakenToo() async throws {
        let (database, fleet, provider, node, now) = try await settled()
        let job = ExecuteJob(configuration: fleet)
        try await provider.receive(.nodeLost(node.id, at: now + 5))
        let lost = try await job.run(on: database, provider: provider, now: now + 10)
        #expect(lost.actions.first?.kind == .interrupt(node.id))
        #expect(try await provider.events().isEmpty)
        await #expect(throws: PoolEventError.terminated(node.id, at: now + 5)) {
            try await provider.receive(.nodeLost(node.id, at: now + 20))
        }
        let ready = try #require(try await provider.load().aliveNodes.first { $0.state == .ready })
        try await provider.receive(.nodeReady(ready.id, at: now + 20))
        let round = try await job.run(on: database, provider: provider, now: now + 25)
        #expect(round.events == [.nodeReady(ready.id, at: now + 20)])
        #expect(try await provider.events().isEmpty, "taken although the node was ready already")
    }

    @Test func eventsThatCannotBeAboutThePoolAreRefusedAndNotStored() async throws {
        let (database, _, provider, node, now) = try await settled()
        await #expect(throws: PoolEventError.unknownNode(NodeID(9_999))) {
            try await provider.receive(.nodeLost(NodeID(9_999), at: now))
        }
        await #expect(throws: PoolEventError.reclaimBeforeNotice(node.id)) {
            try await provider.receive(.interruptionNotice(node.id, at: now, reclaimAt: now - 1))
        }
        #expect(try database.poolEvents().isEmpty)
        #expect(PoolEventError.unknownNode(NodeID(9_999)).description
            == "the pool has no node-9999: `headroom pool show` lists its nodes")
    }

    /// A crash after the round is recorded and before it is applied: the restart finishes the
    /// round and does not give the event to the engine again.
    @Test func aCrashAfterRecordingDoesNotRepeatTheEvent() async throws {
        let (database, fleet, _, node, now) = try await settled()
        let crashing = CrashingProvider(database: database, budget: 0)
        try await crashing.receive(.interruptionNotice(node.id, at: now, reclaimAt: now + 120))
        await #expect(throws: CrashingProvider.Crash.self) {
            try await ExecuteJob(configuration: fleet).run(on: database, provider: crashing, now: now + 5)
        }
        let provider = EmbeddedPoolProvider(database: database)
        #expect(try await provider.events().isEmpty)
        let restart = try await ExecuteJob(configuration: fleet).run(on: database, provider: provider, now: now + 10)
        #expect(restart.resumed.first?.kind == .reclaimNotice(node.id, reclaimAt: now + 120))
        #expect(restart.events.isEmpty)
        #expect(try database.poolActions().filter { $0.kind == "reclaim-notice" }.count == 1)
    }

    @Test func theWatcherReconcilesWhenNewsArrives() async throws {
        let (database, fleet, provider, node, now) = try await settled()
        let clock = ManualClock(now: Date(timeIntervalSince1970: Double(now + 20)))
        let runner = JobRunner(database: database, configuration: fleet, configurationText: ConfigurationReader.exampleText,
                               provider: provider, clock: clock)
        let (runs, runsContinuation) = AsyncStream<JobRunRecord>.makeStream()
        let watcher = PoolEventWatcher(provider: provider, runner: runner) { outcome in
            if case .success(let run) = outcome { runsContinuation.yield(run) }
        }
        let watching = Task { await watcher.run() }
        defer { watching.cancel() }
        try await provider.receive(.interruptionNotice(node.id, at: now + 10, reclaimAt: now + 130))
        var iterator = runs.makeAsyncIterator()
        let run = try #require(await iterator.next())
        #expect(run.kind == .execute && run.status == .succeeded)
        #expect(run.detail?.hasSuffix("1 provider events taken") == true, "\(run.detail ?? "")")
        #expect(try await provider.events().isEmpty)
    }

    @Test func theInputIsReadOneWayForTheCLIAndTheAPI() throws {
        func refusal(_ kind: String, _ node: String, at: String? = nil, reclaimAt: String? = nil) -> String {
            do {
                _ = try PoolEventInput.event(kind: kind, node: node, at: at, reclaimAt: reclaimAt, now: 1_000)
                return "accepted"
            } catch {
                return error.description
            }
        }
        #expect(try PoolEventInput.event(kind: "node-lost", node: "node-3", at: nil, reclaimAt: nil, now: 1_000)
            == .nodeLost(NodeID(3), at: 1_000))
        #expect(try PoolEventInput.event(kind: "interruption-notice", node: "7", at: "2026-11-24T00:00:00Z",
                                         reclaimAt: "2026-11-24T00:02:00Z", now: 0)
            == .interruptionNotice(NodeID(7), at: 1_795_478_400, reclaimAt: 1_795_478_520))
        #expect(refusal("node-gone", "node-3") == "kind: 'node-gone' is not one of node-ready, node-lost, interruption-notice")
        #expect(refusal("node-lost", "gpu-3") == "node: 'gpu-3' is not a node name such as node-17")
        #expect(refusal("node-lost", "node-") == "node: 'node-' is not a node name such as node-17")
        #expect(refusal("node-lost", "node-3", at: "yesterday")
            == "at: 'yesterday' is not an RFC 3339 time with Z or an offset, nor Unix seconds")
        #expect(refusal("node-lost", "node-3", reclaimAt: "2000") == "reclaim_at: only an interruption-notice has a reclaim time")
        #expect(refusal("interruption-notice", "node-3")
            == "reclaim_at: an interruption-notice needs the time the node is reclaimed")
        #expect(refusal("interruption-notice", "node-3", at: "2000", reclaimAt: "1999")
            == "reclaim_at: 1999 is before the notice (1970-01-01T00:33:20Z)")
    }
}
