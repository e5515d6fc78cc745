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
    /// The provider warned that it takes the node back at `reclaimAt` (Unix seconds; a spot
    /// interruption notice): the node takes no new replicas from now on.
    case reclaimNotice(NodeID, reclaimAt: Int64)

    /// The kind's name, as stored in the action log and written first in ``description``.
    public var name: Name {
        switch self {
        case .provision: .provision
        case .nodeReady: .nodeReady
        case .place: .place
        case .replicaReady: .replicaReady
        case .drain: .drain
        case .remove: .remove
        case .release: .release
        case .preempt: .preempt
        case .interrupt: .interrupt
        case .reclaimNotice: .reclaimNotice
        }
    }

    /// `place replica-4 (m1) on node-2`: the name, then what the action is about.
    public var description: String {
        switch self {
        case .provision(let node):
            "\(name.rawValue) \(node.id) \(node.capacity.rawValue) \(node.gpus)x\(node.gpuType) \(node.region) \(node.replicaClass.rawValue)"
        case .place(let replica):
            "\(name.rawValue) \(replica.id) (\(replica.model)) on \(replica.node.map(String.init(describing:)) ?? "none")"
        case .nodeReady(let id), .release(let id), .interrupt(let id): "\(name.rawValue) \(id)"
        case .replicaReady(let id), .drain(let id), .remove(let id), .preempt(let id): "\(name.rawValue) \(id)"
        case .reclaimNotice(let id, let reclaimAt): "\(name.rawValue) \(id) at \(reclaimAt)"
        }
    }
}

extension ActionKind {
    /// The name of an action kind: the raw value is its spelling in the action log
    /// (`pool_action.kind`) and in the pool summaries built from it.
    public enum Name: String, CaseIterable, Sendable, Codable, Hashable {
        case provision
        case nodeReady = "node-ready"
        case place
        case replicaReady = "replica-ready"
        case drain
        case remove
        case release
        case preempt
        case interrupt
        case reclaimNotice = "reclaim-notice"
    }
}
