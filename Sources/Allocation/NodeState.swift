/// Where a node is in its life.
public enum NodeState: String, CaseIterable, Sendable, Codable, Hashable {
    /// Requested from the provider, not yet usable.
    case provisioning
    /// Usable: replicas may be placed on it.
    case ready
    /// Being emptied: no new replicas; released once its replicas are gone.
    case draining
    /// Given back to the provider (or lost to a spot interruption or a failure).
    case terminated
}
