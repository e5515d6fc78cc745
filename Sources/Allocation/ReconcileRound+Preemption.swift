import Vocabulary

extension ReconcileRound {
    /// For interactive replicas that no ready node took and no node can be ready for within
    /// `interactiveWaitSeconds`: room on a node emptied earlier in this phase, else preempt every
    /// batch replica of one batch node (non-spot, same region and GPU type, big enough) and place
    /// the interactive replica there. The victim node is the one with the least batch work (nodes
    /// that only drain first, then fewest staying GPUs, then smallest id). Returns what is still
    /// unplaced: work that a node being provisioned takes in time, and late work with no victim.
    ///
    /// A whole node is emptied because classes never share a node; the preempted replicas go
    /// back to pending and are placed again (batch phase of this round or a later one).
    mutating func preemptForLateWork(_ unplaced: [Replica], index: inout PlacementIndex) throws(AllocationError) -> [Replica] {
        var byKey: [PoolKey: [Replica]] = [:]
        for item in unplaced { byKey[item.pool, default: []].append(item) }
        var remaining: [Replica] = []
        for key in byKey.keys.sorted() {
            let items = byKey[key] ?? []
            let plan = ProvisioningPlan(
                items: items, freeing: freeingRoom(key, .interactive), existing: provisioningNodes(key, .interactive),
                offer: offers[key],
                replicaClass: .interactive, alive: aliveCounts(key), now: now)
            var victims = batchVictims(key)
            for (position, item) in items.enumerated() {
                if let bin = plan.binOfItem[position], plan.bins[bin].due <= now + settings.interactiveWaitSeconds {
                    remaining.append(item)
                    continue
                }
                if try place(item, index: &index) { continue }
                guard let victim = victims.firstIndex(where: { canHost(item, on: $0) }) else {
                    remaining.append(item)
                    continue
                }
                let nodeID = victims.remove(at: victim)
                for replica in pool.replicas(on: nodeID) { try emit(.preempt(replica.id), at: now) }
                try start(item, on: nodeID, index: &index)
            }
        }
        return remaining
    }

    /// Batch nodes that could be emptied for interactive work, best victim first.
    func batchVictims(_ key: PoolKey) -> [NodeID] {
        var candidates: [(draining: Int, gpus: Int, id: NodeID)] = []
        for node in pool.nodes.values
        where node.pool == key && node.replicaClass == .batch
            && node.capacity != .spot && (node.state == .ready || node.state == .draining) && node.takesReplicas
        {
            guard let used = pool.usage[node.id], !used.isEmpty else { continue }
            candidates.append((node.state == .draining ? 0 : 1, used.activeGPUs, node.id))
        }
        return candidates.sorted { ($0.draining, $0.gpus, $0.id) < ($1.draining, $1.gpus, $1.id) }.map(\.id)
    }

    /// Whether the node, once empty, takes the replica.
    func canHost(_ replica: Replica, on id: NodeID) -> Bool {
        guard let node = pool.nodes[id] else { return false }
        return node.gpus >= replica.gpus && node.memoryGiB >= replica.memoryGiB
    }

    /// Room that drains will free on ready nodes of a region, GPU type and class, by node id.
    func freeingRoom(_ key: PoolKey, _ replicaClass: WorkloadClass) -> [FreeingRoom] {
        var rooms: [FreeingRoom] = []
        for node in pool.nodes.values
        where (node.state == .ready || node.state == .draining) && node.takesReplicas && node.region == key.region
            && node.gpuType == key.gpuType && node.replicaClass == replicaClass
        {
            guard let used = pool.usage[node.id], used.drainingCount > 0 else { continue }
            var memory = node.memoryGiB - used.memoryGiB
            var due = now
            for replica in pool.replicas(on: node.id) where replica.state == .draining {
                memory += replica.memoryGiB
                due = max(due, (replica.drainingSince ?? now) + settings.drainSeconds)
            }
            rooms.append(FreeingRoom(
                node: node.id, capacity: node.capacity, gpus: node.gpus - used.activeGPUs, memoryGiB: memory, due: due))
        }
        return rooms.sorted { $0.node < $1.node }
    }

    /// Nodes of a region and GPU type being provisioned for a class, earliest due first.
    func provisioningNodes(_ key: PoolKey, _ replicaClass: WorkloadClass) -> [Node] {
        pool.nodes.values
            .filter {
                $0.state == .provisioning && $0.pool == key
                    && $0.replicaClass == replicaClass
            }
            .sorted { ($0.readyDueAt, $0.id) < ($1.readyDueAt, $1.id) }
    }
}
