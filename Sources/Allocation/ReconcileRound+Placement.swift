import Vocabulary

extension ReconcileRound {
    /// The replicas of a class to place this round, largest first: the pending ones, then new
    /// ones for each target short of live replicas of its shape (as templates with id -1). Order: GPUs
    /// descending (best-fit decreasing packs within a node of the optimum for divisible sizes),
    /// then model, region, pending before new, id.
    func placementItems(_ replicaClass: WorkloadClass) -> [Replica] {
        var live: [ModelRegion: Int] = [:]
        var items: [Replica] = []
        for replica in pool.replicas.values where replica.isLive {
            // Replicas of a shape the target no longer has are handing over (`scaleDown`).
            if let target = targets[replica.modelRegion], !replica.fits(target.shape) { continue }
            live[replica.modelRegion, default: 0] += 1
            if replica.state == .pending, replica.replicaClass == replicaClass { items.append(replica) }
        }
        for (key, target) in targets where target.shape.replicaClass == replicaClass {
            let missing = target.replicas - (live[key] ?? 0)
            guard missing > 0 else { continue }
            let shape = target.shape
            let template = Replica(
                id: ReplicaID(-1), model: key.model, region: key.region, gpuType: shape.gpuType, gpus: shape.gpus,
                memoryGiB: shape.memoryGiB, replicaClass: shape.replicaClass,
                coldStartSeconds: shape.coldStartSeconds, state: .pending, node: nil, createdAt: now)
            items.append(contentsOf: repeatElement(template, count: missing))
        }
        return items.sorted { a, b in
            if a.gpus != b.gpus { return a.gpus > b.gpus }
            if a.model != b.model { return a.model < b.model }
            if a.region != b.region { return a.region < b.region }
            return (a.id.number < 0 ? 1 : 0, a.id.number) < (b.id.number < 0 ? 1 : 0, b.id.number)
        }
    }

    /// Places what it can of a class; returns the rest, in order. Interactive work that cannot
    /// get a node in time preempts batch nodes (`preemptForLateWork`).
    mutating func place(_ replicaClass: WorkloadClass) throws(AllocationError) -> [Replica] {
        var index = PlacementIndex(pool: pool, replicaClass: replicaClass)
        var unplaced: [Replica] = []
        for item in placementItems(replicaClass) where try !place(item, index: &index) {
            unplaced.append(item)
        }
        if replicaClass == .interactive, !unplaced.isEmpty {
            unplaced = try preemptForLateWork(unplaced, index: &index)
        }
        return unplaced
    }

    /// Best fit on the class's ready nodes, else an empty ready node (reserved, then spot for
    /// batch, then on demand; smallest id). False when neither exists.
    mutating func place(_ item: Replica, index: inout PlacementIndex) throws(AllocationError) -> Bool {
        let key = item.pool
        if let number = index.groups[key]?.bestFit(gpus: item.gpus, fits: { hasMemory(for: item, on: NodeID($0)) }) {
            try start(item, on: NodeID(number), index: &index)
            return true
        }
        let order: [CapacityType] = item.replicaClass == .batch ? [.reserved, .spot, .onDemand] : [.reserved, .onDemand]
        for capacity in order {
            var refused: [Int] = []
            var chosen: NodeID?
            while let number = index.empties[key]?[capacity]?.popMin() {
                let id = NodeID(number)
                guard let node = pool.nodes[id], node.state == .ready, node.takesReplicas, pool.usage[id]?.isEmpty ?? false else { continue }
                if node.gpus >= item.gpus, hasMemory(for: item, on: id) {
                    chosen = id
                    break
                }
                refused.append(number)
            }
            for number in refused { index.empties[key]?[capacity]?.insert(number) }
            if let chosen {
                try start(item, on: chosen, index: &index)
                return true
            }
        }
        return false
    }

    /// Whether the node's free GPU memory takes the replica.
    func hasMemory(for replica: Replica, on id: NodeID) -> Bool {
        guard let node = pool.nodes[id] else { return false }
        return node.memoryGiB - pool.usedMemoryGiB(on: id) >= replica.memoryGiB
    }

    /// Emits the placement of `item` on `nodeID` and records the node's new free GPUs.
    mutating func start(_ item: Replica, on nodeID: NodeID, index: inout PlacementIndex) throws(AllocationError) {
        var replica = item
        if replica.id.number < 0 {
            replica.id = ReplicaID(pool.nextReplicaNumber)
            replica.createdAt = now
        }
        replica.state = .loading
        replica.node = nodeID
        replica.placedAt = now
        replica.servingAt = nil
        replica.drainingSince = nil
        try emit(.place(replica), at: now)
        guard let node = pool.nodes[nodeID] else { return }
        let key = node.pool
        index.groups[key, default: FreeGPUBuckets()].set(
            key: nodeID.number, free: node.gpus - pool.usedGPUs(on: nodeID), rank: 0)
    }
}
