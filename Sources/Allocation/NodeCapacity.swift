/// How a node is bought.
///
/// The engine acquires capacity in the order reserved, spot (batch work only), on demand, and
/// releases it in the opposite order of cost: spot and on-demand nodes before reserved ones.
public enum NodeCapacity: String, CaseIterable, Sendable, Codable, Hashable {
    /// Committed in advance: paid whether used or not, so used first and released last.
    case reserved
    /// Bought by the hour, available on request.
    case onDemand = "on-demand"
    /// Spare capacity at a discount that the provider may reclaim: batch work only.
    case spot

    /// Release order: lower goes first (spot 0, on-demand 1, reserved 2).
    var releaseRank: Int {
        switch self {
        case .spot: 0
        case .onDemand: 1
        case .reserved: 2
        }
    }
}
