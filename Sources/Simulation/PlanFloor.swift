import Planning

/// What the plan-based policies (hybrid, predictive) follow: each day's plan, made at 00:00 UTC
/// from the day's forecast with the history before it, and its pre-scale schedule
/// (`launchedReplicas`, which launches a lead time ahead) for each series.
struct PlanFloor {
    let replay: Replay
    /// The fleet the plans are made with (the simulator's, or one resized by the policy).
    let configuration: FleetConfiguration
    /// One forecast per replayed day.
    let forecasts: [DayForecast]
    /// The current day's `launchedReplicas` of each series (empty when the plan has none).
    private var schedules: [[Int]] = []

    /// - Throws: ``SimulationError/forecasting(day:_:)`` when the replay's forecasts do not
    ///   cover its days and series.
    init(_ replay: Replay, configuration: FleetConfiguration) throws(SimulationError) {
        self.replay = replay
        self.configuration = configuration
        let days: [DayForecast]
        if let given = replay.forecasts { days = given } else { days = try replay.simulator.forecasts(replay.input) }
        let window = replay.window
        let series = replay.members.count
        guard days.count == window.days, days.allSatisfy({ $0.forecasts.count == series }) else {
            throw .forecasting(day: Simulator.dayName(window.start), "the forecasts given cover \(days.count) days of "
                + "\(days.first?.forecasts.count ?? 0) series; the replay needs \(window.days) days of \(series)")
        }
        forecasts = days
    }

    /// Plans day `day` (see ``ReplayPolicy/startDay(_:running:)``): the plan's reservation, and
    /// its initial replicas to start the replay with.
    mutating func startDay(_ day: Int, running: [Int]?) throws(SimulationError) -> ReplayDay {
        let members = replay.members
        let plan = try replay.simulator.plan(replay.input, members: members, forecast: forecasts[day],
                                             dayIndex: replay.dayIndex(day), current: running, configuration: configuration)
        schedules = members.map { member in
            plan.models.first { $0.modelRegion == member.modelRegion }?.launchedReplicas ?? []
        }
        let initial = members.map { member in
            plan.models.first { $0.modelRegion == member.modelRegion }?.initialReplicas ?? member.profile.minReplicas
        }
        return ReplayDay(plan: plan,
                         reservedNodes: Dictionary(plan.capacity.map { ($0.pool, $0.reservedNodes) }, uniquingKeysWith: max),
                         initialReplicas: initial)
    }

    /// The plan's replicas for series `series` at step `step` of the day (its last value past
    /// the schedule's end; the model's `min_replicas` without a schedule).
    func replicas(series: Int, step: Int) -> Int {
        let schedule = schedules[series]
        return schedule.isEmpty ? replay.members[series].profile.minReplicas : schedule[min(step, schedule.count - 1)]
    }

    /// How the plan-based policies buy their reservation.
    static func reservationBasis(windowDays: Int64) -> String {
        "each day's plan: the planner's pooled reservation optimum over the last \(windowDays) d of traffic "
            + "and the plan's horizon; the rest on demand"
    }
}
