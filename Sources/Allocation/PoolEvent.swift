/// Something the provider tells the engine, given to the next `reconcile`.
public enum PoolEvent: Sendable, Hashable, Codable {
    /// The node is gone at the given Unix second (spot interruption, hardware failure):
    /// `reconcile` emits an `interrupt` and places its replicas again.
    case nodeLost(NodeID, at: Int64)
}
