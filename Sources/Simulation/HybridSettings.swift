/// How the hybrid policy sizes its plan floor and its reactive correction.
///
/// The hybrid runs `max(floor, correction)` replicas: `floor` is the day's plan (its
/// `launchedReplicas`, the pre-scale schedule), `correction` an HPA-like controller on the
/// observed rate that only matters when load runs above what the floor serves. The floor
/// already carries the predicted headroom, so the correction aims at the SLO capacity
/// (`correction.targetUtilization` 1: `ceil(rate / r*)` replicas, with `r*` the requests per
/// second one replica serves within its SLO) and releases its replicas after its own
/// stabilisation, down to the floor.
///
/// The plan floor may be sized differently from the configuration (the predictive policy,
/// which has no correction, always follows the configured plan): `planQuantile` and
/// `planUtilization` replace every interactive model's forecast quantile and target
/// utilisation in the hybrid's plans. Batch models keep their configured plan (sized on the
/// mean forecast and its deadline-feasible backlog).
public struct HybridSettings: Sendable, Equatable {
    /// Forecast quantile (one of the forecast's levels, in (0, 1)) the hybrid's plan is sized
    /// on for interactive models; nil keeps each model's configured quantile.
    public var planQuantile: Double?
    /// Share (in (0, 1]) of a replica's SLO throughput the hybrid's plan sizes interactive
    /// models at; nil keeps each model's configured `target_utilization`.
    public var planUtilization: Double?
    /// The correction's controller: target utilisation (share of the SLO throughput), sync
    /// seconds, tolerance and scale-down stabilisation seconds.
    public var correction: ReactiveSettings

    /// The defaults: the plan on the forecast q0.9 at 80 % of the SLO throughput, and a
    /// correction to the SLO capacity (utilisation 1) with HPA's 15 s sync, 10 % tolerance and
    /// 300 s scale-down stabilisation.
    public init(planQuantile: Double? = 0.9, planUtilization: Double? = 0.8,
                correction: ReactiveSettings = ReactiveSettings(targetUtilization: 1)) {
        self.planQuantile = planQuantile
        self.planUtilization = planUtilization
        self.correction = correction
    }

    /// The settings of the earlier hybrid: the configured plan, and the reactive baseline's
    /// own controller as the correction (so the hybrid never runs fewer replicas than reactive).
    public static func configuredPlan(correction: ReactiveSettings = ReactiveSettings()) -> HybridSettings {
        HybridSettings(planQuantile: nil, planUtilization: nil, correction: correction)
    }
}
