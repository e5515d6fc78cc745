import Forecasting
import Planning
import Traffic
import Vocabulary

extension Simulator {
    /// Replays `input` under `policy`.
    ///
    /// - Parameter forecasts: the days' forecasts from ``forecasts(_:)``, to share them between
    ///   the plan-based policies; computed when nil (and not needed by reactive and static).
    /// - Throws: ``SimulationError`` for bad input (see ``window(_:)``), forecasts that do not
    ///   match the replay, or a plan refused.
    public func run(_ input: SimulationInput, policy: SimulationPolicy,
                    forecasts: [DayForecast]? = nil) throws(SimulationError) -> SimulationRun {
        let window = try window(input)
        let members = try members(input)
        let step = input.step.seconds
        let stepSeconds = Double(step)
        let planned = policy == .hybrid || policy == .predictive
        var days: [DayForecast] = []
        if planned {
            if let forecasts { days = forecasts } else { days = try self.forecasts(input) }
            guard days.count == window.days, days.allSatisfy({ $0.forecasts.count == members.count }) else {
                throw .forecasting(day: Self.dayName(window.start), "the forecasts given cover \(days.count) days of "
                    + "\(days.first?.forecasts.count ?? 0) series; the replay needs \(window.days) days of \(members.count)")
            }
        }
        let controllerSettings = policy == .hybrid ? settings.hybrid.correction : settings.reactive
        let sync = Double(min(max(1, controllerSettings.syncSeconds), step))
        var controllers = members.enumerated().map { index, member in
            let last = input.series[index].values[..<window.firstIndex].last { !$0.isNaN } ?? 0
            return Self.controller(member, settings: controllerSettings, rate: last / stepSeconds)
        }
        let planning = policy == .hybrid ? hybridConfiguration : configuration
        let staticReplicas = members.enumerated().map { index, member in
            let peak = input.series[index].values[..<window.firstIndex].filter { !$0.isNaN }.max() ?? 0
            return member.profile.sizing(requestsPerSecond: peak / stepSeconds)?.replicas ?? member.profile.minReplicas
        }
        var pools: [ReplicaPool] = []
        var plans: [FleetPlan] = []
        var ledger = Ledger(members: members, stepsPerDay: window.stepsPerDay, stepSeconds: stepSeconds)
        var ready = [[Double]](repeating: [], count: members.count)
        for day in 0..<window.days {
            let dayIndex = window.firstIndex + day * window.stepsPerDay
            let dayStart = input.start + Int64(dayIndex) * step
            var floors: [[Int]] = []
            var reserved: [PoolKey: Int]
            if planned {
                let plan = try plan(input, members: members, forecast: days[day], dayIndex: dayIndex,
                                    current: day == 0 ? nil : pools.map(\.launched), configuration: planning)
                plans.append(plan)
                floors = members.map { member in
                    plan.models.first { $0.modelRegion == member.modelRegion }?.launchedReplicas ?? []
                }
                reserved = Dictionary(plan.capacity.map { ($0.pool, $0.reservedNodes) }, uniquingKeysWith: max)
                if day == 0 {
                    pools = members.enumerated().map { index, member in
                        let initial = plan.models.first { $0.modelRegion == member.modelRegion }?.initialReplicas
                            ?? member.profile.minReplicas
                        return ReplicaPool(replicas: initial, at: Double(dayStart), leadSeconds: member.leadSeconds,
                                           perReplica: member.perReplica, deadlineSeconds: member.deadlineSeconds)
                    }
                }
            } else {
                if day == 0 {
                    pools = members.enumerated().map { index, member in
                        ReplicaPool(replicas: policy == .static ? staticReplicas[index] : controllers[index].current,
                                    at: Double(dayStart), leadSeconds: member.leadSeconds, perReplica: member.perReplica,
                                    deadlineSeconds: member.deadlineSeconds)
                    }
                }
                reserved = reservation(input, members: members, dayIndex: dayIndex, policy: policy,
                                       staticReplicas: staticReplicas)
            }
            ledger.startDay(Self.dayName(dayStart), reservedNodes: reserved)
            for k in 0..<window.stepsPerDay {
                let index = dayIndex + k
                let stepStart = Double(input.start + Int64(index) * step)
                for (i, member) in members.enumerated() {
                    let value = input.series[i].values[index]
                    let rate = value.isNaN ? 0 : value / stepSeconds
                    let plan = floors.isEmpty ? [] : floors[i]
                    let floor = plan.isEmpty ? member.profile.minReplicas : plan[min(k, plan.count - 1)]
                    switch policy {
                    case .static:
                        break
                    case .predictive:
                        pools[i].scale(to: floor, at: stepStart, rate: rate)
                    case .hybrid, .reactive:
                        if policy == .hybrid { pools[i].scale(to: max(floor, controllers[i].current), at: stepStart, rate: rate) }
                        var offset = sync
                        while offset <= stepSeconds {
                            pools[i].advance(to: stepStart + offset, rate: rate)
                            let asked = controllers[i].recommend(rate: Self.observed(rate, pool: pools[i]),
                                                                 at: stepStart + offset)
                            pools[i].scale(to: policy == .hybrid ? max(floor, asked) : asked, at: stepStart + offset, rate: rate)
                            offset += sync
                        }
                    }
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
            policy: policy, start: Timestamp.format(window.start), end: Timestamp.format(end), days: window.days,
            trainDays: settings.trainDays, stepSeconds: step, scaleActions: pools.map(\.scaleActions),
            reservationBasis: Self.reservationBasis(policy, windowDays: configuration.settings.reservationWindowSeconds / 86_400))
        report.hindsightFloorCost = try hindsightFloor(input)
        return SimulationRun(report: report, plans: plans, readyReplicas: ready)
    }

    /// The configuration the hybrid's plans are made with: the configured one, with every
    /// interactive model's quantile and target utilisation replaced by ``HybridSettings``'
    /// `planQuantile` and `planUtilization` when set.
    var hybridConfiguration: FleetConfiguration {
        var planning = configuration
        for (name, profile) in planning.models where profile.workloadClass == .interactive {
            var sized = profile
            if let quantile = settings.hybrid.planQuantile { sized.quantile = quantile }
            if let utilization = settings.hybrid.planUtilization { sized.targetUtilization = utilization }
            planning.models[name] = sized
        }
        return planning
    }

    /// The day's plan from its forecast and the history before it, made with `configuration`
    /// (the simulator's own, or ``hybridConfiguration``).
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

    /// The rate the autoscaler scales on: the arrival rate, plus for batch models the backlog
    /// spread over one deadline (a KEDA-style queue-length trigger).
    static func observed(_ rate: Double, pool: ReplicaPool) -> Double {
        guard let deadline = pool.deadlineSeconds else { return rate }
        return rate + pool.backlog / deadline
    }

    /// The autoscaler of `member`, asking for what `rate` needs.
    static func controller(_ member: Member, settings: ReactiveSettings, rate: Double) -> ReactiveController {
        var controller = ReactiveController(
            settings: settings, perReplica: member.perReplica, floor: member.profile.minReplicas,
            cap: member.profile.maxReplicas, scaleUpReplicas: member.profile.scaleUp.replicas,
            scaleUpPeriodSeconds: Double(member.profile.scaleUp.periodSeconds), initial: 0)
        controller.settle(rate: rate)
        return controller
    }
}
