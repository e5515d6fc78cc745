/// How the simulated fleet is scaled.
public enum SimulationPolicy: String, CaseIterable, Sendable, Codable {
    /// The plan's schedule as a floor, plus a reactive correction when load runs above the plan.
    case hybrid
    /// The plan's schedule alone.
    case predictive
    /// An HPA-like autoscaler on observed load, with no forecast.
    case reactive
    /// The training period's peak, provisioned all the time.
    case `static`
}
