/// Where a replica is in its life.
public enum ReplicaState: String, CaseIterable, Sendable, Codable, Hashable {
    /// Wants a node: its node was lost or it was preempted; placed again when room exists.
    case pending
    /// Placed on a node, loading weights for its cold start; not serving yet.
    case loading
    /// Serving traffic.
    case serving
    /// Finishing in-flight work; removed once the drain period has passed.
    case draining
}
