import Vocabulary

extension Planner {
    /// Plans `demand` on each of the model's variants priced in its region and keeps the
    /// cheapest that fits the region's GPU quota.
    ///
    /// A variant's cost is its plan's on-demand USD over the horizon (launched GPU-hours × the
    /// region's on-demand price for its GPU type); one whose peak launched GPUs exceed the
    /// pool's `max_gpus` is left out. The choice is stable: with `currentVariant` given and still
    /// fitting, the plan moves to a cheaper variant only when the saving over the horizon beats
    /// the cost of moving: the new variant's peak replicas billed for their lead time
    /// (provisioning and cold start) while the old ones still serve. With none fitting, the
    /// cheapest is planned and the plan warns.
    func planVariants(profile: ModelProfile, demand: PlanDemand, now: Int64) throws(PlanningError) -> ModelResult {
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
            let cost = result.plan.gpuHours * offer.onDemand.usdPerGPUHour
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

/// Another variant's plan of a model, with its on-demand USD over the horizon.
struct VariantOption {
    var name: String
    var costUSD: Double
    var result: ModelResult
}
