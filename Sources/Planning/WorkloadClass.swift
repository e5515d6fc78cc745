/// How a model's requests must be served.
public enum WorkloadClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// Latency-critical: every request is served as it arrives, within the latency SLO.
    case interactive
    /// Throughput-oriented: requests may queue, as long as each completes within the deadline.
    case batch
}
