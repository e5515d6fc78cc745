import Planning
import Vocabulary

extension Simulator {
    /// Reserved nodes per pool (region and GPU type) for a day of a policy that does not plan:
    /// the same ``ReservationOptimizer`` the planner uses, over the last
    /// `reservationWindowSeconds` before the day, on the GPUs the policy's own rule asks for:
    /// `replicas(series, rate)` for each step's actual rate in requests per second (reactive:
    /// the autoscaler's recommendation; static: its constant peak replicas). Overflow is priced
    /// as the ledger prices it (``PoolPrices``).
    func reservation(_ input: SimulationInput, members: [Member], dayIndex: Int,
                     replicas: (_ series: Int, _ rate: Double) -> Int) -> [PoolKey: Int] {
        let step = input.step.seconds
        let stepHours = Double(step) / 3_600
        let begin = max(0, dayIndex - Int(configuration.settings.reservationWindowSeconds / step))
        var nodes: [PoolKey: Int] = [:]
        let pools = Dictionary(grouping: members.indices, by: { members[$0].pool })
        for (key, indices) in pools {
            guard let first = indices.first else { continue }
            let offer = members[first].offer
            let prices = PoolPrices(members: indices.map { members[$0] })
            let levels = (begin..<dayIndex).map { t in
                var interactive = 0.0
                var batch = 0.0
                for i in indices {
                    let value = input.series[i].values[t]
                    let gpus = Double(replicas(i, value.isNaN ? 0 : value / Double(step)) * members[i].profile.gpusPerReplica)
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
}
