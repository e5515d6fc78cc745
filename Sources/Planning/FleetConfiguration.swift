/// Everything the planner knows about the fleet: GPU types, prices per region, model profiles,
/// budget and planning settings. Built by the `Configuration` module from headroom.yaml, or in code.
public struct FleetConfiguration: Sendable, Hashable {
    public var settings: PlanningSettings
    /// GPU types by name.
    public var gpuTypes: [String: GPUType]
    /// Offers by region, then by GPU type name.
    public var offers: [String: [String: GPUOffer]]
    /// Model profiles by name.
    public var models: [String: ModelProfile]
    /// Fleet budget in USD per month (30.4375 days), if any.
    public var monthlyBudgetUSD: Double?
    /// Capacity already bought (reservations, capacity blocks), paid whether used or not.
    public var commitments: [Commitment] = []
    /// Known changes of demand ahead (`demand_changes`), for commitments' long-horizon forecast.
    public var demandChanges: [DemandChange] = []

    public init(
        settings: PlanningSettings, gpuTypes: [String: GPUType], offers: [String: [String: GPUOffer]],
        models: [String: ModelProfile], monthlyBudgetUSD: Double? = nil
    ) {
        self.settings = settings
        self.gpuTypes = gpuTypes
        self.offers = offers
        self.models = models
        self.monthlyBudgetUSD = monthlyBudgetUSD
    }

    /// Hours in the month used for monthly figures: 365.25 × 24 / 12 = 730.5.
    public static let hoursPerMonth = 730.5
}

extension FleetConfiguration {
    /// The regions each model serves.
    public var servedRegions: [String: Set<String>] {
        models.mapValues { Set($0.regions) }
    }
}
