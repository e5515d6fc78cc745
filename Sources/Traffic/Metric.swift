/// What a series counts. Every metric is a count per step, aggregated by sum.
public enum Metric: String, CaseIterable, Sendable, Codable, Hashable {
    case requests
    case inputTokens = "input_tokens"
    case outputTokens = "output_tokens"

    /// The unit of one count: `requests` or `tokens`.
    public var unit: String {
        switch self {
        case .requests: "requests"
        case .inputTokens, .outputTokens: "tokens"
        }
    }

    /// The accepted spellings, for error messages: `requests, input_tokens, output_tokens`.
    public static var accepted: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
