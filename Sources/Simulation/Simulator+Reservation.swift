import Planning
import Vocabulary

extension Simulator {
    /// Reserved nodes per pool (region and GPU type) for a day of the reactive or static policy:
    /// the same ``ReservationOptimizer`` the planner uses, over the last
    /// `reservationWindowSeconds` before the day, on the GPUs the policy's own rule asks for
    /// (reactive: the autoscaler's recommendation for each step's actual rate; static: its
    /// constant peak replicas). Overflow is priced as the ledger prices it (``PoolPrices``).
    func reservation(_ input: SimulationInput, members: [Member], dayIndex: Int, policy: SimulationPolicy,
                     staticReplicas: [Int]) -> [PoolKey: Int] {
        let step = input.step.seconds
        let stepHours = Double(step) / 3_600
        let begin = max(0, dayIndex - Int(configuration.settings.reservationWindowSeconds / step))
        var nodes: [PoolKey: Int] = [:]
        let pools = Dictionary(grouping: members.indices, by: { members[$0].pool })
        for (key, indices) in pools {
            guard let first = indices.first else { continue }
            let offer = members[first].offer
            let prices = PoolPrices(members: indices.map { members[$0] })
            let controllers = indices.map { Self.controller(members[$0], settings: settings.reactive, rate: 0) }
            let levels = (begin..<dayIndex).map { t in
                var interactive = 0.0
                var batch = 0.0
                for (position, i) in indices.enumerated() {
                    let value = input.series[i].values[t]
                    let replicas = policy == .static
                        ? staticReplicas[i]
                        : controllers[position].desired(rate: value.isNaN ? 0 : value / Double(step))
                    let gpus = Double(replicas * members[i].profile.gpusPerReplica)
                    if members[i].deadlineSeconds == nil { interactive += gpus } else { batch += gpus }
                }
                return PoolLevel(at: input.start + Int64(t) * step, interactiveGPUs: interactive, batchGPUs: batch)
            }
            let optimizer = ReservationOptimizer(
                gpusPerNode: members[first].gpusPerNode, reservedRate: offer.reserved.usdPerGPUHour,
                onDemandRate: offer.onDemand.usdPerGPUHour, batchOverflowRate: prices.batchOverflowRate,
                stepHours: stepHours)
            nodes[key] = optimizer.optimalNodes(levels: levels)
        }
        return nodes
    }

    /// One sentence on how `policy` buys its reservation.
    static func reservationBasis(_ policy: SimulationPolicy, windowDays: Int64) -> String {
        switch policy {
        case .hybrid, .predictive:
            "each day's plan: the planner's pooled reservation optimum over the last \(windowDays) d of traffic "
                + "and the plan's horizon; the rest on demand"
        case .reactive:
            "each day: the same optimizer over the replicas the autoscaler asks for on the last \(windowDays) d of "
                + "actual traffic; the rest on demand"
        case .static:
            "each day: the same optimizer over its constant peak replicas (whole nodes reserved where cheaper); "
                + "the rest on demand"
        }
    }
}
