import Planning
import Vocabulary

/// Adds up a replay: serving per model, replica time, and cost per pool and step.
///
/// Cost of one step of a pool (region and GPU type) holding `R` reserved GPUs while its
/// interactive replicas ran `I` GPU-hours: `R × h × p_reserved + max(0, I − R × h) × p_on-demand`
/// with `h` the step in hours (a reservation is paid whether used or not); batch replicas use
/// what the reservation leaves, then spot and on-demand (``PoolPrices``).
struct Ledger {
    let members: [Member]
    let stepsPerDay: Int
    let stepSeconds: Double
    var totals: [StepTally]
    var reservedNodes: [PoolKey: Int] = [:]
    let prices: [PoolKey: PoolPrices]
    /// Interactive and batch GPU-hours run by each pool in the current step.
    var stepGPUHours: [PoolKey: (interactive: Double, batch: Double)] = [:]
    var stepReplicas = 0
    var peakReplicas = 0
    var gpuHours: [CapacityType: Double] = [:]
    /// Reserved GPU-hours the replicas ran on.
    var reservedUsedGPUHours = 0.0
    var usd: [CapacityType: Double] = [:]
    var daily: [DayOutcome] = []

    init(members: [Member], stepsPerDay: Int, stepSeconds: Double) {
        self.members = members
        self.stepsPerDay = stepsPerDay
        self.stepSeconds = stepSeconds
        totals = members.map { _ in StepTally() }
        prices = Dictionary(grouping: members, by: \.pool).mapValues { PoolPrices(members: $0) }
    }

    mutating func startDay(_ name: String, reservedNodes: [PoolKey: Int]) {
        self.reservedNodes = reservedNodes
        daily.append(DayOutcome(day: name, requests: 0, unservedRequests: 0, cost: 0,
                                reservedNodes: reservedNodes.values.reduce(0, +)))
    }

    mutating func record(_ tally: StepTally, member index: Int) {
        totals[index] = totals[index] + tally
        let member = members[index]
        let hours = tally.launchedSeconds * Double(member.profile.gpusPerReplica) / 3_600
        if member.deadlineSeconds == nil {
            stepGPUHours[member.pool, default: (0, 0)].interactive += hours
        } else {
            stepGPUHours[member.pool, default: (0, 0)].batch += hours
        }
        stepReplicas += tally.maxReplicas
        daily[daily.count - 1].requests += tally.requests
        daily[daily.count - 1].unservedRequests += tally.unserved
    }

    mutating func closeStep() {
        let hours = stepSeconds / 3_600
        var cost = 0.0
        for (pool, price) in prices {
            let run = stepGPUHours[pool] ?? (0, 0)
            let reserved = Double((reservedNodes[pool] ?? 0) * price.gpusPerNode) * hours
            let step = price.cost(interactive: run.interactive, batch: run.batch, reservedHours: reserved)
            reservedUsedGPUHours += min(reserved, run.interactive + run.batch)
            for (type, value) in step.hours { gpuHours[type, default: 0] += value }
            for (type, value) in step.usd {
                usd[type, default: 0] += value
                cost += value
            }
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
                servedFraction: Self.fraction(tally.requests - tally.unserved, tally.requests), unservedRequests: tally.unserved,
                sloViolationMinutes: tally.violationSeconds / 60, scaleActions: scaleActions[index],
                coldStartMinutes: tally.startingSeconds / 60, peakReplicas: tally.maxReplicas,
                meanUtilization: tally.capacity > 0 ? tally.served / tally.capacity : 0,
                gpuHours: tally.launchedSeconds * Double(member.profile.gpusPerReplica) / 3_600)
        }
        return SimulationReport(
            policy: policy, replayStart: start, replayEnd: end, days: days, trainDays: trainDays,
            stepSeconds: stepSeconds, reservationBasis: reservationBasis, totalCost: CapacityType.allCases.reduce(0) { $0 + (usd[$1] ?? 0) },
            costByCapacityType: Dictionary(uniqueKeysWithValues: CapacityType.allCases.map { ($0.rawValue, usd[$0] ?? 0) }),
            gpuHoursByCapacityType: Dictionary(uniqueKeysWithValues: CapacityType.allCases.map { ($0.rawValue, gpuHours[$0] ?? 0) }),
            requests: all.requests, servedFraction: Self.fraction(all.requests - all.unserved, all.requests),
            unservedRequests: all.unserved, sloViolationMinutes: all.violationSeconds / 60,
            scaleActions: scaleActions.reduce(0, +), coldStartMinutes: all.startingSeconds / 60,
            peakReplicas: peakReplicas, meanUtilization: all.capacity > 0 ? all.served / all.capacity : 0,
            models: models, daily: daily)
    }

    static func fraction(_ part: Double, _ whole: Double) -> Double { whole > 0 ? min(1, max(0, part / whole)) : 1 }
}
