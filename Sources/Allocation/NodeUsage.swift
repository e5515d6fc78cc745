/// What the replicas on one node take: kept by `NodePool` as actions apply, so that placement
/// and consolidation read a node's load in O(1).
struct NodeUsage: Sendable, Hashable {
    /// GPUs taken by its replicas, draining ones included.
    var gpus = 0
    /// GPU memory taken, GiB, draining replicas included.
    var memoryGiB = 0
    /// GPUs taken by its draining replicas.
    var drainingGPUs = 0
    var replicas: Set<ReplicaID> = []
    var drainingCount = 0

    /// GPUs taken by replicas that stay (not draining).
    var activeGPUs: Int { gpus - drainingGPUs }
    var isEmpty: Bool { replicas.isEmpty }
}
