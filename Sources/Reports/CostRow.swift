public import Vocabulary

/// One row of a cost report: the GPU-hours of one capacity type of one GPU type, for one charge
/// period and (as grouped) one model and region, with their cost in USD.
public struct CostRow: Sendable, Hashable {
    /// Unix seconds; the charge period is `[chargePeriodStart, chargePeriodEnd)`.
    public var chargePeriodStart: Int64
    public var chargePeriodEnd: Int64
    /// The model; nil for idle reserved GPU-hours and when the report is not grouped by model.
    public var model: String?
    /// The region; nil when the report is not grouped by region.
    public var region: String?
    public var gpuType: String
    public var capacityType: CapacityType
    /// `used` or `unused` for reserved capacity; nil for on-demand and spot.
    public var commitmentStatus: CommitmentDiscountStatus?
    /// GPU-hours bought (spot includes its interruption buffer).
    public var gpuHours: Double
    /// USD the same need would cost at the on-demand rate: the needed GPU-hours (spot without its
    /// buffer) × the on-demand USD per GPU-hour; 0 for idle reserved GPU-hours.
    public var listCostUSD: Double
    /// USD the plan pays for `gpuHours` (reserved at its amortised hourly rate).
    public var effectiveCostUSD: Double
    /// Requests of the planned demand served on these GPU-hours.
    public var requestsServed: Double
    /// The model's variant planned on this GPU type (models with variants, grouped by model).
    public var variant: String?

    public init(chargePeriodStart: Int64, chargePeriodEnd: Int64, model: String?, region: String?, gpuType: String,
                capacityType: CapacityType, commitmentStatus: CommitmentDiscountStatus?, gpuHours: Double,
                listCostUSD: Double, effectiveCostUSD: Double, requestsServed: Double, variant: String? = nil) {
        self.variant = variant
        self.chargePeriodStart = chargePeriodStart
        self.chargePeriodEnd = chargePeriodEnd
        self.model = model
        self.region = region
        self.gpuType = gpuType
        self.capacityType = capacityType
        self.commitmentStatus = commitmentStatus
        self.gpuHours = gpuHours
        self.listCostUSD = listCostUSD
        self.effectiveCostUSD = effectiveCostUSD
        self.requestsServed = requestsServed
    }

    /// USD billed: equal to ``effectiveCostUSD`` (the plan's prices are already effective rates).
    public var billedCostUSD: Double { effectiveCostUSD }

    /// reserved → Committed, on-demand → Standard, spot → Dynamic.
    public var pricingCategory: PricingCategory { PricingCategory(capacityType) }

    /// `<gpu type>-<capacity type>`, e.g. `H100-reserved`, `A100-on-demand`.
    public var skuID: String { "\(gpuType)-\(capacityType.rawValue)" }

    /// USD per 1 000 requests served; nil when no request was served.
    public var costPer1kRequestsUSD: Double? {
        requestsServed > 0 ? effectiveCostUSD / requestsServed * 1_000 : nil
    }

    /// `listCostUSD − effectiveCostUSD`: what the plan saves against buying the same need on
    /// demand (negative for idle reserved GPU-hours, which would not be bought on demand).
    public var savingsVersusOnDemandUSD: Double { listCostUSD - effectiveCostUSD }
}
