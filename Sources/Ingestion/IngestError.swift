public import Traffic

/// Why an ingest stored nothing.
public enum IngestError: Error, CustomStringConvertible {
    /// The input had problems: the first ones (at most ``ProblemLog/limit``) and the total.
    case rejected(source: String, problems: [TrafficProblem], total: Int)
    /// The input could not be read at all.
    case unreadable(source: String, reason: String)

    public var description: String {
        switch self {
        case .rejected(let source, let problems, let total):
            var text = "\(source): nothing stored; \(total) problem\(total == 1 ? "" : "s") found"
            if total > problems.count { text += " (the first \(problems.count) shown)" }
            for problem in problems { text += "\n  \(source): \(problem)" }
            return text
        case .unreadable(let source, let reason):
            return "\(source): \(reason); nothing stored"
        }
    }
}

/// Keeps the first problems of an input in file order, and counts them all.
public struct ProblemLog: Sendable {
    /// How many problems a report lists.
    public static let limit = 20
    public private(set) var first: [TrafficProblem] = []
    public private(set) var total = 0
    /// True after a problem with the file as a whole.
    public private(set) var isFatal = false

    public init() {}

    public mutating func record(_ problem: TrafficProblem, fatal: Bool = false) {
        total += 1
        if fatal { isFatal = true }
        if first.count < Self.limit { first.append(problem) }
    }

    /// The problems in line order (the store reports its duplicates after the reader's).
    public var sorted: [TrafficProblem] {
        first.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }
}
