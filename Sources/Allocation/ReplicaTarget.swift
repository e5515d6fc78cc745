public import Vocabulary

/// The desired number of live replicas of one model in one region, with the model's shape.
///
/// The lead maps a plan step onto these (`ModelPlan` replicas at the step being executed).
/// A model with replicas in the pool and no target has a target of 0.
public struct ReplicaTarget: Sendable, Hashable, Codable {
    /// The served model.
    public var model: String
    /// The region.
    public var region: String
    /// Desired live replicas (pending, loading or serving), at least 0.
    public var replicas: Int
    /// What one replica needs.
    public var shape: ReplicaShape

    public init(model: String, region: String, replicas: Int, shape: ReplicaShape) {
        self.model = model
        self.region = region
        self.replicas = replicas
        self.shape = shape
    }

    /// The target's model and region.
    public var modelRegion: ModelRegion { ModelRegion(model: model, region: region) }

    /// The pool its replicas run in: its region and the shape's GPU type.
    public var pool: PoolKey { PoolKey(region: region, gpuType: shape.gpuType) }
}
