import Allocation
import Testing

/// The action log: deterministic ids, idempotent apply, crash-safe replay.
@Suite struct IdempotenceTests {
    let offers = [Fixture.offer(reserved: 1)]
    let targets = [Fixture.target("chat", 12, gpus: 2), Fixture.target("embed", 9, .batch)]

    @Test func applyingTwiceIsApplyingOnceAndReplayingTheLogGivesTheSamePool() throws {
        let run = try Fixture.settle(NodePool(), targets, offers, from: Fixture.start, rounds: 12)
        let replayed = try NodePool().applying(run.log)
        #expect(replayed == run.pool)
        #expect(try replayed.applying(run.log) == run.pool, "the whole log again changes nothing")
        for action in run.log.prefix(40) {
            let once = try NodePool().applying(run.log.prefix { $0.id <= action.id }.map { $0 })
            #expect(try once.applying(action) == once)
        }
    }

    @Test func aCrashAfterAnyPrefixThenReapplyingTheRoundGivesTheSamePool() throws {
        let first = try Fixture.settle(NodePool(), targets, offers, from: Fixture.start, rounds: 4)
        let round = try Allocator().reconcile(first.pool, targets: targets, offers: offers, now: first.now)
        let expected = try first.pool.applying(round)
        for cut in 0...round.count {
            let crashed = try first.pool.applying(Array(round.prefix(cut)))
            #expect(try crashed.applying(round) == expected, "cut at \(cut)")
        }
    }

    @Test func reconcileIsDeterministicAndIdsAreTheRoundAndPosition() throws {
        let first = try Fixture.settle(NodePool(), targets, offers, from: Fixture.start, rounds: 3)
        let a = try Allocator().reconcile(first.pool, targets: targets, offers: offers, now: first.now)
        let b = try Allocator().reconcile(first.pool, targets: targets.reversed(), offers: offers, now: first.now)
        #expect(a == b)
        #expect(a.map(\.id) == a.indices.map { ActionID(round: first.pool.nextRound, index: $0) })
    }

    @Test func anActionThatDoesNotFitThePoolIsAnErrorAndChangesNothing() throws {
        let pool = try Fixture.settle(NodePool(), [Fixture.target("chat", 8)], offers, from: Fixture.start, rounds: 6).pool
        let node = try #require(pool.aliveNodes.first)
        let extra = Replica(
            id: ReplicaID(500), model: "chat", region: "r1", gpuType: "H100", gpus: 1, memoryGiB: 60,
            replicaClass: .interactive, coldStartSeconds: 0, state: .loading, node: node.id, createdAt: 0, placedAt: 0)
        let action = Action(id: ActionID(round: 99, index: 0), at: 0, kind: .place(extra))
        var copy = pool
        #expect(throws: AllocationError.inconsistent(
            in: "action 99.0 (place replica-500 (chat) on \(node.id))",
            rule: "replica-500 (1 GPUs, 60 GiB) does not fit on \(node.id) (0 GPUs, 160 GiB free)")
        ) { try copy.apply(action) }
        #expect(copy == pool)
        let chat = try #require(pool.replicas.values.first)
        #expect(throws: AllocationError.inconsistent(
            in: "action 99.1 (preempt \(chat.id))", rule: "\(chat.id) is interactive; only batch replicas are preempted")
        ) { try copy.apply(Action(id: ActionID(round: 99, index: 1), at: 0, kind: .preempt(chat.id))) }
        #expect(throws: AllocationError.inconsistent(in: "action 99.2 (release \(node.id))", rule: "\(node.id) still holds 8 replicas")) {
            try copy.apply(Action(id: ActionID(round: 99, index: 2), at: 0, kind: .release(node.id)))
        }
        #expect(copy == pool)
    }

    @Test func aStoredPoolIsCheckedWhenReadBack() throws {
        let pool = try Fixture.settle(NodePool(), targets, offers, from: Fixture.start, rounds: 12).pool
        let read = try NodePool(
            nodes: Array(pool.nodes.values), replicas: Array(pool.replicas.values), appliedActions: pool.appliedActions)
        #expect(read == pool)
        var crowded = Array(pool.replicas.values)
        let chat = try #require(crowded.first { $0.replicaClass == .interactive })
        let batchNode = try #require(pool.aliveNodes.first { $0.replicaClass == .batch && !pool.replicas(on: $0.id).isEmpty })
        crowded.append(Replica(
            id: ReplicaID(900), model: "chat", region: "r1", gpuType: "H100", gpus: 1, memoryGiB: 10,
            replicaClass: chat.replicaClass, coldStartSeconds: 0, state: .serving, node: batchNode.id, createdAt: 0))
        #expect(throws: AllocationError.self) { try NodePool(nodes: Array(pool.nodes.values), replicas: crowded) }
    }

    @Test func storedCountersKeepRemovedNumbersUsed() throws {
        let pool = try Fixture.settle(NodePool(), targets, offers, from: Fixture.start, rounds: 12).pool
        let nodes = Array(pool.nodes.values)
        let replicas = Array(pool.replicas.values)
        // Counters above the highest id given (a removed replica had the next number) are kept.
        let read = try NodePool(nodes: nodes, replicas: replicas, appliedActions: pool.appliedActions,
                                nextNodeNumber: pool.nextNodeNumber + 3, nextReplicaNumber: pool.nextReplicaNumber + 7)
        #expect(read.nextNodeNumber == pool.nextNodeNumber + 3)
        #expect(read.nextReplicaNumber == pool.nextReplicaNumber + 7)
        // Counters below it never lower what the ids imply.
        let low = try NodePool(nodes: nodes, replicas: replicas, nextNodeNumber: 0, nextReplicaNumber: 0)
        #expect(low.nextNodeNumber == (nodes.map(\.id.number).max() ?? -1) + 1)
        #expect(low.nextReplicaNumber == (replicas.map(\.id.number).max() ?? -1) + 1)
    }
}
