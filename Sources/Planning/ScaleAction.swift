/// One action of the pre-scale schedule: set a model's replicas in a region.
public struct ScaleAction: Sendable, Hashable, Codable {
    /// The direction of an action.
    public enum Kind: String, Sendable, Hashable, Codable {
        case scaleUp = "scale-up"
        case scaleDown = "scale-down"
    }

    /// Unix seconds at which to act.
    public var at: Int64
    /// Model and region acted on.
    public var model: String
    public var region: String
    /// Whether replicas are added or removed.
    public var kind: Kind
    /// Replicas running before the action.
    public var fromReplicas: Int
    /// Replicas to run after it.
    public var replicas: Int
    /// Unix seconds by which the new replicas serve (at + provisioning + cold start for a
    /// scale-up; `at` for a scale-down).
    public var readyAt: Int64
    public var reason: String

    public init(at: Int64, model: String, region: String, kind: Kind, fromReplicas: Int, replicas: Int, readyAt: Int64, reason: String) {
        self.at = at
        self.model = model
        self.region = region
        self.kind = kind
        self.fromReplicas = fromReplicas
        self.replicas = replicas
        self.readyAt = readyAt
        self.reason = reason
    }
}
