public import Vocabulary

/// One running copy of a model, with the shape it needs.
///
/// A replica takes whole GPUs (`gpus`) and `memoryGiB` of their memory; it keeps its shape when
/// it goes back to pending, so it is placed again as the same replica. Times are Unix seconds.
public struct Replica: Sendable, Hashable, Codable {
    /// Assigned by the engine in order; kept when placed again.
    public var id: ReplicaID
    /// The served model.
    public var model: String
    /// Region it serves.
    public var region: String
    /// GPU type it needs.
    public var gpuType: String
    /// Whole GPUs taken on its node.
    public var gpus: Int
    /// GPU memory taken, GiB (at most `gpus` × the node's memory per GPU).
    public var memoryGiB: Int
    /// Interactive or batch.
    public var replicaClass: WorkloadClass
    /// Seconds from placement to serving (weights loaded, warmed up).
    public var coldStartSeconds: Int64
    /// Pending, loading, serving or draining.
    public var state: ReplicaState
    /// Its node; nil while pending.
    public var node: NodeID?
    /// When it was first placed.
    public var createdAt: Int64
    /// When it was last placed (nil while pending).
    public var placedAt: Int64?
    /// When it started serving after its last placement.
    public var servingAt: Int64?
    /// When its drain started.
    public var drainingSince: Int64?

    public init(
        id: ReplicaID, model: String, region: String, gpuType: String, gpus: Int, memoryGiB: Int,
        replicaClass: WorkloadClass, coldStartSeconds: Int64, state: ReplicaState, node: NodeID?,
        createdAt: Int64, placedAt: Int64? = nil, servingAt: Int64? = nil, drainingSince: Int64? = nil
    ) {
        self.id = id
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

    /// The replica's model and region.
    public var modelRegion: ModelRegion { ModelRegion(model: model, region: region) }

    /// The pool it runs in: its region and GPU type.
    public var pool: PoolKey { PoolKey(region: region, gpuType: gpuType) }

    /// Counts towards its target: pending, loading or serving (not draining).
    public var isLive: Bool { state != .draining }
}

/// A replica's identity: a number the engine assigns in order, never reused within a pool.
public struct ReplicaID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The number, from 0.
    public var number: Int

    public init(_ number: Int) { self.number = number }

    public static func < (a: ReplicaID, b: ReplicaID) -> Bool { a.number < b.number }

    /// `replica-42`: the name a provider gives the workload (a pod name).
    public var description: String { "replica-\(number)" }
}

/// Where a replica is in its life.
public enum ReplicaState: String, CaseIterable, Sendable, Codable, Hashable {
    /// Wants a node: its node was lost or it was preempted; placed again when room exists.
    case pending
    /// Placed on a node, loading weights for its cold start; not serving yet.
    case loading
    /// Serving traffic.
    case serving
    /// Finishing in-flight work; removed once the drain period has passed.
    case draining
}
