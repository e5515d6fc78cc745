/// The plan alone: at the start of each step every pool is set to the day's plan
/// (`launchedReplicas`, the pre-scale schedule), made with the configured fleet resized by
/// ``SimulationSettings/predictive``.
struct PredictivePolicy: ReplayPolicy {
    static let usesForecasts = true
    private var plans: PlanFloor

    init(_ replay: Replay) throws(SimulationError) {
        plans = try PlanFloor(replay, configuration: replay.simulator.settings.predictive.resized(replay.simulator.configuration))
    }

    static func reservationBasis(windowDays: Int64) -> String { PlanFloor.reservationBasis(windowDays: windowDays) }

    mutating func startDay(_ day: Int, running: [Int]?) throws(SimulationError) -> ReplayDay {
        try plans.startDay(day, running: running)
    }

    mutating func drive(_ pool: inout ReplicaPool, series: Int, step: Int, at start: Double, rate: Double) {
        pool.scale(to: plans.replicas(series: series, step: step), at: start, rate: rate)
    }
}
