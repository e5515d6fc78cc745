import Traffic

/// Replicas needed per step for a series of requests per step.
struct ReplicaNeed {
    var ratePerSecond: [Double] = []
    var sizings: [Sizing] = []
    var maxBacklog: Double?
    var late: Double?
}

extension Planner {
    /// Sizes every step of `counts` (requests per step of `stepSeconds`): interactive work at
    /// its own rate (and its `tokens` per second, with a token profile), batch work at the
    /// deadline-feasible rate of ``BatchBacklog``.
    static func need(_ counts: [Double], tokens: [TokenRate]? = nil, profile: ModelProfile,
                     stepSeconds: Int64) -> ReplicaNeed {
        let seconds = Double(stepSeconds)
        var need = ReplicaNeed()
        guard profile.workloadClass == .batch else {
            need.ratePerSecond = counts.map { $0 / seconds }
            let table = SizingTable(profile)
            need.sizings = need.ratePerSecond.enumerated().compactMap { t, rate in
                table.sizing(requestsPerSecond: rate, tokens: tokens.flatMap { t < $0.count ? $0[t] : nil })
            }
            return need
        }
        let deadline = profile.deadlineSeconds ?? seconds
        let backlog = BatchBacklog(arrivals: counts, dueSteps: max(1, steps(deadline, of: stepSeconds, rounding: .down)))
        var served = 0.0
        var queued = 0.0
        var servedPerStep: [Double] = []
        var maxBacklog = 0.0
        let table = SizingTable(profile)
        var sweep = backlog.sweep()
        for arriving in counts {
            let rate = sweep.next(served: served) / seconds
            guard let sizing = table.sizing(requestsPerSecond: rate) else { continue }
            let capacity = Double(sizing.replicas) * profile.usableRate(batchSize: sizing.batchSize) * seconds
            let amount = min(queued + arriving, capacity)
            queued += arriving - amount
            served += amount
            servedPerStep.append(amount)
            maxBacklog = max(maxBacklog, queued)
            need.ratePerSecond.append(rate)
            need.sizings.append(sizing)
        }
        need.maxBacklog = maxBacklog
        need.late = backlog.lateRequests(servedPerStep: servedPerStep)
        return need
    }

    /// How much the plan's demand (the forecast quantile it is sized on) runs above the point
    /// forecast over the horizon: sum(planned) / sum(point), at least 1; 1 for a plan on the
    /// point forecast. The history in the reservation window is sized at this margin too, so
    /// that the window's past and its horizon ask for capacity the same way (what the plan would
    /// have run on the past traffic, not the bare traffic).
    static func quantileMargin(_ demand: PreparedDemand) -> Double {
        let point = demand.point.reduce(0, +)
        let planned = demand.planned.reduce(0, +)
        guard point > 0, planned.isFinite, point.isFinite else { return 1 }
        return max(1, planned / point)
    }

    /// `seconds` in whole steps (rounded up unless told), within 0 … 2^30.
    static func steps(_ seconds: Double, of step: Int64, rounding: FloatingPointRoundingRule = .up) -> Int {
        let count = (seconds / Double(step)).rounded(rounding)
        guard count.isFinite, count > 0 else { return 0 }
        return count < Double(1 << 30) ? Int(count) : 1 << 30
    }

    /// Seconds as a whole number for messages and times, saturating at 10^15.
    static func whole(_ seconds: Double) -> Int64 { Int64(min(max(seconds, 0), 1e15)) }

    func planModel(profile: ModelProfile, demand: PreparedDemand, offer: GPUOffer, now: Int64) -> ModelResult {
        let settings = configuration.settings
        let step = settings.step.seconds
        let stepHours = Double(step) / 3_600
        let need = Self.need(demand.planned, tokens: demand.plannedTokens, profile: profile, stepSeconds: step)
        let replicas = need.sizings.map(\.replicas)
        var provisioning = offer.onDemand.provisioningSeconds
        if profile.workloadClass == .batch, let spot = offer.spot, spot.reliableShare > 0 {
            provisioning = max(provisioning, spot.provisioningSeconds)
        }
        let lead = provisioning + profile.coldStartSeconds
        let leadSteps = Self.steps(lead, of: step)
        let scheduler = PrescaleScheduler(
            leadSteps: leadSteps, floor: profile.minReplicas, scaleUpReplicas: profile.scaleUp.replicas,
            scaleUpSpacingSteps: Self.steps(Double(profile.scaleUp.periodSeconds), of: step),
            stabilizationSteps: Self.steps(Double(profile.scaleDownStabilizationSeconds), of: step),
            maxActionsPerDay: settings.maxActionsPerDay, stepsPerDay: Int(86_400 / step))
        let schedule = scheduler.schedule(required: replicas, initial: demand.currentReplicas)
        let actions = schedule.changes.map { change in
            let at = demand.start + Int64(change.step) * step
            let up = change.to > change.from
            let reason: String
            if up {
                let target = min(change.step + leadSteps, replicas.count - 1)
                reason = "ready by \(Timestamp.format(demand.start + Int64(target) * step)) for a need of "
                    + "\(replicas[target]) replicas (lead \(Self.whole(lead)) s: provisioning \(Self.whole(provisioning)) s "
                    + "+ cold start \(Self.whole(profile.coldStartSeconds)) s)"
            } else {
                reason = "need at most \(change.to) replicas over the \(profile.scaleDownStabilizationSeconds) s "
                    + "stabilisation window and the next lead time"
            }
            return ScaleAction(at: at, model: profile.name, region: offer.region, kind: up ? .scaleUp : .scaleDown,
                               fromReplicas: change.from, replicas: change.to,
                               readyAt: up ? at + Int64(Self.whole(lead.rounded(.up))) : at, reason: reason)
        }
        let gpus = Double(profile.gpusPerReplica)
        let saved = need.sizings.reduce(0) { $0 + Double($1.replicasAtSmallestBatch - $1.replicas) } * stepHours
        let uncovered = zip(schedule.ready, replicas).filter { $0 < $1 }.count
        let plan = ModelPlan(
            model: profile.name, region: offer.region, gpuType: profile.gpuType, gpusPerReplica: profile.gpusPerReplica,
            workloadClass: profile.workloadClass, stepSeconds: step, start: demand.start, quantile: profile.quantile,
            plannedRequestsPerSecond: need.ratePerSecond, replicas: replicas, batchSize: need.sizings.map(\.batchSize),
            launchedReplicas: schedule.launched, readyReplicas: schedule.ready, initialReplicas: schedule.initial,
            actions: actions, leadTimeSeconds: lead,
            gpuHours: schedule.launched.reduce(0) { $0 + Double($1) } * gpus * stepHours,
            replicaHoursSavedByBatching: saved,
            cappedSteps: need.sizings.filter { $0.uncappedReplicas > $0.replicas }.count,
            uncoveredSteps: uncovered, maxBacklogRequests: need.maxBacklog, lateRequests: need.late,
            limitedBy: demand.plannedTokens == nil ? nil : need.sizings.map(\.bound))
        // History: what the actual traffic needed, for the reservation window.
        var history: [Int64: Double] = [:]
        let windowStart = now - settings.reservationWindowSeconds
        // Only the window is sized, with a day (or a deadline, if longer) before it as lead-in
        // so that a batch backlog carried into the window is counted.
        let leadIn = max(86_400, Int64(profile.deadlineSeconds ?? 0))
        let skip = Int(max(0, min(Int64(demand.history.count), (windowStart - leadIn - demand.historyStart) / step)))
        let margin = Self.quantileMargin(demand)
        let historyTokens = demand.historyTokens.map {
            $0.dropFirst(skip).map { TokenRate(input: $0.input * margin, output: $0.output * margin) }
        }
        let historyNeed = Self.need(demand.history.dropFirst(skip).map { $0 * margin }, tokens: historyTokens,
                                    profile: profile, stepSeconds: step)
        for (index, sizing) in historyNeed.sizings.enumerated() {
            let at = demand.historyStart + Int64(skip + index) * step
            if at >= windowStart, at < demand.start, at < now { history[at] = Double(sizing.replicas) * gpus }
        }
        var headroom = 0.0
        if profile.quantile != nil {
            let pointNeed = Self.need(demand.point, tokens: demand.pointTokens, profile: profile, stepSeconds: step)
            headroom = zip(replicas, pointNeed.sizings).reduce(0) { $0 + Double(max(0, $1.0 - $1.1.replicas)) }
                * gpus * stepHours
        }
        return ModelResult(plan: plan, historyGPUs: history, headroomGPUHours: headroom,
                           coldStartSeconds: profile.coldStartSeconds, sizesOnTokens: profile.tokens != nil)
    }
}
