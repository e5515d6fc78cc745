extension Planner {
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

    /// Whole dollars: `$1234` (values beyond Int64 are written as they are).
    static func usd(_ value: Double) -> String {
        abs(value) < 9e18 ? "$\(Int64(value.rounded()))" : "$\(value)"
    }
}
