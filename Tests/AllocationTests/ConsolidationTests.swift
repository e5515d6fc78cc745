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
