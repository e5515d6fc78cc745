public import Vocabulary

/// Reserved / on-demand / spot capacity of one GPU type in one region, pooled over the models
/// that share it, with its expected cost.
public struct CapacitySplit: Sendable, Hashable, Codable {
    /// The pool: region, GPU type and its node shape.
    public var region: String
    public var gpuType: String
    public var gpusPerNode: Int
    /// Models (all regions' plans of them in this region) sharing the pool.
    public var models: [String]
    /// Whole nodes to reserve: those held at the horizon's start plus the cost optimum bought
    /// on top of the commitments over the representative window.
    public var reservedNodes: Int
    /// Nodes of commitments held at the horizon's start; nil when the pool has no commitment.
    public var heldNodes: Int?
    /// Hours of history and of forecast in the representative window.
    public var historyHours: Double
    public var horizonHours: Double
    /// Effective USD per GPU-hour used for the decision.
    public var reservedUSDPerGPUHour: Double
    public var onDemandUSDPerGPUHour: Double
    /// Spot price including the interruption buffer (nil when the region sells no spot).
    public var spotUSDPerGPUHour: Double?
    /// Extra spot provisioned for interruptions, as a fraction of the spot need.
    public var spotBuffer: Double
    /// Share of batch overflow placed on spot.
    public var spotShare: Double
    /// `reserved / on-demand`: the utilisation above which a reserved GPU is worth buying.
    public var breakEvenUtilization: Double
    /// Over the window: reserved GPU-hours used / reserved GPU-hours paid (nil with no reservation).
    public var reservationUtilization: Double?
    /// Over the window: share of needed GPU-hours served by the reservation.
    public var reservationCoverage: Double
    /// Largest GPU need of one step in the window.
    public var peakGPUs: Double
    /// GPUs needed per step over the forecast horizon.
    public var horizonLevels: [PoolLevel]
    /// Expected cost over the forecast horizon.
    public var horizon: CostBreakdown
    /// The horizon by UTC day.
    public var daily: [DailyCost]
    /// The window's average hourly cost times 730.5 hours.
    public var monthly: CostBreakdown
    /// Monthly cost if every needed GPU-hour were bought on demand.
    public var allOnDemandMonthlyUSD: Double
    /// Monthly cost of holding the window's peak all the time, on demand and reserved.
    public var staticPeakOnDemandMonthlyUSD: Double
    public var staticPeakReservedMonthlyUSD: Double
}

extension CapacitySplit {
    /// The pool (region and GPU type) this split is for.
    public var pool: PoolKey { PoolKey(region: region, gpuType: gpuType) }
}
