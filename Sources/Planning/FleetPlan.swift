/// The plan of the whole fleet: per-model plans, per-pool capacity splits, totals and budget.
public struct FleetPlan: Sendable, Hashable, Codable {
    /// Unix seconds the plan was made at.
    public var now: Int64
    /// Planning step, seconds.
    public var stepSeconds: Int64
    /// One plan per (model, region), sorted by model then region.
    public var models: [ModelPlan]
    /// One split per (region, GPU type), sorted by region then GPU type.
    public var capacity: [CapacitySplit]
    public var totals: FleetTotals
    /// Nil when the configuration sets no budget.
    public var budget: BudgetVerdict?
    /// Things a person should know (caps reached, configured plans with no demand, …).
    public var warnings: [String]
}

/// Fleet-wide costs and savings, USD.
public struct FleetTotals: Sendable, Hashable, Codable {
    /// Expected cost over the horizon, and per month (the pools' window averages × 730.5 h).
    public var horizon: CostBreakdown
    public var monthly: CostBreakdown
    /// Monthly cost with every needed GPU-hour on demand.
    public var allOnDemandMonthlyUSD: Double
    /// Monthly cost of holding each pool's peak all month, on demand and reserved.
    public var staticPeakOnDemandMonthlyUSD: Double
    public var staticPeakReservedMonthlyUSD: Double
    /// `allOnDemandMonthlyUSD − monthly.totalUSD`.
    public var savingsVersusOnDemandMonthlyUSD: Double
    /// `staticPeakOnDemandMonthlyUSD − monthly.totalUSD`.
    public var savingsVersusStaticPeakMonthlyUSD: Double
    /// Replica-hours over the horizon the batching-first rule saved.
    public var replicaHoursSavedByBatching: Double
}
