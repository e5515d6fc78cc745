/// Whether the plan fits the monthly budget and, if not, whose headroom would have to go.
public struct BudgetVerdict: Sendable, Hashable, Codable {
    /// The configured budget and the plan's monthly cost, USD per month of 730.5 hours.
    public var monthlyBudgetUSD: Double
    public var plannedMonthlyUSD: Double
    /// Whether the planned cost is at most the budget.
    public var withinBudget: Bool
    /// Planned minus budget, USD per month (0 when within).
    public var overrunUSD: Double
    /// Plans whose headroom (the forecast quantile above the point forecast) would be dropped to
    /// fit, most expensive first, until the overrun is covered; empty when within budget.
    public var modelsLosingHeadroom: [HeadroomCut]
    /// Whether dropping every headroom would bring the plan within budget.
    public var meetableByCuttingHeadroom: Bool
    /// One sentence for people.
    public var message: String
}

/// The monthly cost of one plan's headroom: the GPU-hours planned above the point forecast,
/// priced on demand.
public struct HeadroomCut: Sendable, Hashable, Codable {
    public var model: String
    public var region: String
    /// What the headroom costs, USD per month.
    public var monthlyUSD: Double
}
