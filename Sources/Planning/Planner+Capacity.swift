extension Planner {
    /// Pools the plans by region and GPU type and chooses each pool's reservation over the
    /// representative window: the history of the last `reservationWindowSeconds` plus the horizon.
    /// Commitments held count at each step of the window they cover; the optimum is bought on
    /// top of them, and the split reserves both (`heldNodes` at the horizon's start).
    func splitCapacity(_ results: [ModelResult], now: Int64) throws(PlanningError) -> [CapacitySplit] {
        let step = configuration.settings.step.seconds
        let stepHours = Double(step) / 3_600
        let pools = Dictionary(grouping: results, by: \.plan.pool)
        var splits: [CapacitySplit] = []
        for key in pools.keys.sorted() {
            guard let members = pools[key] else { continue }
            let region = key.region
            let gpuName = key.gpuType
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
            func holding(_ level: PoolLevel) -> PoolLevel {
                let held = configuration.commitments.held(in: key, at: level.at, gpusPerNode: gpu.gpusPerNode)
                var level = level
                level.heldGPUs = held.gpus
                level.heldUSDPerHour = held.usdPerHour
                return level
            }
            let horizonLevels = horizon.values.sorted { $0.at < $1.at }.map(holding)
            let historyLevels = history.values.filter { $0.at < horizonStart }.sorted { $0.at < $1.at }.map(holding)
            let window = historyLevels + horizonLevels
            let batchColdStart = members.filter { $0.plan.workloadClass == .batch }.map(\.coldStartSeconds).max() ?? 0
            let pricing = PoolPricing(offer: offer, batchColdStartSeconds: batchColdStart)
            let optimizer = ReservationOptimizer(
                gpusPerNode: gpu.gpusPerNode, reservedRate: offer.reserved.usdPerGPUHour,
                onDemandRate: offer.onDemand.usdPerGPUHour, batchOverflowRate: pricing.batchOverflowRate,
                stepHours: stepHours)
            let nodes = optimizer.optimalNodes(levels: window)
            let reservedGPUs = Double(nodes * gpu.gpusPerNode)
            let heldNow = configuration.commitments.heldNodes(in: key, at: horizonStart, gpusPerNode: gpu.gpusPerNode)
            let windowCost = window.reduce(CostBreakdown()) { $0 + pricing.cost($1, boughtGPUs: reservedGPUs, hours: stepHours) }
            let horizonCost = horizonLevels.reduce(CostBreakdown()) {
                $0 + pricing.cost($1, boughtGPUs: reservedGPUs, hours: stepHours)
            }
            var days: [Int64: DailyCost] = [:]
            for level in horizonLevels {
                let day = level.at - ((level.at % 86_400) + 86_400) % 86_400
                var entry = days[day] ?? DailyCost(day: day, hours: 0, cost: CostBreakdown())
                entry.hours += stepHours
                entry.cost = entry.cost + pricing.cost(level, boughtGPUs: reservedGPUs, hours: stepHours)
                days[day] = entry
            }
            let windowHours = Double(window.count) * stepHours
            let toMonth = windowHours > 0 ? FleetConfiguration.hoursPerMonth / windowHours : 0
            let neededGPUHours = window.reduce(0) { $0 + $1.totalGPUs } * stepHours
            let peak = window.map(\.totalGPUs).max() ?? 0
            splits.append(CapacitySplit(
                region: region, gpuType: gpuName, gpusPerNode: gpu.gpusPerNode,
                models: Set(members.map(\.plan.model)).sorted(), reservedNodes: heldNow + nodes,
                heldNodes: configuration.commitments.contains { $0.pool == key } ? heldNow : nil,
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
}

extension PoolLevel {
    mutating func add(_ gpus: Double, batch: Bool) {
        if batch { batchGPUs += gpus } else { interactiveGPUs += gpus }
    }
}
