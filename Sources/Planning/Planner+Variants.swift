import Vocabulary

extension Planner {
    /// Plans `demand` on each of the model's variants priced in its region and keeps the
    /// cheapest that fits the region's GPU quota.
    ///
    /// A variant's cost is its plan's on-demand USD over the horizon (launched GPU-hours × the
    /// region's on-demand price for its GPU type), less the GPUs of commitments held in its
    /// pool that the models already `planned` (those without variants) leave free at each step
    /// (``heldFreeCost(_:offer:planned:)``); one whose peak launched GPUs exceed the
    /// pool's `max_gpus` is left out. The choice is stable: with `currentVariant` given and still
    /// fitting, the plan moves to a cheaper variant only when the saving over the horizon beats
    /// the cost of moving: the new variant's peak replicas billed for their lead time
    /// (provisioning and cold start) while the old ones still serve. With none fitting, the
    /// cheapest is planned and the plan warns.
    func planVariants(profile: ModelProfile, demand: PlanDemand, now: Int64, planned: [ModelResult] = []) throws(PlanningError) -> ModelResult {
        var results: [String: ModelResult] = [:]
        var costs: [String: Double] = [:]
        var excluded: [String: String] = [:]
        var overQuota: [String: Double] = [:]
        for variant in profile.variants {
            let serving = profile.serving(variant)
            guard let offer = configuration.offers[demand.region]?[variant.gpuType] else {
                excluded[variant.name] = "no prices for \(variant.gpuType) in \(demand.region)"
                continue
            }
            guard serving.sizing(requestsPerSecond: 0) != nil else {
                excluded[variant.name] = "no batch size (or token point) meets the SLO"
                continue
            }
            let entry = demand
            let prepared = try PreparedDemand(entry, profile: serving, settings: configuration.settings, now: now)
            let result = planModel(profile: serving, demand: prepared, offer: offer, now: now)
            let cost = heldFreeCost(result.plan, offer: offer, planned: planned)
            results[variant.name] = result
            let peak = (result.plan.launchedReplicas.max() ?? 0) * variant.gpusPerReplica
            if let quota = offer.maxGPUs, peak > quota {
                excluded[variant.name] = "needs \(peak) \(variant.gpuType) GPUs at its peak; the quota in \(demand.region) is \(quota)"
                overQuota[variant.name] = cost
                continue
            }
            costs[variant.name] = cost
        }
        let order = profile.variants.map(\.name)
        func cheapest(_ table: [String: Double]) -> String? {
            table.min { ($0.value, order.firstIndex(of: $0.key) ?? 0) < ($1.value, order.firstIndex(of: $1.key) ?? 0) }?.key
        }
        guard let best = cheapest(costs) ?? cheapest(overQuota), var result = results[best] else {
            throw .invalidConfiguration("model \(profile.name): no variant can serve \(demand.region) ("
                + excluded.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ") + ")")
        }
        var chosen = best
        var movingCost: Double?
        var reason = costs[best] != nil ? "cheapest over the horizon" : "cheapest; no variant fits the quota"
        if let current = demand.currentVariant, current != best, let currentCost = costs[current], let bestCost = costs[best],
           let variant = profile.variant(named: best), let offer = configuration.offers[demand.region]?[variant.gpuType] {
            let lead = (offer.onDemand.provisioningSeconds + variant.coldStartSeconds) / 3_600
            let moving = Double(results[best]?.plan.replicas.max() ?? 0) * Double(variant.gpusPerReplica)
                * offer.onDemand.usdPerGPUHour * lead
            movingCost = moving
            if currentCost - bestCost <= moving, let kept = results[current] {
                chosen = current
                result = kept
                reason = "kept: moving to \(best) would save \(Self.whole(currentCost - bestCost)) USD over the horizon, "
                    + "less than the \(Self.whole(moving.rounded(.up))) USD its new replicas cost while starting"
            } else {
                reason = "cheapest over the horizon; moving from \(current) saves \(Self.whole(currentCost - bestCost)) USD, "
                    + "more than the \(Self.whole(moving.rounded(.up))) USD of starting its replicas"
            }
        }
        result.plan.variant = VariantChoice(name: chosen, horizonCostUSD: costs, excluded: excluded,
                                            previous: demand.currentVariant, reason: reason)
        result.plan.variant?.movingCostUSD = movingCost
        result.alternatives = costs.filter { $0.key != chosen }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
            .compactMap { name, cost in
                guard var other = results[name] else { return nil }
                other.plan.variant = VariantChoice(name: name, horizonCostUSD: costs, excluded: excluded,
                                                   previous: demand.currentVariant, reason: reason)
                return VariantOption(name: name, costUSD: cost, result: other)
            }
        return result
    }
}

extension Planner {
    /// On-demand USD of `plan` over its horizon beyond the commitments held in its pool:
    /// `Σ_t max(0, G_t − max(0, H_t − U_t)) × h × p_o`, with `G_t` the plan's launched GPUs,
    /// `H_t` the GPUs held at step `t`, `U_t` those the `planned` models of the pool launch,
    /// `h` the step in hours and `p_o` the on-demand price. Without commitments in the pool,
    /// the plan's GPU-hours × `p_o`.
    func heldFreeCost(_ plan: ModelPlan, offer: GPUOffer, planned: [ModelResult]) -> Double {
        let price = offer.onDemand.usdPerGPUHour
        let pool = plan.pool
        guard configuration.commitments.contains(where: { $0.pool == pool }),
              let gpusPerNode = configuration.gpuTypes[pool.gpuType]?.gpusPerNode else { return plan.gpuHours * price }
        let step = configuration.settings.step.seconds
        var used: [Int64: Int] = [:]
        for other in planned where other.plan.pool == pool {
            for (index, launched) in other.plan.launchedReplicas.enumerated() {
                used[other.plan.start + Int64(index) * step, default: 0] += launched * other.plan.gpusPerReplica
            }
        }
        var paidGPUSteps = 0.0
        for (index, launched) in plan.launchedReplicas.enumerated() {
            let at = plan.start + Int64(index) * step
            let held = configuration.commitments.held(in: pool, at: at, gpusPerNode: gpusPerNode).gpus
            paidGPUSteps += max(0, Double(launched * plan.gpusPerReplica) - max(0, held - Double(used[at, default: 0])))
        }
        return paidGPUSteps * Double(step) / 3_600 * price
    }
}

/// Another variant's plan of a model, with its on-demand USD over the horizon.
struct VariantOption {
    var name: String
    var costUSD: Double
    var result: ModelResult
}
