import Vocabulary

extension CapacityType {
    /// Release order: lower goes first (spot 0, on-demand 1, reserved 2).
    var releaseRank: Int {
        switch self {
        case .spot: 0
        case .onDemand: 1
        case .reserved: 2
        }
    }
}
