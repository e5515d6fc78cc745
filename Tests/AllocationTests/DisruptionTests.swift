import Allocation
import Testing

/// Preemption, spot interruptions and node failures.
@Suite struct DisruptionTests {
    /// Quota of 2 nodes, both full of batch work: interactive work cannot get a node, so one
    /// batch node is emptied for it; the batch replicas come back when the interactive work goes.
    @Test func interactiveWorkPreemptsBatchAndBatchIsRescheduledWhenCapacityReturns() throws {
        let offers = [Fixture.offer(reserved: 0, spot: nil, maxNodes: 2)]
        let batchOnly = [Fixture.target("train", 16, .batch), Fixture.target("chat", 0)]
        let full = try Fixture.settle(NodePool(), batchOnly, offers, from: Fixture.start, rounds: 10)
        #expect(Fixture.serving(full.pool) == ["train": 16])

        let burst = [Fixture.target("train", 16, .batch), Fixture.target("chat", 3)]
        let round = try Fixture.step(full.pool, burst, offers, at: full.now)
        let preempted = round.actions.compactMap { action -> ReplicaID? in
            if case .preempt(let id) = action.kind { return id } else { return nil }
        }
        #expect(preempted.count == 8, "one whole batch node")
        #expect(preempted.allSatisfy { full.pool.replicas[$0]?.replicaClass == .batch })
        #expect(preempted.allSatisfy { round.pool.replicas[$0]?.state == .pending })
        let chatNodes = Set(round.pool.replicas.values.filter { $0.model == "chat" }.compactMap(\.node))
        #expect(chatNodes.count == 1)
        Fixture.checkInvariants(round.pool)

        let during = try Fixture.settle(round.pool, burst, offers, from: full.now + 30, rounds: 5)
        #expect(Fixture.serving(during.pool) == ["chat": 3, "train": 8])
        #expect(during.pool.replicas.values.filter { $0.state == .pending }.count == 8, "waiting, not lost")

        let after = try Fixture.settle(during.pool, batchOnly, offers, from: during.now, rounds: 10)
        #expect(Fixture.serving(after.pool) == ["train": 16])
        let placedAgain = after.log.compactMap { action -> ReplicaID? in
            if case .place(let replica) = action.kind { return replica.id } else { return nil }
        }
        #expect(Set(placedAgain) == Set(preempted), "the same replicas are placed again")
    }

    @Test func interactiveWorkWaitsForANodeThatIsReadyInTimeInsteadOfPreempting() throws {
        let offers = [Fixture.offer(reserved: 0, spot: nil, onDemand: 60, maxNodes: 3)]
        let batchOnly = [Fixture.target("train", 16, .batch), Fixture.target("chat", 0)]
        let full = try Fixture.settle(NodePool(), batchOnly, offers, from: Fixture.start, rounds: 10)
        let burst = [Fixture.target("train", 16, .batch), Fixture.target("chat", 3)]
        let round = try Fixture.step(full.pool, burst, offers, at: full.now)
        #expect(round.actions.allSatisfy { if case .preempt = $0.kind { false } else { true } })
        #expect(round.actions.contains { if case .provision = $0.kind { true } else { false } })
    }

    @Test func aSpotInterruptionsReplicasArePlacedAgain() throws {
        let offers = [Fixture.offer(reserved: 0)]
        let targets = [Fixture.target("embed", 20, .batch)]
        let up = try Fixture.settle(NodePool(), targets, offers, from: Fixture.start, rounds: 10)
        let spot = try #require(up.pool.aliveNodes.first { $0.capacity == .spot && !up.pool.replicas(on: $0.id).isEmpty })
        let victims = Set(up.pool.replicas(on: spot.id).map(\.id))
        let lost = try Fixture.step(up.pool, targets, offers, events: [.nodeLost(spot.id, at: up.now - 5)], at: up.now)
        #expect(lost.actions.first == Action(id: ActionID(round: up.pool.nextRound, index: 0), at: up.now - 5, kind: .interrupt(spot.id)))
        #expect(lost.pool.nodes[spot.id]?.state == .terminated)
        // Room elsewhere for some right away; the rest waits for a new node.
        let settled = try Fixture.settle(lost.pool, targets, offers, from: up.now + 30, rounds: 10)
        #expect(Fixture.serving(settled.pool) == ["embed": 20])
        #expect(victims.allSatisfy { settled.pool.replicas[$0]?.state == .serving }, "same replicas, placed again")
        #expect(victims.allSatisfy { settled.pool.replicas[$0]?.node != spot.id })
    }

    @Test func aLostNodeIsInterruptedOnceAndAnUnknownOneIsAnError() throws {
        let offers = [Fixture.offer()]
        let up = try Fixture.settle(NodePool(), [Fixture.target("chat", 4)], offers, from: Fixture.start, rounds: 8)
        let node = try #require(up.pool.aliveNodes.first)
        let once = try Fixture.step(up.pool, [Fixture.target("chat", 4)], offers, events: [.nodeLost(node.id, at: up.now)], at: up.now)
        let twice = try Allocator().reconcile(
            once.pool, targets: [Fixture.target("chat", 4)], offers: offers, events: [.nodeLost(node.id, at: up.now)], now: up.now)
        #expect(twice.allSatisfy { if case .interrupt = $0.kind { false } else { true } })
        #expect(throws: AllocationError.unknownNode(NodeID(999), in: "event 0 (node-lost node-999 @0)")) {
            try Allocator().reconcile(up.pool, targets: [], offers: offers, events: [.nodeLost(NodeID(999), at: 0)], now: up.now)
        }
    }
}
