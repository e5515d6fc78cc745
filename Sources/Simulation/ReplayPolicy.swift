import Planning
import Vocabulary

/// One scaling policy as the replay drives it: set up for a replay, asked at the start of
/// each replayed day for its reservation (and its plan, if it plans), and at each step to scale
/// the replica pool of each series. The simulator serves the traffic, bills and reports;
/// nothing in its loop depends on the policy.
///
/// A policy reads its own settings (its knobs) from the simulator's ``SimulationSettings``
/// when it is set up: the hybrid ``HybridSettings``, the reactive ``ReactiveSettings``.
/// Registering a policy is one ``SimulationPolicy`` case mapped to its type.
protocol ReplayPolicy {
    /// Whether the policy plans from forecasts (``Simulator/forecasts(_:)``).
    static var usesForecasts: Bool { get }

    /// One sentence for the report on how the policy buys its reservation, `windowDays` the
    /// configuration's reservation window in days.
    static func reservationBasis(windowDays: Int64) -> String

    /// Sets the policy up for `replay`.
    /// - Throws: ``SimulationError`` for forecasts that do not match the replay.
    init(_ replay: Replay) throws(SimulationError)

    /// The start of replayed day `day` (0 first): its reservation, its plan, and the replicas
    /// each series starts the replay with. `running` holds the replicas each series runs at
    /// the day's start (launched, ready or not); nil on the first day.
    /// - Throws: ``SimulationError/planning(day:_:)`` for a plan refused.
    mutating func startDay(_ day: Int, running: [Int]?) throws(SimulationError) -> ReplayDay

    /// Scales `pool`, series `series` of the input, during step `step` of the current day,
    /// which starts at `start` (Unix seconds) with demand `rate` (requests per second). The
    /// simulator then advances the pool to the step's end.
    mutating func drive(_ pool: inout ReplicaPool, series: Int, step: Int, at start: Double, rate: Double)
}

/// One replay as a policy sees it: the traffic, the days replayed, the series with their
/// profiles, and the simulator (its fleet and settings).
struct Replay {
    let simulator: Simulator
    let input: SimulationInput
    let window: ReplayWindow
    /// The input's series with their profiles and prices, in input order.
    let members: [Member]
    /// The days' forecasts given by the caller (shared between the plan-based policies), or nil.
    let forecasts: [DayForecast]?

    /// Seconds of one step.
    var stepSeconds: Double { Double(input.step.seconds) }

    /// Grid index of the first step of replayed day `day`.
    func dayIndex(_ day: Int) -> Int { window.firstIndex + day * window.stepsPerDay }

    /// The training period's values of series `series` that are not missing.
    func training(_ series: Int) -> [Double] {
        input.series[series].values[..<window.firstIndex].filter { !$0.isNaN }
    }
}

/// What a policy decides at the start of a replayed day.
struct ReplayDay {
    /// The day's plan (nil for a policy that does not plan).
    var plan: FleetPlan?
    /// Reserved nodes per pool (region and GPU type) for the day.
    var reservedNodes: [PoolKey: Int]
    /// Replicas each series runs, ready, when the replay starts (read on the first day only).
    var initialReplicas: [Int]
}
