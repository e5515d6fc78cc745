public import GRDB

/// One row of `node` (Migrations/0007_pool_tables.sql): a node of the pool as stored. States
/// and capacity types are the allocation engine's raw values; times are Unix seconds.
public struct PoolNodeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "node"

    public var number: Int
    public var region: String
    public var gpuType: String
    public var gpus: Int
    public var memoryPerGPUGiB: Int
    /// `reserved`, `on-demand` or `spot`.
    public var capacity: String
    /// `interactive` or `batch`.
    public var replicaClass: String
    /// `provisioning`, `ready`, `draining` or `terminated`.
    public var state: String
    public var requestedAt: Int64
    public var readyDueAt: Int64
    public var readyAt: Int64?
    public var terminatedAt: Int64?
    /// When the provider takes the node back (an interruption notice); nil without one.
    public var reclaimAt: Int64?

    public init(number: Int, region: String, gpuType: String, gpus: Int, memoryPerGPUGiB: Int, capacity: String,
                replicaClass: String, state: String, requestedAt: Int64, readyDueAt: Int64, readyAt: Int64?,
                terminatedAt: Int64?, reclaimAt: Int64? = nil) {
        self.number = number
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

    enum CodingKeys: String, CodingKey {
        case number, region, gpus, capacity, state
        case gpuType = "gpu_type", memoryPerGPUGiB = "memory_per_gpu_gib", replicaClass = "replica_class"
        case requestedAt = "requested_at", readyDueAt = "ready_due_at", readyAt = "ready_at", terminatedAt = "terminated_at"
        case reclaimAt = "reclaim_at"
    }
}

/// One row of `replica` (Migrations/0007_pool_tables.sql): a replica not removed. Times are
/// Unix seconds; `node` is nil while it is pending.
public struct PoolReplicaRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "replica"

    public var number: Int
    public var model: String
    public var region: String
    public var gpuType: String
    public var gpus: Int
    public var memoryGiB: Int
    /// `interactive` or `batch`.
    public var replicaClass: String
    /// Seconds from placement to serving.
    public var coldStartSeconds: Int64
    /// `pending`, `loading`, `serving` or `draining`.
    public var state: String
    public var node: Int?
    public var createdAt: Int64
    public var placedAt: Int64?
    public var servingAt: Int64?
    public var drainingSince: Int64?

    public init(number: Int, model: String, region: String, gpuType: String, gpus: Int, memoryGiB: Int,
                replicaClass: String, coldStartSeconds: Int64, state: String, node: Int?, createdAt: Int64,
                placedAt: Int64?, servingAt: Int64?, drainingSince: Int64?) {
        self.number = number
        self.model = model
        self.region = region
        self.gpuType = gpuType
        self.gpus = gpus
        self.memoryGiB = memoryGiB
        self.replicaClass = replicaClass
        self.coldStartSeconds = coldStartSeconds
        self.state = state
        self.node = node
        self.createdAt = createdAt
        self.placedAt = placedAt
        self.servingAt = servingAt
        self.drainingSince = drainingSince
    }

    enum CodingKeys: String, CodingKey {
        case number, model, region, gpus, state, node
        case gpuType = "gpu_type", memoryGiB = "memory_gib", replicaClass = "replica_class"
        case coldStartSeconds = "cold_start_s", createdAt = "created_at", placedAt = "placed_at"
        case servingAt = "serving_at", drainingSince = "draining_since"
    }
}

/// The pool as its tables hold it: nodes (terminated ones included), replicas not removed, the
/// next ids, and how many applied actions of the log the tables reflect.
public struct PoolTables: Sendable, Equatable {
    public var nodes: [PoolNodeRecord]
    public var replicas: [PoolReplicaRecord]
    public var nextNodeNumber: Int
    public var nextReplicaNumber: Int
    /// Applied actions of `pool_action` the rows reflect.
    public var appliedActions: Int

    public init(nodes: [PoolNodeRecord], replicas: [PoolReplicaRecord], nextNodeNumber: Int, nextReplicaNumber: Int,
                appliedActions: Int) {
        self.nodes = nodes
        self.replicas = replicas
        self.nextNodeNumber = nextNodeNumber
        self.nextReplicaNumber = nextReplicaNumber
        self.appliedActions = appliedActions
    }
}
