/// GPU-hours and USD by capacity type over some period.
public struct CostBreakdown: Sendable, Hashable, Codable {
    /// Reserved GPU-hours paid for (whether used or not).
    public var reservedGPUHours: Double = 0
    /// Reserved GPU-hours that served demand.
    public var reservedUsedGPUHours: Double = 0
    public var onDemandGPUHours: Double = 0
    /// Spot GPU-hours, including the interruption buffer.
    public var spotGPUHours: Double = 0
    public var reservedUSD: Double = 0
    public var onDemandUSD: Double = 0
    public var spotUSD: Double = 0

    public init() {}

    public var totalUSD: Double { reservedUSD + onDemandUSD + spotUSD }

    /// Adds every figure of `other`.
    public static func + (lhs: CostBreakdown, rhs: CostBreakdown) -> CostBreakdown {
        var sum = lhs
        sum.reservedGPUHours += rhs.reservedGPUHours
        sum.reservedUsedGPUHours += rhs.reservedUsedGPUHours
        sum.onDemandGPUHours += rhs.onDemandGPUHours
        sum.spotGPUHours += rhs.spotGPUHours
        sum.reservedUSD += rhs.reservedUSD
        sum.onDemandUSD += rhs.onDemandUSD
        sum.spotUSD += rhs.spotUSD
        return sum
    }

    /// Every figure multiplied by `factor` (e.g. to scale a window to a month).
    public func scaled(by factor: Double) -> CostBreakdown {
        var copy = self
        copy.reservedGPUHours *= factor
        copy.reservedUsedGPUHours *= factor
        copy.onDemandGPUHours *= factor
        copy.spotGPUHours *= factor
        copy.reservedUSD *= factor
        copy.onDemandUSD *= factor
        copy.spotUSD *= factor
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case reservedGPUHours, reservedUsedGPUHours, onDemandGPUHours, spotGPUHours
        case reservedUSD, onDemandUSD, spotUSD, totalUSD
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reservedGPUHours = try container.decode(Double.self, forKey: .reservedGPUHours)
        reservedUsedGPUHours = try container.decode(Double.self, forKey: .reservedUsedGPUHours)
        onDemandGPUHours = try container.decode(Double.self, forKey: .onDemandGPUHours)
        spotGPUHours = try container.decode(Double.self, forKey: .spotGPUHours)
        reservedUSD = try container.decode(Double.self, forKey: .reservedUSD)
        onDemandUSD = try container.decode(Double.self, forKey: .onDemandUSD)
        spotUSD = try container.decode(Double.self, forKey: .spotUSD)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reservedGPUHours, forKey: .reservedGPUHours)
        try container.encode(reservedUsedGPUHours, forKey: .reservedUsedGPUHours)
        try container.encode(onDemandGPUHours, forKey: .onDemandGPUHours)
        try container.encode(spotGPUHours, forKey: .spotGPUHours)
        try container.encode(reservedUSD, forKey: .reservedUSD)
        try container.encode(onDemandUSD, forKey: .onDemandUSD)
        try container.encode(spotUSD, forKey: .spotUSD)
        try container.encode(totalUSD, forKey: .totalUSD)
    }
}

/// The costs of one UTC day of the forecast horizon.
public struct DailyCost: Sendable, Hashable, Codable {
    /// Unix seconds of 00:00 UTC of the day.
    public var day: Int64
    /// Hours of that day the horizon covers.
    public var hours: Double
    public var cost: CostBreakdown

    public init(day: Int64, hours: Double, cost: CostBreakdown) {
        self.day = day
        self.hours = hours
        self.cost = cost
    }
}
