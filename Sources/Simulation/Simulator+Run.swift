import Forecasting
import Planning
import Traffic
import Vocabulary

extension Simulator {
    /// Replays `input` under `policy`.
    ///
    /// - Parameter forecasts: the days' forecasts from ``forecasts(_:)``, to share them between
    ///   the plan-based policies; computed when nil (and not needed by the policies that do not
    ///   plan: ``SimulationPolicy/usesForecasts``).
    /// - Throws: ``SimulationError`` for bad input (see ``window(_:)``), forecasts that do not
    ///   match the replay, or a plan refused.
    /// - Parameter hindsightFloor: the replay's ``hindsightFloor(_:)`` when already known (a
    ///   search replays the same input many times); computed when nil.
    public func run(_ input: SimulationInput, policy: SimulationPolicy,
                    forecasts: [DayForecast]? = nil, hindsightFloor floor: Double?? = nil) throws(SimulationError) -> SimulationRun {
        let replay = Replay(simulator: self, input: input, window: try window(input), members: try members(input),
                            forecasts: forecasts)
        var run = try run(replay, policy: policy, as: policy.replayPolicy)
        if let floor {
            run.report.hindsightFloorCost = floor
        } else {
            run.report.hindsightFloorCost = try hindsightFloor(input)
        }
        return run
    }

    /// The replay loop: each day the policy reserves (and plans), then each step it scales
    /// every series' pool, which serves the step's traffic; the ledger bills and counts.
    private func run<Policy: ReplayPolicy>(_ replay: Replay, policy name: SimulationPolicy,
                                           as _: Policy.Type) throws(SimulationError) -> SimulationRun {
        let input = replay.input
        let window = replay.window
        let members = replay.members
        let step = input.step.seconds
        let stepSeconds = replay.stepSeconds
        var policy = try Policy(replay)
        var pools: [ReplicaPool] = []
        var plans: [FleetPlan] = []
        var ledger = Ledger(members: members, stepsPerDay: window.stepsPerDay, stepSeconds: stepSeconds)
        var ready = [[Double]](repeating: [], count: members.count)
        let committed = try settings.commitmentPolicy.map { policy throws(SimulationError) in try commitment(policy, replay: replay, scaling: name) }
        for day in 0..<window.days {
            let dayIndex = replay.dayIndex(day)
            let dayStart = input.start + Int64(dayIndex) * step
            var decided = try policy.startDay(day, running: day == 0 ? nil : pools.map(\.launched))
            if let committed { decided.reservedNodes = committed }
            if let plan = decided.plan { plans.append(plan) }
            if day == 0 {
                pools = members.enumerated().map { index, member in
                    ReplicaPool(replicas: decided.initialReplicas[index], at: Double(dayStart), leadSeconds: member.leadSeconds,
                                perReplica: member.perReplica, deadlineSeconds: member.deadlineSeconds)
                }
            }
            ledger.startDay(Self.dayName(dayStart), reservedNodes: decided.reservedNodes)
            for k in 0..<window.stepsPerDay {
                let index = dayIndex + k
                let stepStart = Double(input.start + Int64(index) * step)
                for i in members.indices {
                    let value = input.series[i].values[index]
                    let rate = value.isNaN ? 0 : value / stepSeconds
                    policy.drive(&pools[i], series: i, step: k, at: stepStart, rate: rate)
                    pools[i].advance(to: stepStart + stepSeconds, rate: rate)
                    let tally = pools[i].takeTally()
                    ready[i].append((tally.launchedSeconds - tally.startingSeconds) / stepSeconds)
                    ledger.record(tally, member: i)
                }
                ledger.closeStep()
            }
        }
        let end = window.start + Int64(window.days) * 86_400
        var report = ledger.report(
            policy: name, start: Timestamp.format(window.start), end: Timestamp.format(end), days: window.days,
            trainDays: settings.trainDays, stepSeconds: step, scaleActions: pools.map(\.scaleActions),
            reservationBasis: Policy.reservationBasis(windowDays: configuration.settings.reservationWindowSeconds / 86_400))
        if let policy = settings.commitmentPolicy, let committed {
            report.commitment = CommitmentOutcome(
                policy: policy, nodes: Dictionary(uniqueKeysWithValues: committed.map { ("\($0.key.region)/\($0.key.gpuType)", $0.value) }),
                reservedGPUHours: ledger.gpuHours[.reserved] ?? 0, reservedUsedGPUHours: ledger.reservedUsedGPUHours,
                utilization: (ledger.gpuHours[.reserved] ?? 0) > 0 ? ledger.reservedUsedGPUHours / (ledger.gpuHours[.reserved] ?? 1) : nil)
            report.reservationBasis = "commitment bought at the first replayed day by the \(policy.rawValue) rule and held through the replay"
        }
        return SimulationRun(report: report, plans: plans, readyReplicas: ready)
    }

    /// The day's plan from its forecast and the history before it, made with `configuration`
    /// (the simulator's own, or one a policy resized).
    func plan(_ input: SimulationInput, members: [Member], forecast: DayForecast, dayIndex: Int,
              current: [Int]?, configuration: FleetConfiguration) throws(SimulationError) -> FleetPlan {
        let step = input.step.seconds
        let historySteps = Int(configuration.settings.reservationWindowSeconds / step)
        let historyBegin = max(0, dayIndex - historySteps)
        let horizon = max(1, Int(configuration.settings.horizonSeconds / step))
        let demand = members.enumerated().map { index, member in
            let values = forecast.forecasts[index]
            let zeros = [Double](repeating: 0, count: horizon)
            let quantiles = values.map { forecast in
                Dictionary(zip(forecast.levels, forecast.quantiles), uniquingKeysWith: { first, _ in first })
            } ?? Dictionary(uniqueKeysWithValues: settings.forecast.levels.map { ($0, zeros) })
            return PlanDemand(
                model: member.profile.name, region: member.offer.region, step: input.step, forecastStart: forecast.start,
                point: values?.point ?? zeros, quantiles: quantiles,
                historyStart: input.start + Int64(historyBegin) * step,
                history: input.series[index].values[historyBegin..<dayIndex].map { $0.isNaN ? 0 : $0 },
                currentReplicas: current?[index])
        }
        do {
            return try Planner(configuration: configuration).plan(demand: demand, now: forecast.start)
        } catch {
            throw .planning(day: Self.dayName(forecast.start), error)
        }
    }
}
