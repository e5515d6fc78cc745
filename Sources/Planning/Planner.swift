public import Vocabulary

/// Makes fleet plans from demand forecasts: replicas with batching, the pre-scale schedule, and
/// the reserved / on-demand / spot split per region and GPU type. Pure: values in, values out.
public struct Planner: Sendable {
    public var configuration: FleetConfiguration

    public init(configuration: FleetConfiguration) {
        self.configuration = configuration
    }

    /// Plans every (model, region) in `demand`, pooled by region and GPU type.
    ///
    /// - Parameters:
    ///   - demand: one entry per (model, region), requests per step.
    ///   - now: Unix seconds; forecast steps that ended by then are dropped, and the history of
    ///     the last `reservationWindowSeconds` before it joins the reservation window.
    /// - Throws: ``PlanningError`` naming the model and region of the first bad demand.
    public func plan(demand: [PlanDemand], now: Int64) throws(PlanningError) -> FleetPlan {
        let step = configuration.settings.step.seconds
        var (results, seen) = try modelResults(demand: demand, now: now)
        var warnings: [String] = []
        warnings += sharingQuotas(&results)
        for name in configuration.models.keys.sorted() {
            for region in configuration.models[name]?.regions ?? [] {
                let key = ModelRegion(model: name, region: region)
                guard !seen.contains(key) else { continue }
                warnings.append("\(key): no demand given, not planned")
            }
        }
        for result in results where result.plan.cappedSteps > 0 {
            warnings.append("\(result.plan.modelRegion): demand exceeds the cap of "
                + "\(configuration.models[result.plan.model]?.maxReplicas ?? 0) replicas in \(result.plan.cappedSteps) steps")
        }
        for result in results where result.plan.limitedBy == nil && result.sizesOnTokens {
            warnings.append("\(result.plan.modelRegion): has a token profile but its demand has no token forecast "
                + "(input_tokens and output_tokens); planned on requests alone")
        }
        for result in results {
            if let choice = result.plan.variant, choice.horizonCostUSD[choice.name] == nil {
                warnings.append("\(result.plan.modelRegion): no variant fits the region's GPU quota; planned on "
                    + "\(choice.name), the cheapest, above its quota")
            }
        }
        for result in results where result.plan.uncoveredSteps > 0 {
            warnings.append("\(result.plan.modelRegion): capacity cannot be ready in time in "
                + "\(result.plan.uncoveredSteps) steps (current replicas too low for the scale-up rate limit)")
        }
        let capacity = try splitCapacity(results, now: now)
        let totals = Self.totals(capacity, results: results)
        let budget = configuration.monthlyBudgetUSD.map { budgetVerdict(budget: $0, totals: totals, results: results) }
        return FleetPlan(now: now, stepSeconds: step, models: results.map(\.plan), capacity: capacity,
                         totals: totals, budget: budget, warnings: warnings)
    }

    /// Each (model, region) of `demand` planned on its own (variants chosen, quotas not yet
    /// shared), by model and region, and the keys seen.
    func modelResults(demand: [PlanDemand], now: Int64) throws(PlanningError) -> (results: [ModelResult], seen: Set<ModelRegion>) {
        var seen = Set<ModelRegion>()
        var results: [ModelResult] = []
        // Models without variants first: the commitments they leave free are what a variant
        // choice may count on (`planVariants`).
        func order(_ entry: PlanDemand) -> Int { configuration.models[entry.model]?.variants.isEmpty == false ? 1 : 0 }
        for entry in demand.sorted(by: { (order($0), $0.modelRegion) < (order($1), $1.modelRegion) }) {
            guard let configured = configuration.models[entry.model] else { throw .unknownModel(model: entry.model) }
            let settings = PlanSettings.used(entry.settings, profile: configured)
            let profile = settings.applied(to: configured)
            guard profile.regions.contains(entry.region) else {
                throw .regionNotServed(model: entry.model, region: entry.region)
            }
            guard seen.insert(entry.modelRegion).inserted else {
                throw .duplicateDemand(model: entry.model, region: entry.region)
            }
            var result: ModelResult
            if !profile.variants.isEmpty {
                result = try planVariants(profile: profile, demand: entry, now: now, planned: results)
            } else {
                guard let offer = configuration.offers[entry.region]?[profile.gpuType] else {
                    throw .invalidConfiguration("no prices for \(profile.gpuType) in \(entry.region) (needed by \(profile.name))")
                }
                guard profile.sizing(requestsPerSecond: 0) != nil else {
                    throw .invalidConfiguration("model \(profile.name): no batch size meets its SLO")
                }
                let prepared = try PreparedDemand(entry, profile: profile, settings: configuration.settings, now: now)
                result = planModel(profile: profile, demand: prepared, offer: offer, now: now)
            }
            result.plan.settings = settings
            for index in result.alternatives.indices { result.alternatives[index].result.plan.settings = settings }
            results.append(result)
        }
        results.sort { $0.plan.modelRegion < $1.plan.modelRegion }
        return (results, seen)
    }

    /// The GPUs each pool needed over the reservation window before `now`, per step: the
    /// actual requests of `demand`'s history sized as ``plan(demand:now:)`` sizes them (each
    /// model on its chosen variant), summed over the pool's models. What commitments are
    /// judged on (``CommitmentAdvisor``).
    public func poolHistory(demand: [PlanDemand], now: Int64) throws(PlanningError) -> [PoolKey: [PoolLevel]] {
        try poolNeeds(demand: demand, now: now).history
    }

    /// ``poolHistory(demand:now:)`` and, per pool, the longest cold start of its batch models
    /// (seconds; 0 without batch models): what the spot buffer of its batch work is priced with.
    public func poolNeeds(demand: [PlanDemand], now: Int64) throws(PlanningError)
        -> (history: [PoolKey: [PoolLevel]], batchColdStartSeconds: [PoolKey: Double])
    {
        var results = try modelResults(demand: demand, now: now).results
        _ = sharingQuotas(&results)
        var pools: [PoolKey: [Int64: PoolLevel]] = [:]
        var coldStarts: [PoolKey: Double] = [:]
        for result in results {
            let batch = result.plan.workloadClass == .batch
            if batch { coldStarts[result.plan.pool] = max(coldStarts[result.plan.pool] ?? 0, result.coldStartSeconds) }
            for (at, gpus) in result.historyGPUs {
                pools[result.plan.pool, default: [:]][at, default: PoolLevel(at: at, interactiveGPUs: 0, batchGPUs: 0)]
                    .add(gpus, batch: batch)
            }
        }
        return (pools.mapValues { $0.values.sorted { $0.at < $1.at } }, coldStarts)
    }
}

/// One model's plan with what the pooled steps need from it.
struct ModelResult {
    var plan: ModelPlan
    /// Models with variants: the other variants' results that fit their own quota, cheapest
    /// first, for ``Planner/sharingQuotas(_:)`` to move to.
    var alternatives: [VariantOption] = []
    /// GPUs needed per step of the history window (Unix s → GPUs).
    var historyGPUs: [Int64: Double]
    /// GPU-hours over the horizon planned above the point forecast.
    var headroomGPUHours: Double
    var coldStartSeconds: Double
    /// The profile planned (the chosen variant's) sizes on tokens.
    var sizesOnTokens: Bool
}
