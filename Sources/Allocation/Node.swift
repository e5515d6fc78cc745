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
    /// When the provider takes it back, as its interruption notice said (nil without a notice).
    /// A node with a notice takes no new replicas and is interrupted at this time if still alive.
    public var reclaimAt: Int64?

    public init(
        id: NodeID, region: String, gpuType: String, gpus: Int, memoryPerGPUGiB: Int,
        capacity: CapacityType, replicaClass: WorkloadClass, state: NodeState,
        requestedAt: Int64, readyDueAt: Int64, readyAt: Int64? = nil, terminatedAt: Int64? = nil,
        reclaimAt: Int64? = nil
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
        self.reclaimAt = reclaimAt
    }

    /// GPU memory of the whole node, GiB.
    /// The node's pool: its region and GPU type.
    public var pool: PoolKey { PoolKey(region: region, gpuType: gpuType) }

    public var memoryGiB: Int { gpus * memoryPerGPUGiB }

    /// Not terminated: counts towards quotas and the reserved count.
    public var isAlive: Bool { state != .terminated }

    /// Ready or draining and without an interruption notice: new replicas may go on it.
    var takesReplicas: Bool { reclaimAt == nil }
}

/// A node's identity: a number the engine assigns in order, never reused within a pool.
public struct NodeID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The number, from 0.
    public var number: Int

    public init(_ number: Int) { self.number = number }

    public static func < (a: NodeID, b: NodeID) -> Bool { a.number < b.number }

    /// `node-17`: the name a provider gives the machine (a Kubernetes node name, a tag).
    public var description: String { "node-\(number)" }
}

/// Where a node is in its life.
public enum NodeState: String, CaseIterable, Sendable, Codable, Hashable {
    /// Requested from the provider, not yet usable.
    case provisioning
    /// Usable: replicas may be placed on it.
    case ready
    /// Being emptied: no new replicas; released once its replicas are gone.
    case draining
    /// Given back to the provider (or lost to a spot interruption or a failure).
    case terminated
}

/// What the replicas on one node take: kept by `NodePool` as actions apply, so that placement
/// and consolidation read a node's load in O(1).
struct NodeUsage: Sendable, Hashable {
    /// GPUs taken by its replicas, draining ones included.
    var gpus = 0
    /// GPU memory taken, GiB, draining replicas included.
    var memoryGiB = 0
    /// GPUs taken by its draining replicas.
    var drainingGPUs = 0
    var replicas: Set<ReplicaID> = []
    var drainingCount = 0

    /// GPUs taken by replicas that stay (not draining).
    var activeGPUs: Int { gpus - drainingGPUs }
    var isEmpty: Bool { replicas.isEmpty }
}
