import Planning

/// What Headroom recommends: the day's plan as a floor and a reactive correction alongside;
/// the pool runs the larger of the two (``HybridSettings``: the plan resized for interactive
/// models, and the correction's controller).
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

    mutating func drive(_ pool: inout ReplicaPool, series: Int, step: Int, at start: Double, rate: Double) {
        let floor = plans.replicas(series: series, step: step)
        pool.scale(to: max(floor, correction.current(series)), at: start, rate: rate)
        correction.sync(&pool, series: series, floor: floor, from: start, rate: rate)
    }
}
