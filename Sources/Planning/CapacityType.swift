/// How a node is bought.
public enum CapacityType: String, CaseIterable, Sendable, Codable, Hashable {
    /// Committed in advance (e.g. a 1-year reservation): cheapest per hour, paid whether used or not.
    case reserved
    /// Bought by the hour, available on request.
    case onDemand = "on-demand"
    /// Spare capacity at a discount that the provider may reclaim at short notice.
    case spot
}
