import Vocabulary

extension ReconcileRound {
    /// Brings every (model, region) with more live replicas of its target's shape than its
    /// target (0 without a target) down to it: surplus pending replicas are removed (newest
    /// first), then placed ones drained, ordered by (node capacity: spot, on-demand, reserved;
    /// the node's GPUs taken by staying replicas, fewest first; node id; loading before
    /// serving; newest first).
    ///
    /// Taking from the least-loaded nodes first empties whole nodes (consolidation); loads are
    /// read as the phase goes, so a node one model is emptying is preferred by the next model.
    ///
    /// Replicas of another shape (the plan moved the model to another variant) hand over:
    /// pending and loading ones go at once (they serve nothing), serving ones keep serving until
    /// the target's replicas of the new shape all serve, then drain. The new variant scales up
    /// before the old one scales down.
    mutating func scaleDown() throws(AllocationError) {
        var live: [ModelRegion: [ReplicaID]] = [:]
        var outgoing: [ModelRegion: [ReplicaID]] = [:]
        var servingNew: [ModelRegion: Int] = [:]
        for replica in pool.replicas.values where replica.isLive {
            if let target = targets[replica.modelRegion], !replica.fits(target.shape) {
                outgoing[replica.modelRegion, default: []].append(replica.id)
            } else {
                live[replica.modelRegion, default: []].append(replica.id)
                if replica.state == .serving { servingNew[replica.modelRegion, default: 0] += 1 }
            }
        }
        for key in outgoing.keys.sorted() {
            let handedOver = servingNew[key, default: 0] >= (targets[key]?.replicas ?? 0)
            for id in (outgoing[key] ?? []).sorted() {
                switch pool.replicas[id]?.state {
                case .pending: try emit(.remove(id), at: now)
                case .loading: try emit(.drain(id), at: now)
                case .serving where handedOver: try emit(.drain(id), at: now)
                default: break
                }
            }
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
