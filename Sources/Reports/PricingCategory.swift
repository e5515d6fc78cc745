public import Vocabulary

/// FOCUS `PricingCategory`: how the rate of a charge was set.
public enum PricingCategory: String, Sendable, Hashable, CaseIterable {
    /// On-demand list rates.
    case standard = "Standard"
    /// Rates of a commitment (reserved capacity).
    case committed = "Committed"
    /// Rates set by the provider from moment to moment (spot).
    case dynamic = "Dynamic"

    /// reserved → Committed, on-demand → Standard, spot → Dynamic.
    public init(_ capacityType: CapacityType) {
        switch capacityType {
        case .reserved: self = .committed
        case .onDemand: self = .standard
        case .spot: self = .dynamic
        }
    }
}

/// FOCUS `CommitmentDiscountStatus`: whether reserved GPU-hours served a model.
public enum CommitmentDiscountStatus: String, Sendable, Hashable, CaseIterable {
    /// Reserved GPU-hours a model's replicas ran on.
    case used = "Used"
    /// Reserved GPU-hours paid for that no model's replicas ran on (idle reservation).
    case unused = "Unused"
}
