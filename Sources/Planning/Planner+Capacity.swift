extension Planner {
    /// Pools the plans by region and GPU type and chooses each pool's reservation over the
    /// representative window: the history of the last `reservationWindowSeconds` plus the horizon.
    func splitCapacity(_ results: [ModelResult], now: Int64) throws(PlanningError) -> [CapacitySplit] {
        let step = configuration.settings.step.seconds
        let stepHours = Double(step) / 3_600
        var pools: [String: [ModelResult]] = [:]
        for result in results { pools["\(result.plan.region)\u{0}\(result.plan.gpuType)", default: []].append(result) }
        var splits: [CapacitySplit] = []
        for key in pools.keys.sorted() {
            guard let members = pools[key], let first = members.first else { continue }
            let region = first.plan.region
            let gpuName = first.plan.gpuType
            guard let offer = configuration.offers[region]?[gpuName], let gpu = configuration.gpuTypes[gpuName] else {
                throw .invalidConfiguration("no GPU type or prices for \(gpuName) in \(region)")
            }
            var horizon: [Int64: PoolLevel] = [:]
            var history: [Int64: PoolLevel] = [:]
            for member in members {
                let batch = member.plan.workloadClass == .batch
                for (index, launched) in member.plan.launchedReplicas.enumerated() {
                    let at = member.plan.start + Int64(index) * step
                    let gpus = Double(launched) * Double(member.plan.gpusPerReplica)
                    horizon[at, default: PoolLevel(at: at, interactiveGPUs: 0, batchGPUs: 0)].add(gpus, batch: batch)
                }
                for (at, gpus) in member.historyGPUs {
                    history[at, default: PoolLevel(at: at, interactiveGPUs: 0, batchGPUs: 0)].add(gpus, batch: batch)
                }
            }
            let horizonStart = horizon.keys.min() ?? now
            let horizonLevels = horizon.values.sorted { $0.at < $1.at }
            let historyLevels = history.values.filter { $0.at < horizonStart }.sorted { $0.at < $1.at }
            let window = historyLevels + horizonLevels
            let batchColdStart = members.filter { $0.plan.workloadClass == .batch }.map(\.coldStartSeconds).max() ?? 0
            let pricing = PoolPricing(offer: offer, batchColdStartSeconds: batchColdStart)
            let optimizer = ReservationOptimizer(
                gpusPerNode: gpu.gpusPerNode, reservedRate: offer.reserved.usdPerGPUHour,
                onDemandRate: offer.onDemand.usdPerGPUHour, batchOverflowRate: pricing.batchOverflowRate,
                stepHours: stepHours)
            let nodes = optimizer.optimalNodes(levels: window)
            let reservedGPUs = Double(nodes * gpu.gpusPerNode)
            let windowCost = window.reduce(CostBreakdown()) { $0 + pricing.cost($1, reservedGPUs: reservedGPUs, hours: stepHours) }
            let horizonCost = horizonLevels.reduce(CostBreakdown()) {
                $0 + pricing.cost($1, reservedGPUs: reservedGPUs, hours: stepHours)
            }
            var days: [Int64: DailyCost] = [:]
            for level in horizonLevels {
                let day = level.at - ((level.at % 86_400) + 86_400) % 86_400
                var entry = days[day] ?? DailyCost(day: day, hours: 0, cost: CostBreakdown())
                entry.hours += stepHours
                entry.cost = entry.cost + pricing.cost(level, reservedGPUs: reservedGPUs, hours: stepHours)
                days[day] = entry
            }
            let windowHours = Double(window.count) * stepHours
            let toMonth = windowHours > 0 ? FleetConfiguration.hoursPerMonth / windowHours : 0
            let neededGPUHours = window.reduce(0) { $0 + $1.totalGPUs } * stepHours
            let peak = window.map(\.totalGPUs).max() ?? 0
            splits.append(CapacitySplit(
                region: region, gpuType: gpuName, gpusPerNode: gpu.gpusPerNode,
                models: Set(members.map(\.plan.model)).sorted(), reservedNodes: nodes,
                historyHours: Double(historyLevels.count) * stepHours,
                horizonHours: Double(horizonLevels.count) * stepHours,
                reservedUSDPerGPUHour: offer.reserved.usdPerGPUHour, onDemandUSDPerGPUHour: offer.onDemand.usdPerGPUHour,
                spotUSDPerGPUHour: pricing.spotRate, spotBuffer: pricing.spotBuffer, spotShare: pricing.spotShare,
                breakEvenUtilization: offer.breakEvenUtilization,
                reservationUtilization: windowCost.reservedGPUHours > 0
                    ? windowCost.reservedUsedGPUHours / windowCost.reservedGPUHours : nil,
                reservationCoverage: neededGPUHours > 0 ? windowCost.reservedUsedGPUHours / neededGPUHours : 0,
                peakGPUs: peak, horizonLevels: horizonLevels, horizon: horizonCost,
                daily: days.values.sorted { $0.day < $1.day }, monthly: windowCost.scaled(by: toMonth),
                allOnDemandMonthlyUSD: neededGPUHours * offer.onDemand.usdPerGPUHour * toMonth,
                staticPeakOnDemandMonthlyUSD: peak * offer.onDemand.usdPerGPUHour * FleetConfiguration.hoursPerMonth,
                staticPeakReservedMonthlyUSD: (peak / Double(gpu.gpusPerNode)).rounded(.up) * Double(gpu.gpusPerNode)
                    * offer.reserved.usdPerGPUHour * FleetConfiguration.hoursPerMonth))
        }
        return splits
    }

    static func totals(_ splits: [CapacitySplit], results: [ModelResult]) -> FleetTotals {
        let monthly = splits.reduce(CostBreakdown()) { $0 + $1.monthly }
        let onDemand = splits.reduce(0) { $0 + $1.allOnDemandMonthlyUSD }
        let peak = splits.reduce(0) { $0 + $1.staticPeakOnDemandMonthlyUSD }
        return FleetTotals(
            horizon: splits.reduce(CostBreakdown()) { $0 + $1.horizon }, monthly: monthly,
            allOnDemandMonthlyUSD: onDemand, staticPeakOnDemandMonthlyUSD: peak,
            staticPeakReservedMonthlyUSD: splits.reduce(0) { $0 + $1.staticPeakReservedMonthlyUSD },
            savingsVersusOnDemandMonthlyUSD: onDemand - monthly.totalUSD,
            savingsVersusStaticPeakMonthlyUSD: peak - monthly.totalUSD,
            replicaHoursSavedByBatching: results.reduce(0) { $0 + $1.plan.replicaHoursSavedByBatching })
    }

    /// Compares the monthly cost with the budget. Over budget, the plans' headroom (GPU-hours
    /// planned above the point forecast, priced on demand and scaled to a month) is listed most
    /// expensive first until it covers the overrun.
    func budgetVerdict(budget: Double, totals: FleetTotals, results: [ModelResult]) -> BudgetVerdict {
        let planned = totals.monthly.totalUSD
        guard planned > budget else {
            return BudgetVerdict(monthlyBudgetUSD: budget, plannedMonthlyUSD: planned, withinBudget: true, overrunUSD: 0,
                                 modelsLosingHeadroom: [], meetableByCuttingHeadroom: true,
                                 message: "within budget: \(Self.usd(planned)) of \(Self.usd(budget)) a month")
        }
        let overrun = planned - budget
        let cuts = results.compactMap { result -> HeadroomCut? in
            let rate = configuration.offers[result.plan.region]?[result.plan.gpuType]?.onDemand.usdPerGPUHour ?? 0
            let hours = Double(result.plan.replicas.count * Int(result.plan.stepSeconds)) / 3_600
            guard result.headroomGPUHours > 0, hours > 0 else { return nil }
            return HeadroomCut(model: result.plan.model, region: result.plan.region,
                               monthlyUSD: result.headroomGPUHours * rate * FleetConfiguration.hoursPerMonth / hours)
        }.sorted { $0.monthlyUSD > $1.monthlyUSD }
        var chosen: [HeadroomCut] = []
        var covered = 0.0
        for cut in cuts where covered < overrun {
            chosen.append(cut)
            covered += cut.monthlyUSD
        }
        let meetable = covered >= overrun
        let names = chosen.map { "\($0.model)/\($0.region)" }.joined(separator: ", ")
        let message = meetable
            ? "over budget by \(Self.usd(overrun)) a month: dropping the headroom of \(names) would fit it"
            : "over budget by \(Self.usd(overrun)) a month: even without any headroom"
                + (names.isEmpty ? "" : " (\(names))") + " the plan costs \(Self.usd(planned - covered)) a month"
        return BudgetVerdict(monthlyBudgetUSD: budget, plannedMonthlyUSD: planned, withinBudget: false,
                             overrunUSD: overrun, modelsLosingHeadroom: chosen, meetableByCuttingHeadroom: meetable,
                             message: message)
    }

    static func usd(_ value: Double) -> String { "$\(Int(value.rounded()))" }
}

extension PoolLevel {
    mutating func add(_ gpus: Double, batch: Bool) {
        if batch { batchGPUs += gpus } else { interactiveGPUs += gpus }
    }
}

/// Effective prices of one pool and how one step of it is bought.
struct PoolPricing {
    var offer: GPUOffer
    var spotBuffer: Double
    var spotShare: Double
    /// Spot USD per needed GPU-hour, buffer included; nil without spot.
    var spotRate: Double?

    init(offer: GPUOffer, batchColdStartSeconds: Double) {
        self.offer = offer
        if let spot = offer.spot {
            spotBuffer = spot.buffer(coldStartSeconds: batchColdStartSeconds)
            let rate = spot.usdPerGPUHour * (1 + spotBuffer)
            spotRate = rate
            // Spot is used only where it is cheaper than on demand.
            spotShare = rate < offer.onDemand.usdPerGPUHour ? min(1, max(0, spot.reliableShare)) : 0
        } else {
            spotBuffer = 0
            spotShare = 0
            spotRate = nil
        }
    }

    /// USD per GPU-hour of batch work above the reservation.
    var batchOverflowRate: Double {
        spotShare * (spotRate ?? 0) + (1 - spotShare) * offer.onDemand.usdPerGPUHour
    }

    /// One step: the reservation serves interactive GPUs first, then batch; interactive
    /// overflow goes on demand; batch overflow goes to spot (its reliable share, with the buffer)
    /// and the rest on demand.
    func cost(_ level: PoolLevel, reservedGPUs: Double, hours: Double) -> CostBreakdown {
        let interactiveOverflow = max(0, level.interactiveGPUs - reservedGPUs)
        let reservedLeft = max(0, reservedGPUs - level.interactiveGPUs)
        let batchOverflow = max(0, level.batchGPUs - reservedLeft)
        let spotNeeded = batchOverflow * spotShare
        var cost = CostBreakdown()
        cost.reservedGPUHours = reservedGPUs * hours
        cost.reservedUsedGPUHours = min(level.totalGPUs, reservedGPUs) * hours
        cost.onDemandGPUHours = (interactiveOverflow + batchOverflow - spotNeeded) * hours
        cost.spotGPUHours = spotNeeded * (1 + spotBuffer) * hours
        cost.reservedUSD = cost.reservedGPUHours * offer.reserved.usdPerGPUHour
        cost.onDemandUSD = cost.onDemandGPUHours * offer.onDemand.usdPerGPUHour
        cost.spotUSD = cost.spotGPUHours * (offer.spot?.usdPerGPUHour ?? 0)
        return cost
    }
}
