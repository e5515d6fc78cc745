/// A problem in the configuration, with the key path where it is (`models.chat-8b.slo_ms`).
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted path from the document root to the offending key; empty for the whole document.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}
