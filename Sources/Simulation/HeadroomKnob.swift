/// Each policy's headroom knob, the one ``Simulator/tune(_:policy:targetServed:forecasts:hindsightFloor:maxReplays:)``
/// searches. A knob maps a headroom in [0, 1] (0 the cheapest setting, 1 the most generous) to
/// its own value and sets it in the replay's settings; the others keep their values.
public enum HeadroomKnob: String, CaseIterable, Sendable, Codable {
    /// The reactive autoscaler's target utilisation (HPA target), from 1 down to 0.1.
    case reactiveUtilization = "reactive_utilization"
    /// The static policy's margin over the training peak, from 0 up to 2 (3x the peak).
    case staticMargin = "static_margin"
    /// The share of the SLO throughput the predictive policy's plans are sized at, 1 down to 0.1.
    case predictiveUtilization = "predictive_utilization"
    /// The share of the SLO throughput both halves of the hybrid work at, 1 down to 0.1: its plan
    /// floor is sized at it and its reactive correction aims at it (the floor's quantile keeps
    /// its value). Moving them together keeps the headroom in one place instead of doubling it
    /// (a floor with headroom under a correction with headroom); on the fleet-scale replays it
    /// was cheaper at equal service than moving either alone on the seasonal series.
    case hybridUtilization = "hybrid_utilization"

    /// The knob tuned for `policy`.
    public static func of(_ policy: SimulationPolicy) -> HeadroomKnob {
        switch policy {
        case .reactive: .reactiveUtilization
        case .static: .staticMargin
        case .predictive: .predictiveUtilization
        case .hybrid: .hybridUtilization
        }
    }

    /// The knob's value at `headroom` in [0, 1].
    public func value(atHeadroom headroom: Double) -> Double {
        switch self {
        case .staticMargin: 2 * headroom
        case .reactiveUtilization, .predictiveUtilization, .hybridUtilization: 1 - 0.9 * headroom
        }
    }

    /// `settings` with the knob set to `value`.
    public func setting(_ value: Double, in settings: SimulationSettings) -> SimulationSettings {
        var settings = settings
        switch self {
        case .reactiveUtilization: settings.reactive.targetUtilization = value
        case .staticMargin: settings.staticMargin = value
        case .predictiveUtilization: settings.predictive.utilization = value
        case .hybridUtilization:
            settings.hybrid.planUtilization = value
            settings.hybrid.correction.targetUtilization = value
        }
        return settings
    }
}
