/// A problem in the configuration, with the key path where it is (`models.chat-8b.slo_ms`).
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted path from the document root to the offending key; empty for the whole document.
    /// Sequence items are written with their index: `models.chat-8b.throughput[2].p99_ms`.
    public var path: String
    public var reason: String
    /// 1-based line of the offending node in the YAML text, when known.
    public var line: Int?

    public init(path: String, reason: String, line: Int? = nil) {
        self.path = path
        self.reason = reason
        self.line = line
    }

    /// `path: reason (line N)`; the path and the line are left out when unknown.
    public var description: String {
        let located = path.isEmpty ? reason : "\(path): \(reason)"
        return line.map { "\(located) (line \($0))" } ?? located
    }
}
