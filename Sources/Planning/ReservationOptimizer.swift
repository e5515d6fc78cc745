/// Chooses how many whole nodes to reserve for a pool of GPU demand, minimising expected cost.
///
/// Cost of reserving `k` nodes of `g` GPUs over `T` steps of `h` hours, with effective hourly
/// prices per GPU `p_r` (reserved), `p_o` (on-demand) and `p_b` (the batch overflow rate: the
/// spot share at the buffered spot price, the rest on-demand):
///
///     cost(k) = Σ_t h × [ k g p_r + p_o × max(0, I_t − k g) + p_b × (B_t − max(0, min(B_t, k g − I_t))) ]
///
/// where `I_t` and `B_t` are the interactive and batch GPUs at step `t`. Reserved capacity serves
/// interactive work first (it is the work that may not go to spot), then batch. Commitments
/// already held (`H_t` GPUs at step `t`, `PoolLevel.heldGPUs`, paid at their own price) serve
/// first: the `k` nodes are bought on top, so the reserved GPUs at `t` are `H_t + k g` wherever
/// `k g` appears above, and node `k` covers the levels `[H_t + (k−1)g, H_t + k g)`.
/// Each GPU level `x` at step `t` is worth `p_o` if `x < I_t`, `p_b` if `I_t ≤ x < I_t + B_t`
/// and 0 above; because `p_b ≤ p_o` this is non-increasing in `x`, so `cost` is convex in `k` and
/// node `k` pays off exactly when its marginal value `Σ_t h ∫_{(k−1)g}^{kg} value_t(x) dx`
/// exceeds its price `g p_r T h`. For interactive-only demand in whole nodes this is the rule
/// "reserve `k` nodes while the fraction of hours needing at least `k` nodes exceeds
/// `p_r / p_o`". Ties keep the smaller reservation.
public struct ReservationOptimizer: Sendable {
    public var gpusPerNode: Int
    public var reservedRate: Double
    public var onDemandRate: Double
    public var batchOverflowRate: Double
    public var stepHours: Double

    public init(gpusPerNode: Int, reservedRate: Double, onDemandRate: Double, batchOverflowRate: Double, stepHours: Double) {
        self.gpusPerNode = max(1, gpusPerNode)
        self.reservedRate = reservedRate
        self.onDemandRate = onDemandRate
        self.batchOverflowRate = min(batchOverflowRate, onDemandRate)
        self.stepHours = stepHours
    }

    /// Expected cost in USD of the pool with `nodes` reserved (the formula above).
    public func cost(nodes: Int, levels: [PoolLevel]) -> Double {
        let boughtGPUs = Double(nodes * gpusPerNode)
        var total = 0.0
        for level in levels {
            let reservedGPUs = level.heldGPUs + boughtGPUs
            let interactiveOverflow = max(0, level.interactiveGPUs - reservedGPUs)
            let reservedLeft = max(0, reservedGPUs - level.interactiveGPUs)
            let batchOverflow = max(0, level.batchGPUs - reservedLeft)
            total += boughtGPUs * reservedRate + level.heldUSDPerHour + onDemandRate * interactiveOverflow + batchOverflowRate * batchOverflow
        }
        return total * stepHours
    }

    /// What node number `k` (1-based) saves over the steps, in USD, before its own price.
    public func marginalValue(node k: Int, levels: [PoolLevel]) -> Double {
        var value = 0.0
        for level in levels {
            let low = level.heldGPUs + Double((k - 1) * gpusPerNode)
            let high = level.heldGPUs + Double(k * gpusPerNode)
            func overlap(_ from: Double, _ to: Double) -> Double { max(0, min(high, to) - max(low, from)) }
            value += onDemandRate * overlap(0, level.interactiveGPUs)
                + batchOverflowRate * overlap(level.interactiveGPUs, level.totalGPUs)
        }
        return value * stepHours
    }

    /// The cost-minimising number of reserved nodes to buy on top of those held: the largest `k` whose marginal value
    /// exceeds its price (by more than a relative 1e-12), found by bisection in O(T log peak).
    public func optimalNodes(levels: [PoolLevel]) -> Int {
        guard !levels.isEmpty, reservedRate < onDemandRate || reservedRate < batchOverflowRate else { return 0 }
        let price = Double(gpusPerNode) * reservedRate * Double(levels.count) * stepHours
        let peak = levels.map { $0.totalGPUs - $0.heldGPUs }.max() ?? 0
        let most = Int(min((peak / Double(gpusPerNode)).rounded(.up), 1e15))
        // The marginal value falls with k (convexity), so bisect for the last node worth its price.
        var low = 0
        var high = most
        while low < high {
            let middle = low + (high - low + 1) / 2
            if marginalValue(node: middle, levels: levels) > price * (1 + 1e-12) { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
