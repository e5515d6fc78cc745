public import Vocabulary

/// One GPU machine in the pool.
///
/// Times are Unix seconds. A node is in one node group: its region, GPU type and the class of
/// replicas it hosts (`replicaClass`). An empty ready node may be claimed by either class (spot
/// nodes by batch only); the first replica placed on it sets its class.
public struct Node: Sendable, Hashable, Codable {
    /// Assigned by the engine in order.
    public var id: NodeID
    /// Region, as in the offers.
    public var region: String
    /// GPU type, as in the offers (e.g. `H100`).
    public var gpuType: String
    /// GPUs on the node.
    public var gpus: Int
    /// Memory of one GPU, GiB.
    public var memoryPerGPUGiB: Int
    /// How it is bought.
    public var capacity: CapacityType
    /// The class it was provisioned for, then the class of the replicas it hosts.
    public var replicaClass: WorkloadClass
    /// Provisioning, ready, draining (all its replicas drain) or terminated.
    public var state: NodeState
    /// When the node was requested from the provider.
    public var requestedAt: Int64
    /// When the provider is expected to hand it over: `requestedAt` + provisioning delay.
    public var readyDueAt: Int64
    /// When it became ready (nil while provisioning).
    public var readyAt: Int64?
    /// When it was released or lost (nil while alive).
    public var terminatedAt: Int64?

    public init(
        id: NodeID, region: String, gpuType: String, gpus: Int, memoryPerGPUGiB: Int,
        capacity: CapacityType, replicaClass: WorkloadClass, state: NodeState,
        requestedAt: Int64, readyDueAt: Int64, readyAt: Int64? = nil, terminatedAt: Int64? = nil
    ) {
        self.id = id
        self.region = region
        self.gpuType = gpuType
        self.gpus = gpus
        self.memoryPerGPUGiB = memoryPerGPUGiB
        self.capacity = capacity
        self.replicaClass = replicaClass
        self.state = state
        self.requestedAt = requestedAt
        self.readyDueAt = readyDueAt
        self.readyAt = readyAt
        self.terminatedAt = terminatedAt
    }

    /// GPU memory of the whole node, GiB.
    /// The node's pool: its region and GPU type.
    public var pool: PoolKey { PoolKey(region: region, gpuType: gpuType) }

    public var memoryGiB: Int { gpus * memoryPerGPUGiB }

    /// Not terminated: counts towards quotas and the reserved count.
    public var isAlive: Bool { state != .terminated }
}
