import Vocabulary

extension ReconcileRound {
    /// Provisions nodes for what neither class could place, per region and GPU type: interactive
    /// work is packed into room that drains free on its nodes (when that comes before a new
    /// node would), interactive nodes already provisioning, then new nodes; batch work likewise
    /// into its freeing room, batch nodes provisioning and the interactive ones left unused, then
    /// new nodes.
    /// Provisioning nodes that neither needs are set aside for the release phase (cancelled
    /// there, except reserved ones while idle reserved nodes are kept).
    mutating func provision(interactive: [Replica], batch: [Replica]) throws(AllocationError) {
        var work: [PoolKey: (interactive: [Replica], batch: [Replica])] = [:]
        for item in interactive { work[item.pool, default: ([], [])].interactive.append(item) }
        for item in batch { work[item.pool, default: ([], [])].batch.append(item) }
        for node in pool.nodes.values where node.state == .provisioning {
            let key = node.pool
            if work[key] == nil { work[key] = ([], []) }
        }
        for key in work.keys.sorted() {
            guard let items = work[key] else { continue }
            let offer = offers[key]
            let alive = aliveCounts(key)
            let forInteractive = provisioningNodes(key, .interactive)
            let interactivePlan = ProvisioningPlan(
                items: items.interactive, freeing: freeingRoom(key, .interactive), existing: forInteractive, offer: offer, replicaClass: .interactive,
                alive: alive, now: now)
            let takenByInteractive = Set(interactivePlan.used.compactMap { interactivePlan.bins[$0].node })
            let leftOver = forInteractive.filter { !takenByInteractive.contains($0.id) }
            let batchOwn = provisioningNodes(key, .batch)
            let forBatch = (batchOwn + leftOver).sorted { ($0.readyDueAt, $0.id) < ($1.readyDueAt, $1.id) }
            let newInteractive = interactivePlan.newBins
            let batchPlan = ProvisioningPlan(
                items: items.batch, freeing: freeingRoom(key, .batch), existing: forBatch, offer: offer, replicaClass: .batch,
                alive: (alive.all + newInteractive.count, alive.reserved + newInteractive.filter { $0.capacity == .reserved }.count),
                now: now)
            for (replicaClass, plan) in [(WorkloadClass.interactive, interactivePlan), (.batch, batchPlan)] {
                for bin in plan.newBins {
                    guard let offer else { continue }
                    let node = Node(
                        id: NodeID(pool.nextNodeNumber), region: key.region, gpuType: key.gpuType, gpus: offer.gpusPerNode,
                        memoryPerGPUGiB: offer.memoryPerGPUGiB, capacity: bin.capacity, replicaClass: replicaClass,
                        state: .provisioning, requestedAt: now, readyDueAt: bin.due)
                    try emit(.provision(node), at: now)
                }
            }
            var needed = takenByInteractive
            needed.formUnion(batchPlan.used.compactMap { batchPlan.bins[$0].node })
            unneeded[key, default: []] += (forInteractive + batchOwn).filter { !needed.contains($0.id) }
        }
    }

    /// Releases `nodes` (empty: ready without replicas, or provisioning), spot and on-demand
    /// before reserved; reserved ones are kept while `keepsIdleReservedNodes` and no more than
    /// the offer's reserved count are alive.
    mutating func release(_ nodes: [Node], key: PoolKey) throws(AllocationError) {
        var reservedAlive = aliveCounts(key).reserved
        let reservedPaid = offers[key]?.reservedNodes ?? 0
        for node in nodes.sorted(by: { ($0.capacity.releaseRank, $0.id) < ($1.capacity.releaseRank, $1.id) }) {
            if node.capacity == .reserved {
                if node.takesReplicas, settings.keepsIdleReservedNodes, reservedAlive <= reservedPaid { continue }
                reservedAlive -= 1
            }
            try emit(.release(node.id), at: now)
        }
    }
}
