import Vocabulary

extension ReconcileRound {
    /// Brings every (model, region) with more live replicas than its target (0 without a
    /// target) down to it: surplus pending replicas are removed (newest first), then placed ones
    /// drained, ordered by (node capacity: spot, on-demand, reserved; the node's GPUs taken by
    /// staying replicas, fewest first; node id; loading before serving; newest first).
    ///
    /// Taking from the least-loaded nodes first empties whole nodes (consolidation); loads are
    /// read as the phase goes, so a node one model is emptying is preferred by the next model.
    mutating func scaleDown() throws(AllocationError) {
        var live: [ModelRegion: [ReplicaID]] = [:]
        for replica in pool.replicas.values where replica.isLive {
            live[replica.modelRegion, default: []].append(replica.id)
        }
        for key in live.keys.sorted() {
            let ids = live[key] ?? []
            var excess = ids.count - (targets[key]?.replicas ?? 0)
            guard excess > 0 else { continue }
            let pending = ids.filter { pool.replicas[$0]?.state == .pending }.sorted(by: >)
            for id in pending.prefix(excess) {
                try emit(.remove(id), at: now)
                excess -= 1
            }
            guard excess > 0 else { continue }
            let placed: [(order: DrainOrder, id: ReplicaID)] = ids.compactMap { id in
                guard let replica = pool.replicas[id], let nodeID = replica.node, let node = pool.nodes[nodeID] else {
                    return nil
                }
                let order = DrainOrder(
                    capacityRank: node.capacity.releaseRank, activeGPUs: pool.usage[nodeID]?.activeGPUs ?? 0,
                    node: nodeID, serving: replica.state == .serving ? 1 : 0, newest: -replica.id.number)
                return (order, id)
            }
            for (_, id) in placed.sorted(by: { $0.order < $1.order }).prefix(excess) {
                try emit(.drain(id), at: now)
            }
        }
    }
}

/// Which replica drains first: the smaller goes first.
struct DrainOrder: Comparable {
    var capacityRank: Int
    var activeGPUs: Int
    var node: NodeID
    var serving: Int
    var newest: Int
    static func < (a: DrainOrder, b: DrainOrder) -> Bool {
        (a.capacityRank, a.activeGPUs, a.node.number, a.serving, a.newest)
            < (b.capacityRank, b.activeGPUs, b.node.number, b.serving, b.newest)
    }
}
