/// How a node is bought; the raw value is the spelling in configuration, JSON, CSV and SQLite.
///
/// The allocation engine acquires capacity in the order reserved, spot (batch work only), on
/// demand, and releases it in the opposite order of cost: spot and on-demand nodes before
/// reserved ones.
public enum CapacityType: String, CaseIterable, Sendable, Codable, Hashable {
    /// Committed in advance (e.g. a 1-year reservation): cheapest per hour, paid whether used or
    /// not, so used first and released last.
    case reserved
    /// Bought by the hour, available on request.
    case onDemand = "on-demand"
    /// Spare capacity at a discount that the provider may reclaim at short notice: batch work only.
    case spot
}
