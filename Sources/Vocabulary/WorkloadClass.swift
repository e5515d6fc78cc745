/// How a model's requests must be served, and so the class of its replicas and of the node
/// group that hosts them; the raw value is the spelling in configuration, JSON and SQLite.
///
/// Classes never share a node: a node hosts replicas of one class at a time, so a burst of
/// throughput work cannot take GPUs, memory bandwidth or PCIe from latency-critical work.
public enum WorkloadClass: String, CaseIterable, Sendable, Codable, Hashable {
    /// Latency-critical: every request is served as it arrives, within the latency SLO. Placed
    /// first, never on spot, may preempt batch work.
    case interactive
    /// Throughput-oriented: requests may queue, as long as each completes within the deadline.
    /// May run on spot and may be preempted by interactive work.
    case batch
}
