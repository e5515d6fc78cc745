/// What one capacity type costs in one region for one GPU type, and how long it takes to get.
public struct CapacityOffer: Sendable, Hashable, Codable {
    /// Effective price of one GPU for one hour, in USD (a reservation's commitment spread over
    /// every hour of its term; on-demand and spot at their hourly rates).
    public var usdPerGPUHour: Double
    /// Seconds from asking for a node of this type to the node being usable (before any model
    /// is loaded on it).
    public var provisioningSeconds: Double

    public init(usdPerGPUHour: Double, provisioningSeconds: Double) {
        self.usdPerGPUHour = usdPerGPUHour
        self.provisioningSeconds = provisioningSeconds
    }
}

/// Spot capacity in one region for one GPU type: its price and how far it can be relied on.
public struct SpotOffer: Sendable, Hashable, Codable {
    /// Spot USD per GPU-hour (without the buffer).
    public var usdPerGPUHour: Double
    /// Seconds until a spot node is usable.
    public var provisioningSeconds: Double
    /// Expected interruptions per spot node per hour (0.05: one node in twenty is reclaimed
    /// each hour).
    public var interruptionsPerHour: Double
    /// Share in [0, 1] of the batch work above the reservation that may be placed on spot in
    /// this region; the rest falls back to on-demand (0: spot is never relied on).
    public var reliableShare: Double

    public init(usdPerGPUHour: Double, provisioningSeconds: Double, interruptionsPerHour: Double, reliableShare: Double) {
        self.usdPerGPUHour = usdPerGPUHour
        self.provisioningSeconds = provisioningSeconds
        self.interruptionsPerHour = interruptionsPerHour
        self.reliableShare = reliableShare
    }

    /// Fraction of spot capacity that is, on average, being replaced after an interruption:
    /// interruptions per hour times the hours a replacement takes (Little's law),
    /// `interruptionsPerHour × (provisioningSeconds + coldStartSeconds) / 3600`.
    /// The plan provisions this much extra spot as a buffer.
    public func buffer(coldStartSeconds: Double) -> Double {
        interruptionsPerHour * (provisioningSeconds + coldStartSeconds) / 3_600
    }
}

/// The prices of one GPU type in one region, by capacity type.
public struct GPUOffer: Sendable, Hashable, Codable {
    public var region: String
    public var gpuType: String
    /// Reserved capacity at its effective hourly rate.
    public var reserved: CapacityOffer
    /// On-demand capacity.
    public var onDemand: CapacityOffer
    /// Nil when the region sells no spot for this GPU type.
    public var spot: SpotOffer?
    /// GPUs of this type one can get in the region (a quota); nil for no limit.
    public var maxGPUs: Int? = nil
    /// USD per GPU-hour of a capacity block (nodes booked for a fixed window, paid for every
    /// hour of it); nil when the region sells none or its price is not configured.
    public var capacityBlockUSDPerGPUHour: Double? = nil
    /// USD per GPU-hour a savings plan for this GPU type in the region bills usage at, up to
    /// its hourly commitment; nil when not configured.
    public var savingsPlanUSDPerGPUHour: Double? = nil

    public init(region: String, gpuType: String, reserved: CapacityOffer, onDemand: CapacityOffer, spot: SpotOffer?) {
        self.region = region
        self.gpuType = gpuType
        self.reserved = reserved
        self.onDemand = onDemand
        self.spot = spot
    }

    /// Break-even utilisation of a reservation: a reserved GPU is cheaper than on-demand when
    /// it is needed more than `reserved / onDemand` of the hours.
    public var breakEvenUtilization: Double { reserved.usdPerGPUHour / onDemand.usdPerGPUHour }
}
