public import Forecasting

/// How a replay is run, apart from the policy: the training period, the forecast history and
/// the reactive autoscaler's rules.
public struct SimulationSettings: Sendable, Equatable {
    /// Whole UTC days of traffic before the first replayed day: the static policy's peak and the
    /// first forecast come from them. At least 1.
    public var trainDays: Int
    /// Days of history (at most) each daily forecast is fitted on; 28 keeps both the daily and
    /// the weekly cycle (which needs two weeks) at a bounded cost per day.
    public var historyDays: Int
    /// The HPA-like autoscaler of the reactive policy.
    public var reactive: ReactiveSettings
    /// The hybrid policy's plan floor and correction.
    public var hybrid: HybridSettings
    /// How the predictive policy's plans are sized (default: as configured).
    public var predictive: PlanSizing
    /// The static policy's headroom: it provisions the training peak x (1 + `staticMargin`),
    /// at least 0.
    public var staticMargin: Double
    /// Forecast options (levels must allow the planned quantiles; the defaults do).
    public var forecast: ForecastOptions
    /// When set, the reservation is bought once at the first replayed day by this rule and
    /// held through the replay (``CommitmentPolicy``); nil: the policy's own nightly one.
    public var commitmentPolicy: CommitmentPolicy?
    /// The `headroom` commitment rule's confidence `α` (``CommitmentAdvisor/confidence``).
    public var commitmentConfidence: Double = 0.5

    public init(trainDays: Int = 14, historyDays: Int = 28, reactive: ReactiveSettings = ReactiveSettings(),
                hybrid: HybridSettings = HybridSettings(), predictive: PlanSizing = PlanSizing(), staticMargin: Double = 0,
                forecast: ForecastOptions = ForecastOptions(), commitmentPolicy: CommitmentPolicy? = nil) {
        self.trainDays = trainDays
        self.historyDays = historyDays
        self.reactive = reactive
        self.hybrid = hybrid
        self.predictive = predictive
        self.staticMargin = staticMargin
        self.forecast = forecast
        self.commitmentPolicy = commitmentPolicy
    }
}

/// The Kubernetes HPA rules the reactive policy follows (and, with its own values, the hybrid
/// policy's correction: ``HybridSettings``).
///
/// Every `syncSeconds` (or once per traffic step when the step is coarser) the controller reads
/// the observed request rate and recommends `ceil(rate / (r* × targetUtilization))` replicas,
/// with `r*` the throughput of one replica at the largest batch size meeting the SLO. It keeps
/// the current count when the ratio to it is within `tolerance`; it scales down only to the
/// highest recommendation of the last `scaleDownStabilizationSeconds`, and scales up within the
/// model's scale-up rate limit.
public struct ReactiveSettings: Sendable, Equatable {
    /// Share of a replica's SLO throughput the autoscaler aims to use (HPA target utilisation).
    public var targetUtilization: Double
    /// Seconds between two evaluations (HPA `--horizontal-pod-autoscaler-sync-period`).
    public var syncSeconds: Int64
    /// Relative change ignored (HPA tolerance, 0.1).
    public var tolerance: Double
    /// Seconds of recommendations whose maximum bounds a scale-down (HPA default 300).
    public var scaleDownStabilizationSeconds: Int64

    public init(targetUtilization: Double = 0.7, syncSeconds: Int64 = 15, tolerance: Double = 0.1,
                scaleDownStabilizationSeconds: Int64 = 300) {
        self.targetUtilization = targetUtilization
        self.syncSeconds = syncSeconds
        self.tolerance = tolerance
        self.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds
    }
}
