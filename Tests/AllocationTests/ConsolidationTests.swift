import Allocation
import Testing

@Suite struct ConsolidationTests {
    /// Three nodes holding 8, 8 and 2 replicas of 1 GPU (built by draining); scaling 18 → 16
    /// empties the node with 2 (no partly used node left), where taking two replicas off a full
    /// node leaves two partly used nodes and three nodes in use.
    @Test func scaleDownEmptiesTheLeastLoadedNodeWhereNaiveRemovalFragments() throws {
        let offers = [Fixture.offer(reserved: 0)]
        let full = try Fixture.settle(NodePool(), [Fixture.target("a", 24)], offers, from: Fixture.start, rounds: 10)
        let nodes = full.pool.aliveNodes.map(\.id)
        #expect(nodes.count == 3)
        var pool = full.pool
        // Leave 2 replicas on the last node.
        for (i, replica) in pool.replicas(on: nodes[2]).prefix(6).enumerated() {
            try pool.apply(Action(id: ActionID(round: pool.nextRound, index: i), at: full.now, kind: .drain(replica.id)))
        }
        let base = try Fixture.settle(pool, [Fixture.target("a", 18)], offers, from: full.now, rounds: 4)
        #expect(PoolMetrics(pool: base.pool).partlyUsedNodes == 1)

        let engine = try Fixture.settle(base.pool, [Fixture.target("a", 16)], offers, from: base.now, rounds: 4)
        #expect(PoolMetrics(pool: engine.pool).partlyUsedNodes == 0)
        #expect(Fixture.nodesInUse(engine.pool) == 2)

        var naive = base.pool
        let firstNodeReplicas = naive.replicas(on: nodes[0]).map(\.id).sorted(by: >).prefix(2)
        for (i, id) in firstNodeReplicas.enumerated() {
            try naive.apply(Action(id: ActionID(round: naive.nextRound, index: i), at: base.now, kind: .drain(id)))
        }
        let naiveSettled = try Fixture.settle(naive, [Fixture.target("a", 16)], offers, from: base.now, rounds: 4)
        #expect(PoolMetrics(pool: naiveSettled.pool).partlyUsedNodes == 2)
        #expect(Fixture.nodesInUse(naiveSettled.pool) == 3)
    }
}

@Suite struct FreeingRoomTests {
    /// One full node; model a goes 8 → 4 while model b goes 0 → 4 in the same round: the drains
    /// free the room within the drain period (60 s), sooner than a new node (120 s), so nothing
    /// is provisioned and b lands on the same node once the drains end.
    @Test func workWaitsForRoomThatDrainsFreeInsteadOfProvisioning() throws {
        let offers = [Fixture.offer(reserved: 0)]
        let full = try Fixture.settle(NodePool(), [Fixture.target("a", 8)], offers, from: Fixture.start, rounds: 8)
        let node = try #require(full.pool.aliveNodes.first)
        let targets = [Fixture.target("a", 4), Fixture.target("b", 4)]
        let round = try Fixture.step(full.pool, targets, offers, at: full.now)
        #expect(round.actions.allSatisfy { if case .provision = $0.kind { false } else { true } })
        let settled = try Fixture.settle(round.pool, targets, offers, from: full.now + 30, rounds: 6)
        #expect(Fixture.serving(settled.pool) == ["a": 4, "b": 4])
        #expect(settled.pool.aliveNodes.map(\.id) == [node.id])
    }

    /// With a drain period longer than a new node's delay, the work does not wait for it.
    @Test func workDoesNotWaitForADrainLongerThanProvisioning() throws {
        let offers = [Fixture.offer(reserved: 0)]
        let allocator = Allocator(settings: AllocationSettings(drainSeconds: 600))
        let full = try Fixture.settle(NodePool(), [Fixture.target("a", 8)], offers, from: Fixture.start, rounds: 8, allocator: allocator)
        let round = try Fixture.step(
            full.pool, [Fixture.target("a", 4), Fixture.target("b", 4)], offers, at: full.now, allocator: allocator)
        #expect(round.actions.contains { if case .provision = $0.kind { true } else { false } })
    }
}
