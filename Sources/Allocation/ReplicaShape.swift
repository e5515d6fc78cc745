public import Vocabulary

/// What one replica of a model needs.
public struct ReplicaShape: Sendable, Hashable, Codable {
    /// GPU type it runs on (e.g. `H100`).
    public var gpuType: String
    /// Whole GPUs per replica, at least 1 and at most the node's GPUs.
    public var gpus: Int
    /// GPU memory per replica, GiB: at least 0 and at most `gpus` × the offer's memory per GPU.
    public var memoryGiB: Int
    /// Interactive or batch.
    public var replicaClass: WorkloadClass
    /// Seconds from placement to serving, at least 0.
    public var coldStartSeconds: Int64

    public init(gpuType: String, gpus: Int, memoryGiB: Int, replicaClass: WorkloadClass, coldStartSeconds: Int64) {
        self.gpuType = gpuType
        self.gpus = gpus
        self.memoryGiB = memoryGiB
        self.replicaClass = replicaClass
        self.coldStartSeconds = coldStartSeconds
    }
}

extension Replica {
    /// Whether the replica has `shape`'s GPU type, GPUs and memory (a replica of another shape
    /// is one of a variant the model is moving away from).
    public func fits(_ shape: ReplicaShape) -> Bool {
        gpuType == shape.gpuType && gpus == shape.gpus && memoryGiB == shape.memoryGiB
    }
}
