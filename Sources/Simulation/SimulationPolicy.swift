/// How the simulated fleet is scaled. Each case is replayed by its own ``ReplayPolicy`` type
/// (`replayPolicy`): a new policy is a case here, its line in `replayPolicy` and its file.
public enum SimulationPolicy: String, CaseIterable, Sendable, Codable {
    /// The plan's schedule as a floor, plus a reactive correction when load runs above the plan.
    case hybrid
    /// The plan's schedule alone.
    case predictive
    /// An HPA-like autoscaler on observed load, with no forecast.
    case reactive
    /// The training period's peak, provisioned all the time.
    case `static`

    /// The type that replays the policy.
    var replayPolicy: any ReplayPolicy.Type {
        switch self {
        case .hybrid: HybridPolicy.self
        case .predictive: PredictivePolicy.self
        case .reactive: ReactivePolicy.self
        case .static: StaticPolicy.self
        }
    }

    /// Whether the policy plans from forecasts (``Simulator/forecasts(_:)`` computes them once
    /// for all the policies that do).
    public var usesForecasts: Bool { replayPolicy.usesForecasts }

    /// The policies a name selects: one of the four, or `all` for the four in order.
    /// - Throws: ``SimulationError/unknownPolicy(_:)`` naming the accepted names.
    public static func named(_ name: String) throws(SimulationError) -> [SimulationPolicy] {
        if name == "all" { return allCases }
        guard let policy = SimulationPolicy(rawValue: name) else { throw .unknownPolicy(name) }
        return [policy]
    }
}
