/// The workload class of a replica, and of the node group that hosts it.
///
/// Classes never share a node: a node hosts replicas of one class at a time, so a burst of
/// throughput work cannot take GPUs, memory bandwidth or PCIe from latency-critical work.
public enum ReplicaClass: String, CaseIterable, Sendable, Codable, Hashable {
    /// Latency-critical: placed first, never on spot, may preempt batch work.
    case interactive
    /// Throughput-oriented: may run on spot and may be preempted by interactive work.
    case batch
}
