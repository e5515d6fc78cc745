public import Vocabulary

/// The plan of one model in one region: replicas per step and the schedule that realises it.
///
/// Arrays are per planning step, the step `i` starting at `start + i × stepSeconds` (Unix s).
public struct ModelPlan: Sendable, Hashable, Codable {
    /// Model, region and the profile facts the plan was made with.
    public var model: String
    public var region: String
    public var gpuType: String
    public var gpusPerReplica: Int
    public var workloadClass: WorkloadClass
    /// Planning step, seconds.
    public var stepSeconds: Int64
    /// Unix seconds of the start of the first step.
    public var start: Int64
    /// The forecast quantile planned on; nil for the point forecast (mean).
    public var quantile: Double?
    /// The settings planned with (quantile, target utilisation) and whether they were tuned or
    /// configured; nil in plans stored before tuning existed.
    public var settings: PlanSettings?
    /// Demand the replicas are sized for, requests per second: the chosen forecast for
    /// interactive models; the deadline-feasible service rate for batch models.
    public var plannedRequestsPerSecond: [Double]
    /// Replicas that must be ready (serving) at each step, within floor and cap.
    public var replicas: [Int]
    /// Batch size each replica runs at, per step.
    public var batchSize: [Int]
    /// Replicas running (provisioned or loading or serving, so billed) per step under the schedule.
    public var launchedReplicas: [Int]
    /// Replicas ready to serve per step under the schedule.
    public var readyReplicas: [Int]
    /// Replicas running before the first step.
    public var initialReplicas: Int
    public var actions: [ScaleAction]
    /// Seconds from a scale-up to serving: node provisioning plus cold start.
    public var leadTimeSeconds: Double
    /// GPU-hours of the launched replicas over the horizon.
    public var gpuHours: Double
    /// Replica-hours the batching-first rule saved against always running the smallest batch size.
    public var replicaHoursSavedByBatching: Double
    /// Steps where demand needed more replicas than the cap allows.
    public var cappedSteps: Int
    /// Steps where ready replicas fall short of `replicas` (0 unless a given current replica
    /// count or the rate limit made the need unreachable).
    public var uncoveredSteps: Int
    /// Batch class: the largest backlog, in requests, at the end of a step.
    public var maxBacklogRequests: Double?
    /// Batch class: the most requests past their deadline at any step (0 when all deadlines hold).
    public var lateRequests: Double?
    /// Models planned on tokens: per step, what set the replicas (requests, prefill or decode);
    /// nil when planned on requests alone.
    public var limitedBy: [SizingBound]? = nil
    /// Models with variants: the one planned (its GPU type and GPUs are `gpuType` and
    /// `gpusPerReplica`) and why; nil for a model with one way to serve it.
    public var variant: VariantChoice? = nil
}

/// Which variant a model with several is planned on in a region, and the costs that chose it.
public struct VariantChoice: Sendable, Hashable, Codable {
    /// The variant planned.
    public var name: String
    /// On-demand USD of each variant's plan over the horizon, by name (feasible ones only).
    public var horizonCostUSD: [String: Double]
    /// Variants left out, by name, with the reason (a quota, no price in the region).
    public var excluded: [String: String]
    /// The variant the previous plan ran, when it was kept or left.
    public var previous: String?
    /// With a previous variant and a cheaper one: the cost of moving (the cheaper variant's
    /// peak replicas billed for their lead time while the old ones serve), USD.
    public var movingCostUSD: Double? = nil
    /// Why this one: cheapest, or kept because moving would not pay.
    public var reason: String

    public init(name: String, horizonCostUSD: [String: Double], excluded: [String: String], previous: String?,
                reason: String) {
        self.name = name
        self.horizonCostUSD = horizonCostUSD
        self.excluded = excluded
        self.previous = previous
        self.reason = reason
    }
}

extension ModelPlan {
    /// The model and region this plan is for.
    public var modelRegion: ModelRegion { ModelRegion(model: model, region: region) }
    /// The pool (region and GPU type) its replicas run in.
    public var pool: PoolKey { PoolKey(region: region, gpuType: gpuType) }
}
