/// The scale-up rate limit of a model in one region: at most `replicas` added by one action,
/// and scale-up actions at least `periodSeconds` apart.
public struct ScaleUpLimit: Sendable, Hashable, Codable {
    /// Most replicas one scale-up adds.
    public var replicas: Int
    /// Least seconds between two scale-ups.
    public var periodSeconds: Int64

    public init(replicas: Int, periodSeconds: Int64) {
        self.replicas = replicas
        self.periodSeconds = periodSeconds
    }
}
