/// News from the provider about a node, given to the next `reconcile`. Times are Unix seconds.
public enum PoolEvent: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The provider handed the node over at `at`: `reconcile` emits its `nodeReady` then (with
    /// ``NodeReadiness/reported``, the only way a node becomes ready).
    case nodeReady(NodeID, at: Int64)
    /// The node is gone at `at` (spot interruption, hardware failure): `reconcile` emits an
    /// `interrupt` and places its replicas again.
    case nodeLost(NodeID, at: Int64)
    /// The provider will take the node back at `reclaimAt` (a spot interruption notice, about two
    /// minutes ahead): `reconcile` emits a `reclaimNotice`, drains the node's replicas so that
    /// they are replaced elsewhere while they finish their work, and interrupts the node at
    /// `reclaimAt` if it is still alive then.
    case interruptionNotice(NodeID, at: Int64, reclaimAt: Int64)

    /// The node the event is about.
    public var node: NodeID {
        switch self {
        case .nodeReady(let id, _), .nodeLost(let id, _), .interruptionNotice(let id, _, _): id
        }
    }

    /// `interruption-notice node-3 @1700000000 reclaim @1700000120`.
    public var description: String {
        switch self {
        case .nodeReady(let id, let at): "node-ready \(id) @\(at)"
        case .nodeLost(let id, let at): "node-lost \(id) @\(at)"
        case .interruptionNotice(let id, let at, let reclaimAt): "interruption-notice \(id) @\(at) reclaim @\(reclaimAt)"
        }
    }

    /// When it happened.
    public var at: Int64 {
        switch self {
        case .nodeReady(_, let at), .nodeLost(_, let at), .interruptionNotice(_, let at, _): at
        }
    }
}

/// How nodes become ready: when their provisioning delay has passed (a pool whose provider
/// hands nodes over on time, like the embedded one), or only when the provider reports them.
public enum NodeReadiness: String, Sendable, Hashable, Codable, CaseIterable {
    case scheduled
    case reported
}
