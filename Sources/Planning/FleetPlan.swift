/// The plan of the whole fleet: per-model plans, per-pool capacity splits, totals and budget.
public struct FleetPlan: Sendable, Hashable, Codable {
    /// Unix seconds the plan was made at.
    public var now: Int64
    public var stepSeconds: Int64
    public var models: [ModelPlan]
    public var capacity: [CapacitySplit]
    public var totals: FleetTotals
    /// Nil when the configuration sets no budget.
    public var budget: BudgetVerdict?
    /// Things a person should know (caps reached, configured plans with no demand, …).
    public var warnings: [String]
}

/// Fleet-wide costs and savings, USD.
public struct FleetTotals: Sendable, Hashable, Codable {
    public var horizon: CostBreakdown
    public var monthly: CostBreakdown
    public var allOnDemandMonthlyUSD: Double
    public var staticPeakOnDemandMonthlyUSD: Double
    public var staticPeakReservedMonthlyUSD: Double
    /// `allOnDemandMonthlyUSD − monthly.totalUSD`.
    public var savingsVersusOnDemandMonthlyUSD: Double
    /// `staticPeakOnDemandMonthlyUSD − monthly.totalUSD`.
    public var savingsVersusStaticPeakMonthlyUSD: Double
    public var replicaHoursSavedByBatching: Double
}
