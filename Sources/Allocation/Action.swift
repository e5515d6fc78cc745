/// One step of execution: what the provider side does, with its id and the time it took effect.
///
/// `reconcile` returns actions in the order they must be applied; `NodePool.apply` applies one
/// and is a no-op for an action already applied, so re-applying a log after a crash is safe.
public struct Action: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Deterministic: the round and the position in it.
    public var id: ActionID
    /// When the change takes (or took) effect, Unix seconds: `now` for decisions; the due time
    /// for changes that time brought (a node ready, a replica loaded, a drain finished).
    public var at: Int64
    /// What to do.
    public var kind: ActionKind

    public init(id: ActionID, at: Int64, kind: ActionKind) {
        self.id = id
        self.at = at
        self.kind = kind
    }

    /// `17.3 @1700000000 place replica-4 (m1) on node-2`.
    public var description: String { "\(id) @\(at) \(kind)" }
}

/// What an action does.
public enum ActionKind: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Request a node from the provider (state provisioning).
    case provision(Node)
    /// The provider handed the node over (provisioning → ready).
    case nodeReady(NodeID)
    /// Start a replica on a node (state loading): a new replica, or a pending one placed again.
    /// The replica value is the replica after placement.
    case place(Replica)
    /// The replica finished its cold start (loading → serving).
    case replicaReady(ReplicaID)
    /// Stop sending the replica new work; it is removed after the drain period.
    case drain(ReplicaID)
    /// Delete the replica (its drain finished, or it was pending and is no longer wanted).
    case remove(ReplicaID)
    /// Give an empty node back to the provider (→ terminated).
    case release(NodeID)
    /// Evict a batch replica at once to make room for interactive work; it goes back to pending.
    case preempt(ReplicaID)
    /// The provider took the node (spot interruption, failure): terminated; its replicas go back
    /// to pending (draining ones are removed).
    case interrupt(NodeID)

    public var description: String {
        switch self {
        case .provision(let node):
            "provision \(node.id) \(node.capacity.rawValue) \(node.gpus)x\(node.gpuType) \(node.region) \(node.replicaClass.rawValue)"
        case .nodeReady(let id): "node-ready \(id)"
        case .place(let replica):
            "place \(replica.id) (\(replica.model)) on \(replica.node.map(String.init(describing:)) ?? "none")"
        case .replicaReady(let id): "replica-ready \(id)"
        case .drain(let id): "drain \(id)"
        case .remove(let id): "remove \(id)"
        case .release(let id): "release \(id)"
        case .preempt(let id): "preempt \(id)"
        case .interrupt(let id): "interrupt \(id)"
        }
    }
}
