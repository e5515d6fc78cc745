public import Vocabulary

/// How one served model behaves on its GPU, and the rules for scaling it.
public struct ModelProfile: Sendable, Hashable, Codable {
    /// The model's name, as in the traffic series.
    public var name: String
    /// Name of a ``GPUType`` of the fleet.
    public var gpuType: String
    /// GPUs one replica uses (at most one node's).
    public var gpusPerReplica: Int
    /// GPU memory one replica needs, in GiB (over all its GPUs).
    public var gpuMemoryGiB: Double
    /// Seconds to load the model on a ready node before it serves.
    public var coldStartSeconds: Double
    /// Interactive or batch.
    public var workloadClass: WorkloadClass
    /// Batch class only: seconds within which every request must complete after it arrives.
    public var deadlineSeconds: Double?
    /// Measured throughput by batch size, batch sizes and throughput strictly increasing.
    public var throughput: [ThroughputPoint]
    /// Latency SLO: the p99 latency, in milliseconds, a batch size must meet to be used.
    public var sloP99Milliseconds: Double
    /// Share in (0, 1] of a replica's throughput the plan may use (0.65 leaves 35 % headroom).
    public var targetUtilization: Double
    /// Warm floor: replicas kept in every region served, whatever the demand.
    public var minReplicas: Int
    /// Cap: replicas never planned above this, per region.
    public var maxReplicas: Int
    /// Scale-up rate limit.
    public var scaleUp: ScaleUpLimit
    /// Seconds the need must stay lower before capacity is removed.
    public var scaleDownStabilizationSeconds: Int64
    /// Forecast quantile in (0, 1) the plan provisions for; nil plans on the point forecast
    /// (the mean), which is the default for batch models.
    public var quantile: Double?
    /// Regions this model serves.
    public var regions: [String]
    /// Interactive models: share of requests in (0, 1) to serve within the SLO, the target
    /// `headroom tune` sizes the plan's settings for (default 0.999).
    public var sloServed: Double
    /// Interactive models: capacity on tokens against TTFT and TPOT targets; with it a step
    /// needs the most replicas of the request, prefill and decode bounds. nil sizes on requests.
    public var tokens: TokenProfile?
    /// Ways to serve the model (GPU types, tensor-parallel sizes); the first is the one the
    /// fields above describe. Empty for a model with one way. The planner picks the cheapest per
    /// region (``Planner``, "Variants" in docs/PLANNING.md).
    public var variants: [ModelVariant] = []

    public init(
        name: String, gpuType: String, gpusPerReplica: Int, gpuMemoryGiB: Double, coldStartSeconds: Double,
        workloadClass: WorkloadClass, deadlineSeconds: Double? = nil, throughput: [ThroughputPoint],
        sloP99Milliseconds: Double, targetUtilization: Double = 0.65, minReplicas: Int, maxReplicas: Int,
        scaleUp: ScaleUpLimit, scaleDownStabilizationSeconds: Int64, quantile: Double?, regions: [String],
        sloServed: Double = ModelProfile.defaultSLOServed, tokens: TokenProfile? = nil
    ) {
        self.name = name
        self.gpuType = gpuType
        self.gpusPerReplica = gpusPerReplica
        self.gpuMemoryGiB = gpuMemoryGiB
        self.coldStartSeconds = coldStartSeconds
        self.workloadClass = workloadClass
        self.deadlineSeconds = deadlineSeconds
        self.throughput = throughput
        self.sloP99Milliseconds = sloP99Milliseconds
        self.targetUtilization = targetUtilization
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.scaleUp = scaleUp
        self.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds
        self.quantile = quantile
        self.regions = regions
        self.sloServed = sloServed
        self.tokens = tokens
    }

    /// The default quantile of interactive models: plan for the 95th percentile of demand.
    public static let defaultInteractiveQuantile = 0.95
    /// The default share of requests served within the SLO that `headroom tune` aims at.
    public static let defaultSLOServed = 0.999
    /// The default target utilisation.
    public static let defaultTargetUtilization = 0.65
}
