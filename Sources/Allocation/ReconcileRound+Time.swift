extension ReconcileRound {
    /// Interrupts every lost node still alive, in event order.
    ///
    /// - Throws: `AllocationError.unknownNode` for a node the pool never held.
    mutating func applyEvents(_ events: [PoolEvent]) throws(AllocationError) {
        for (position, event) in events.enumerated() {
            switch event {
            case .nodeLost(let id, let at):
                guard let node = pool.nodes[id] else { throw .unknownNode(id, in: "event \(position) (node lost)") }
                if node.isAlive { try emit(.interrupt(id), at: at) }
            }
        }
    }

    /// Emits what time brought by `now`, each at the moment it happened: nodes ready, replicas
    /// loaded, drains finished; in the order (time, node before replica, id).
    mutating func advanceTime() throws(AllocationError) {
        var ready: [(at: Int64, id: NodeID)] = []
        for node in pool.nodes.values where node.state == .provisioning && node.readyDueAt <= now {
            ready.append((node.readyDueAt, node.id))
        }
        for (at, id) in ready.sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) {
            try emit(.nodeReady(id), at: at)
        }
        var loaded: [(at: Int64, id: ReplicaID)] = []
        var drained: [(at: Int64, id: ReplicaID)] = []
        for replica in pool.replicas.values {
            switch replica.state {
            case .loading:
                if let placedAt = replica.placedAt, placedAt + replica.coldStartSeconds <= now {
                    loaded.append((placedAt + replica.coldStartSeconds, replica.id))
                }
            case .draining:
                if let since = replica.drainingSince, since + settings.drainSeconds <= now {
                    drained.append((since + settings.drainSeconds, replica.id))
                }
            case .pending, .serving:
                break
            }
        }
        for (at, id) in loaded.sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) {
            try emit(.replicaReady(id), at: at)
        }
        for (at, id) in drained.sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) {
            try emit(.remove(id), at: at)
        }
    }
}
