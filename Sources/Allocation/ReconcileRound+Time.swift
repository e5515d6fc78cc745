extension ReconcileRound {
    /// Takes the provider's news in event order: a reported node is ready, a lost node still
    /// alive is interrupted, a node with an interruption notice takes no new replicas and its
    /// replicas drain (a node still provisioning is interrupted at once: it never served). Then
    /// every node whose reclaim time has passed is interrupted at that time.
    ///
    /// - Throws: `AllocationError.unknownNode` for a node the pool never held.
    mutating func applyEvents(_ events: [PoolEvent]) throws(AllocationError) {
        for (position, event) in events.enumerated() {
            guard let node = pool.nodes[event.node] else {
                throw .unknownNode(event.node, in: "event \(position) (\(event))")
            }
            switch event {
            case .nodeReady(let id, let at):
                if node.state == .provisioning { try emit(.nodeReady(id), at: max(at, node.requestedAt)) }
            case .nodeLost(let id, let at):
                if node.isAlive { try emit(.interrupt(id), at: at) }
            case .interruptionNotice(let id, let at, let reclaimAt):
                guard node.isAlive, node.reclaimAt == nil else { break }
                guard node.state != .provisioning else {
                    try emit(.interrupt(id), at: at)
                    break
                }
                try emit(.reclaimNotice(id, reclaimAt: reclaimAt), at: at)
                for replica in pool.replicas(on: id).sorted(by: { $0.id < $1.id }) where replica.state != .draining {
                    try emit(.drain(replica.id), at: at)
                }
            }
        }
        let due = pool.nodes.values.compactMap { node -> (at: Int64, id: NodeID)? in
            guard node.isAlive, let reclaimAt = node.reclaimAt, reclaimAt <= now else { return nil }
            return (reclaimAt, node.id)
        }
        for (at, id) in due.sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) {
            try emit(.interrupt(id), at: at)
        }
    }

    /// Emits what time brought by `now`, each at the moment it happened: nodes ready (when
    /// readiness is scheduled), replicas
    /// loaded, drains finished; in the order (time, node before replica, id).
    mutating func advanceTime() throws(AllocationError) {
        var ready: [(at: Int64, id: NodeID)] = []
        for node in pool.nodes.values
        where settings.nodeReadiness == .scheduled && node.state == .provisioning && node.readyDueAt <= now {
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
