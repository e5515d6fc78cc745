public import Vocabulary

/// How well a pool is used: a pure function of the pool.
///
/// "Ready" below means ready or draining (nodes that hold GPUs the fleet pays for and can use).
public struct PoolMetrics: Sendable, Hashable, Codable {
    /// GPUs taken by replicas on ready nodes.
    public var gpusInUse: Int
    /// GPUs of ready nodes.
    public var gpusOnReadyNodes: Int
    /// `gpusInUse / gpusOnReadyNodes` (packing efficiency), nil without ready nodes.
    public var packingEfficiency: Double?
    /// Ready nodes that hold replicas and still have free GPUs.
    public var partlyUsedNodes: Int
    /// Free GPUs on those nodes (fragmentation: GPUs paid for that their class's big replicas
    /// may not be able to use).
    public var strandedGPUs: Int
    /// Ready nodes without replicas.
    public var emptyReadyNodes: Int
    /// Nodes not terminated, by capacity type.
    public var nodesByCapacity: [CapacityType: Int]
    /// Every node by state, terminated included.
    public var nodesByState: [NodeState: Int]
    /// Replicas by state.
    public var replicasByState: [ReplicaState: Int]
    /// Mean seconds from request to ready over the nodes that became ready, nil if none did.
    public var meanSecondsToReady: Double?
    /// Packing per node group, in (region, GPU type, class) order.
    public var groups: [GroupPacking]

    /// O(nodes + replicas).
    public init(pool: NodePool) {
        gpusInUse = 0
        gpusOnReadyNodes = 0
        partlyUsedNodes = 0
        strandedGPUs = 0
        emptyReadyNodes = 0
        nodesByCapacity = [:]
        nodesByState = [:]
        replicasByState = [:]
        var secondsToReady = 0.0
        var becameReady = 0
        var groupIndex: [GroupPacking.Key: GroupPacking] = [:]
        for node in pool.nodes.values {
            nodesByState[node.state, default: 0] += 1
            if node.isAlive { nodesByCapacity[node.capacity, default: 0] += 1 }
            if let readyAt = node.readyAt {
                secondsToReady += Double(readyAt - node.requestedAt)
                becameReady += 1
            }
            guard node.state == .ready || node.state == .draining else { continue }
            let used = pool.usage[node.id] ?? NodeUsage()
            gpusOnReadyNodes += node.gpus
            gpusInUse += used.gpus
            if used.isEmpty {
                emptyReadyNodes += 1
                continue
            }
            if used.gpus < node.gpus {
                partlyUsedNodes += 1
                strandedGPUs += node.gpus - used.gpus
            }
            let key = GroupPacking.Key(region: node.region, gpuType: node.gpuType, replicaClass: node.replicaClass)
            var group = groupIndex[key] ?? GroupPacking(
                region: node.region, gpuType: node.gpuType, replicaClass: node.replicaClass, nodesInUse: 0,
                gpusInUse: 0, memoryInUseGiB: 0, gpusPerNode: 0, memoryPerNodeGiB: 0)
            group.nodesInUse += 1
            group.gpusInUse += used.gpus
            group.memoryInUseGiB += used.memoryGiB
            group.gpusPerNode = max(group.gpusPerNode, node.gpus)
            group.memoryPerNodeGiB = max(group.memoryPerNodeGiB, node.memoryGiB)
            groupIndex[key] = group
        }
        for replica in pool.replicas.values { replicasByState[replica.state, default: 0] += 1 }
        packingEfficiency = gpusOnReadyNodes > 0 ? Double(gpusInUse) / Double(gpusOnReadyNodes) : nil
        meanSecondsToReady = becameReady > 0 ? secondsToReady / Double(becameReady) : nil
        groups = groupIndex.keys.sorted().compactMap { groupIndex[$0] }
    }
}

/// The nodes one (region, GPU type, class) group uses against the fewest it could use.
public struct GroupPacking: Sendable, Hashable, Codable {
    struct Key: Hashable, Comparable {
        var region: String
        var gpuType: String
        var replicaClass: WorkloadClass
        static func < (a: Key, b: Key) -> Bool {
            (a.region, a.gpuType, a.replicaClass.rawValue) < (b.region, b.gpuType, b.replicaClass.rawValue)
        }
    }

    /// The group's region.
    public var region: String
    /// The group's GPU type.
    public var gpuType: String
    /// The group's class.
    public var replicaClass: WorkloadClass
    /// Ready nodes holding replicas.
    public var nodesInUse: Int
    /// GPUs taken by replicas on the group's nodes.
    public var gpusInUse: Int
    /// GPU memory taken, GiB.
    public var memoryInUseGiB: Int
    /// GPUs and GPU memory (GiB) of the group's largest node.
    public var gpusPerNode: Int
    public var memoryPerNodeGiB: Int

    /// `max(ceil(gpusInUse / gpusPerNode), ceil(memoryInUseGiB / memoryPerNodeGiB))`: no packing
    /// can use fewer nodes.
    public var lowerBoundNodes: Int {
        func ceilDiv(_ a: Int, _ b: Int) -> Int { b > 0 ? (a + b - 1) / b : 0 }
        return max(ceilDiv(gpusInUse, gpusPerNode), ceilDiv(memoryInUseGiB, memoryPerNodeGiB))
    }

    /// `nodesInUse / lowerBoundNodes − 1`: 0 is optimal; 0.02 is 2% over the bound.
    public var excessOverLowerBound: Double {
        lowerBoundNodes > 0 ? Double(nodesInUse) / Double(lowerBoundNodes) - 1 : 0
    }
}
