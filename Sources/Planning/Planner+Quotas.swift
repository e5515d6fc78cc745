import Vocabulary

extension Planner {
    /// Holds every pool within its quota (`max_gpus`) across the models it serves.
    ///
    /// Quotas bind per region (a pool is a region's GPU type), so each region with a pool over
    /// its quota is solved on its own: among the assignments of a variant to each of its
    /// models (each model's own choice or one of its alternatives, every one within its own
    /// pool's quota alone), the one of least summed on-demand USD over the horizon whose pools'
    /// summed launched GPUs stay within their quotas at every step. Branch and bound over the
    /// models (the cheapest options first; a branch ends when its cost plus every remaining
    /// model's cheapest option reaches the best found, or a pool goes over its quota), exact
    /// up to `searchLimit` branches, the best found past it. Returns a warning for each pool
    /// still above its quota.
    func sharingQuotas(_ results: inout [ModelResult], searchLimit: Int = 200_000) -> [String] {
        let step = configuration.settings.step.seconds
        let origin = results.map(\.plan.start).min() ?? 0
        func quota(_ pool: PoolKey) -> Int? { configuration.offers[pool.region]?[pool.gpuType]?.maxGPUs }
        /// Launched GPUs per step on the shared grid from `origin`.
        func levels(_ plan: ModelPlan) -> (offset: Int, gpus: [Int]) {
            (Int((plan.start - origin) / step), plan.launchedReplicas.map { $0 * plan.gpusPerReplica })
        }
        func peaks(_ results: [ModelResult]) -> [PoolKey: Int] {
            var summed: [PoolKey: [Int: Int]] = [:]
            for result in results {
                let (offset, gpus) = levels(result.plan)
                for (index, count) in gpus.enumerated() { summed[result.plan.pool, default: [:]][offset + index, default: 0] += count }
            }
            return summed.mapValues { $0.values.max() ?? 0 }
        }
        func over(_ results: [ModelResult]) -> [PoolKey] {
            peaks(results).filter { pool, peak in quota(pool).map { peak > $0 } ?? false }.keys.sorted()
        }
        func cost(_ result: ModelResult) -> Double { result.plan.variant.flatMap { $0.horizonCostUSD[$0.name] } ?? 0 }

        for region in Set(over(results).map(\.region)).sorted() {
            let members = results.indices.filter { results[$0].plan.region == region }
            // Each member's options: its own choice first, then its alternatives, cheapest first.
            let options: [[VariantOption]] = members.map { index in
                let own = results[index]
                return [VariantOption(name: own.plan.variant?.name ?? "-", costUSD: cost(own), result: own)] + own.alternatives
            }
            let order = members.indices.sorted { options[$0].count > options[$1].count }
            let cheapest = options.map { $0.map(\.costUSD).min() ?? 0 }
            var remaining = [Double](repeating: 0, count: order.count + 1)
            for depth in stride(from: order.count - 1, through: 0, by: -1) {
                remaining[depth] = remaining[depth + 1] + cheapest[order[depth]]
            }
            var used: [PoolKey: [Int: Int]] = [:]
            var picked = [Int](repeating: 0, count: members.count)
            var best: (cost: Double, picked: [Int])?
            var branches = 0
            func search(_ depth: Int, _ spent: Double) {
                guard branches < searchLimit else { return }
                branches += 1
                if let best, spent + remaining[depth] >= best.cost - 1e-9 { return }
                guard depth < order.count else {
                    best = (spent, picked)
                    return
                }
                let member = order[depth]
                for (k, option) in options[member].enumerated().sorted(by: { $0.element.costUSD < $1.element.costUSD }) {
                    let pool = option.result.plan.pool
                    let (offset, gpus) = levels(option.result.plan)
                    if let limit = quota(pool) {
                        let fits = gpus.enumerated().allSatisfy { index, count in (used[pool]?[offset + index] ?? 0) + count <= limit }
                        guard fits else { continue }
                    }
                    for (index, count) in gpus.enumerated() { used[pool, default: [:]][offset + index, default: 0] += count }
                    picked[member] = k
                    search(depth + 1, spent + option.costUSD)
                    for (index, count) in gpus.enumerated() { used[pool, default: [:]][offset + index, default: 0] -= count }
                }
            }
            search(0, 0)
            guard let best else { continue }
            let own = members.map { cost(results[$0]) }.reduce(0, +)
            for (position, index) in members.enumerated() where best.picked[position] != 0 {
                let from = results[index]
                var to = options[position][best.picked[position]].result
                to.alternatives = options[position].enumerated().filter { $0.offset != best.picked[position] }.map(\.element)
                let pools = over(results).filter { $0.region == region }.map { "\($0.region)/\($0.gpuType)" }.joined(separator: ", ")
                to.plan.variant?.reason = "moved from \(from.plan.variant?.name ?? "-"): the \(pools) quota is shared by the pool's "
                    + "models; the cheapest assignment of \(region)'s models within their quotas costs "
                    + "\(Self.whole((best.cost - own).rounded(.up))) USD more over the horizon than each model's own choice"
                results[index] = to
            }
        }
        let needed = peaks(results)
        return needed.keys.sorted().compactMap { pool in
            guard let limit = quota(pool), let peak = needed[pool], peak > limit else { return nil }
            let models = results.filter { $0.plan.pool == pool }.map { "\($0.plan.model)" }.sorted().joined(separator: ", ")
            return "\(pool.region)/\(pool.gpuType): the plan needs \(peak) GPUs at its peak (\(models)), above the quota of \(limit)"
        }
    }
}
