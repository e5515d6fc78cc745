/// A model's capacity on tokens: load-test points at increasing concurrency and the latency
/// targets a point must meet to be used.
///
/// Continuous batching serves prefill (input tokens) and decode (output tokens) on the same
/// replica; a point measured at concurrency c gives the prefill and decode token rates one
/// replica sustains with its TTFT and TPOT at the measured p99. The usable points are those
/// meeting both targets; a replica is sized at the best usable point (the highest concurrency
/// whose latencies still meet them).
public struct TokenProfile: Sendable, Hashable, Codable {
    /// Measured points, concurrency strictly increasing.
    public var points: [TokenPoint]
    /// p99 time to first token a point must meet, milliseconds.
    public var ttftP99Milliseconds: Double
    /// p99 time per output token (after the first) a point must meet, milliseconds.
    public var tpotP99Milliseconds: Double

    public init(points: [TokenPoint], ttftP99Milliseconds: Double, tpotP99Milliseconds: Double) {
        self.points = points
        self.ttftP99Milliseconds = ttftP99Milliseconds
        self.tpotP99Milliseconds = tpotP99Milliseconds
    }

    /// The points meeting both latency targets, by ascending concurrency.
    public var usablePoints: [TokenPoint] {
        points.filter { $0.ttftP99Milliseconds <= ttftP99Milliseconds && $0.tpotP99Milliseconds <= tpotP99Milliseconds }
    }

    /// The usable point of the highest concurrency; nil when none meets the targets.
    public var best: TokenPoint? { usablePoints.last }
}

/// One load-test point of a replica at a fixed concurrency.
public struct TokenPoint: Sendable, Hashable, Codable {
    /// Requests in flight on the replica.
    public var concurrency: Int
    /// Prompt (prefill) tokens per second the replica processed.
    public var inputTokensPerSecond: Double
    /// Generated (decode) tokens per second the replica produced.
    public var outputTokensPerSecond: Double
    /// p99 time to first token, milliseconds.
    public var ttftP99Milliseconds: Double
    /// p99 time per output token after the first, milliseconds.
    public var tpotP99Milliseconds: Double

    public init(concurrency: Int, inputTokensPerSecond: Double, outputTokensPerSecond: Double,
                ttftP99Milliseconds: Double, tpotP99Milliseconds: Double) {
        self.concurrency = concurrency
        self.inputTokensPerSecond = inputTokensPerSecond
        self.outputTokensPerSecond = outputTokensPerSecond
        self.ttftP99Milliseconds = ttftP99Milliseconds
        self.tpotP99Milliseconds = tpotP99Milliseconds
    }
}

/// What set a step's replica count: the request rate, the prompt tokens or the generated tokens.
public enum SizingBound: String, Sendable, Hashable, Codable {
    case requests
    case prefill
    case decode
}

/// Demand in tokens per second at one step.
public struct TokenRate: Sendable, Hashable {
    /// Prompt tokens per second.
    public var input: Double
    /// Generated tokens per second.
    public var output: Double

    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }
}
