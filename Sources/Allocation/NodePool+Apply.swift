extension NodePool {
    /// Applies one action; a no-op when its id was applied before, so a log re-applied after a
    /// crash (in order, from any point) leaves the pool as one application did.
    ///
    /// Every action also checks its own state (a `nodeReady` for a ready node, a `remove` of a
    /// removed replica change nothing). O(1) except `interrupt` (O(replicas on the node)).
    ///
    /// - Throws: `AllocationError` naming the action when it does not fit the pool (an unknown
    ///   node or replica, a replica that would not fit, classes that would share a node, the
    ///   preemption of interactive work, the release of a node that still holds replicas). The
    ///   pool is unchanged then.
    public mutating func apply(_ action: Action) throws(AllocationError) {
        guard !appliedActions.contains(action.id) else { return }
        func place() -> String { "action \(action.id) (\(action.kind))" }
        switch action.kind {
        case .provision(let node):
            try applyProvision(node, place: place())
        case .nodeReady(let id):
            guard let node = nodes[id] else { throw .unknownNode(id, in: place()) }
            if node.state == .provisioning {
                nodes[id]?.state = .ready
                nodes[id]?.readyAt = action.at
            }
        case .place(let replica):
            try applyPlace(replica, place: place())
        case .replicaReady(let id):
            guard let replica = replicas[id] else { throw .unknownReplica(id, in: place()) }
            if replica.state == .loading {
                replicas[id]?.state = .serving
                replicas[id]?.servingAt = action.at
            }
        case .drain(let id):
            try applyDrain(id, at: action.at, place: place())
        case .remove(let id):
            if let replica = replicas[id] {
                detach(replica)
                replicas[id] = nil
            }
        case .release(let id):
            guard let node = nodes[id] else { throw .unknownNode(id, in: place()) }
            guard node.isAlive else { break }
            guard usage[id]?.isEmpty ?? true else {
                throw .inconsistent(in: place(), rule: "\(id) still holds \(usage[id]?.replicas.count ?? 0) replicas")
            }
            terminate(id, at: action.at)
        case .preempt(let id):
            try applyPreempt(id, place: place())
        case .interrupt(let id):
            guard let node = nodes[id] else { throw .unknownNode(id, in: place()) }
            guard node.isAlive else { break }
            for replica in replicas(on: id) {
                detach(replica)
                replicas[replica.id] = replica.state == .draining ? nil : replica.pendingAgain()
            }
            terminate(id, at: action.at)
        case .reclaimNotice(let id, let reclaimAt):
            guard let node = nodes[id] else { throw .unknownNode(id, in: place()) }
            if node.isAlive, node.reclaimAt == nil { nodes[id]?.reclaimAt = reclaimAt }
        }
        appliedActions.insert(action.id)
        nextRound = max(nextRound, action.id.round + 1)
    }

    /// The pool after `action`.
    public func applying(_ action: Action) throws(AllocationError) -> NodePool {
        var pool = self
        try pool.apply(action)
        return pool
    }

    /// The pool after `actions`, in order.
    public func applying(_ actions: [Action]) throws(AllocationError) -> NodePool {
        var pool = self
        for action in actions { try pool.apply(action) }
        return pool
    }

    private mutating func applyProvision(_ node: Node, place: @autoclosure () -> String) throws(AllocationError) {
        guard nodes[node.id] == nil else { return }
        guard node.state == .provisioning, node.gpus >= 1, node.memoryPerGPUGiB >= 1 else {
            throw .inconsistent(in: place(), rule: "a provisioned node starts provisioning with at least 1 GPU of at least 1 GiB")
        }
        nodes[node.id] = node
        usage[node.id] = NodeUsage()
        nextNodeNumber = max(nextNodeNumber, node.id.number + 1)
    }

    private mutating func applyPlace(_ replica: Replica, place: @autoclosure () -> String) throws(AllocationError) {
        if let existing = replicas[replica.id], existing.state != .pending {
            guard existing == replica else {
                throw .inconsistent(in: place(), rule: "\(replica.id) is already \(existing.state.rawValue)")
            }
            return
        }
        guard replica.state == .loading, let nodeID = replica.node else {
            throw .inconsistent(in: place(), rule: "a placed replica is loading on a node")
        }
        if let existing = replicas[replica.id],
           existing.model != replica.model || existing.region != replica.region || existing.gpus != replica.gpus
        {
            throw .inconsistent(in: place(), rule: "\(replica.id) is \(existing.model) in \(existing.region); the action places another shape")
        }
        try checkPlacement(of: replica, on: nodeID, place: place())
        replicas[replica.id] = replica
        attach(replica, to: nodeID)
        nextReplicaNumber = max(nextReplicaNumber, replica.id.number + 1)
    }

    private mutating func applyDrain(_ id: ReplicaID, at: Int64, place: @autoclosure () -> String) throws(AllocationError) {
        guard let replica = replicas[id] else { throw .unknownReplica(id, in: place()) }
        guard replica.state == .loading || replica.state == .serving else { return }
        detach(replica)
        var drained = replica
        drained.state = .draining
        drained.drainingSince = at
        replicas[id] = drained
        if let nodeID = drained.node { attach(drained, to: nodeID) }
    }

    private mutating func applyPreempt(_ id: ReplicaID, place: @autoclosure () -> String) throws(AllocationError) {
        guard let replica = replicas[id] else { throw .unknownReplica(id, in: place()) }
        guard replica.replicaClass == .batch else {
            throw .inconsistent(in: place(), rule: "\(id) is interactive; only batch replicas are preempted")
        }
        guard replica.state != .pending else { return }
        detach(replica)
        replicas[id] = replica.state == .draining ? nil : replica.pendingAgain()
    }

    private mutating func terminate(_ id: NodeID, at: Int64) {
        nodes[id]?.state = .terminated
        nodes[id]?.terminatedAt = at
        usage[id] = nil
    }
}

extension Replica {
    /// The replica back to pending: off its node, to be placed again with the same id.
    func pendingAgain() -> Replica {
        var replica = self
        replica.state = .pending
        replica.node = nil
        replica.placedAt = nil
        replica.servingAt = nil
        replica.drainingSince = nil
        return replica
    }
}
