import Planning

/// What Headroom recommends: the day's plan as a floor and a reactive correction alongside, as
/// one HPA with two metrics runs them (the exported KEDA ScaledObject: the larger proposal wins,
/// then the HPA's stabilisation and rate limits; ``HybridSettings``: the plan resized for
/// interactive models, and the correction's controller).
struct HybridPolicy: ReplayPolicy {
    static let usesForecasts = true
    private var plans: PlanFloor
    private var correction: Autoscalers

    init(_ replay: Replay) throws(SimulationError) {
        let settings = replay.simulator.settings.hybrid
        let sizing = PlanSizing(quantile: settings.planQuantile, utilization: settings.planUtilization)
        plans = try PlanFloor(replay, configuration: sizing.resized(replay.simulator.configuration))
        correction = Autoscalers(replay, settings: settings.correction)
    }

    static func reservationBasis(windowDays: Int64) -> String { PlanFloor.reservationBasis(windowDays: windowDays) }

    mutating func startDay(_ day: Int, running: [Int]?) throws(SimulationError) -> ReplayDay {
        try plans.startDay(day, running: running)
    }

    /// The cluster's HPA with two metrics, the plan's launched replicas and the load: the pool
    /// runs what it asks for at each sync (``ReactiveController``).
    mutating func drive(_ pool: inout ReplicaPool, series: Int, step: Int, at start: Double, rate: Double) {
        correction.sync(&pool, series: series, floor: plans.replicas(series: series, step: step),
                        nextFloor: plans.replicas(series: series, step: step + 1), from: start, rate: rate)
    }
}
