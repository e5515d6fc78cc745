/// Adds up a replay: serving per model, replica time, and cost per pool and step.
///
/// Cost of one step of a pool (region and GPU type) holding `R` reserved GPUs while its
/// replicas ran `G` GPU-hours: `R × h × p_reserved + max(0, G − R × h) × p_on-demand`, with `h`
/// the step in hours: a reservation is paid whether used or not; spot is not used.
struct Ledger {
    let members: [Member]
    let stepsPerDay: Int
    let stepSeconds: Double
    var totals: [StepTally]
    var reservedNodes: [String: Int] = [:]
    /// GPU-hours run by each pool in the current step.
    var stepGPUHours: [String: Double] = [:]
    var stepReplicas = 0
    var peakReplicas = 0
    var reservedGPUHours = 0.0
    var onDemandGPUHours = 0.0
    var reservedUSD = 0.0
    var onDemandUSD = 0.0
    var daily: [DayOutcome] = []

    init(members: [Member], stepsPerDay: Int, stepSeconds: Double) {
        self.members = members
        self.stepsPerDay = stepsPerDay
        self.stepSeconds = stepSeconds
        totals = members.map { _ in StepTally() }
    }

    mutating func startDay(_ name: String, reservedNodes: [String: Int]) {
        self.reservedNodes = reservedNodes
        daily.append(DayOutcome(day: name, requests: 0, unservedRequests: 0, cost: 0,
                                reservedNodes: reservedNodes.values.reduce(0, +)))
    }

    mutating func record(_ tally: StepTally, member index: Int) {
        totals[index] = totals[index] + tally
        let member = members[index]
        stepGPUHours[member.pool, default: 0] += tally.launchedSeconds * Double(member.profile.gpusPerReplica) / 3_600
        stepReplicas += tally.maxReplicas
        daily[daily.count - 1].requests += tally.requests
        daily[daily.count - 1].unservedRequests += tally.unserved
    }

    mutating func closeStep() {
        let hours = stepSeconds / 3_600
        var cost = 0.0
        for member in Dictionary(grouping: members, by: \.pool).compactMap(\.value.first) {
            let reserved = Double((reservedNodes[member.pool] ?? 0) * member.gpusPerNode) * hours
            let onDemand = max(0, (stepGPUHours[member.pool] ?? 0) - reserved)
            reservedGPUHours += reserved
            onDemandGPUHours += onDemand
            let reservedCost = reserved * member.offer.reserved.usdPerGPUHour
            let onDemandCost = onDemand * member.offer.onDemand.usdPerGPUHour
            reservedUSD += reservedCost
            onDemandUSD += onDemandCost
            cost += reservedCost + onDemandCost
        }
        daily[daily.count - 1].cost += cost
        peakReplicas = max(peakReplicas, stepReplicas)
        stepReplicas = 0
        stepGPUHours = [:]
    }

    func report(policy: SimulationPolicy, start: String, end: String, days: Int, trainDays: Int, stepSeconds: Int64,
                scaleActions: [Int], reservationBasis: String) -> SimulationReport {
        let all = totals.reduce(StepTally(), +)
        let models = members.enumerated().map { index, member in
            let tally = totals[index]
            return ModelOutcome(
                model: member.profile.name, region: member.offer.region, requests: tally.requests,
                servedFraction: Self.fraction(tally.served, tally.requests), unservedRequests: tally.unserved,
                sloViolationMinutes: tally.violationSeconds / 60, scaleActions: scaleActions[index],
                coldStartMinutes: tally.startingSeconds / 60, peakReplicas: tally.maxReplicas,
                meanUtilization: tally.capacity > 0 ? tally.served / tally.capacity : 0,
                gpuHours: tally.launchedSeconds * Double(member.profile.gpusPerReplica) / 3_600)
        }
        return SimulationReport(
            policy: policy, replayStart: start, replayEnd: end, days: days, trainDays: trainDays,
            stepSeconds: stepSeconds, reservationBasis: reservationBasis, totalCost: reservedUSD + onDemandUSD,
            costByCapacityType: ["reserved": reservedUSD, "on-demand": onDemandUSD, "spot": 0],
            gpuHoursByCapacityType: ["reserved": reservedGPUHours, "on-demand": onDemandGPUHours, "spot": 0],
            requests: all.requests, servedFraction: Self.fraction(all.served, all.requests),
            unservedRequests: all.unserved, sloViolationMinutes: all.violationSeconds / 60,
            scaleActions: scaleActions.reduce(0, +), coldStartMinutes: all.startingSeconds / 60,
            peakReplicas: peakReplicas, meanUtilization: all.capacity > 0 ? all.served / all.capacity : 0,
            models: models, daily: daily)
    }

    static func fraction(_ part: Double, _ whole: Double) -> Double { whole > 0 ? min(1, part / whole) : 1 }
}
