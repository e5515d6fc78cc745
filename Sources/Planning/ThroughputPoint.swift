/// One point of a model's throughput curve, measured on one replica.
public struct ThroughputPoint: Sendable, Hashable, Codable {
    /// Requests processed together.
    public var batchSize: Int
    /// Sustained requests per second of one replica at this batch size.
    public var requestsPerSecond: Double
    /// 99th-percentile request latency at this batch size, in milliseconds.
    public var p99Milliseconds: Double

    public init(batchSize: Int, requestsPerSecond: Double, p99Milliseconds: Double) {
        self.batchSize = batchSize
        self.requestsPerSecond = requestsPerSecond
        self.p99Milliseconds = p99Milliseconds
    }
}
