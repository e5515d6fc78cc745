public import Traffic
public import Vocabulary

/// The demand of one model in one region, as the planner takes it: the forecast ahead and the
/// recent actual history, both in requests per step.
public struct PlanDemand: Sendable, Hashable {
    /// Model and region, as named in the configuration.
    public var model: String
    public var region: String
    /// Step of both series; the planning step must be a whole multiple of it.
    public var step: Step
    /// Unix seconds of the start of the first forecast step.
    public var forecastStart: Int64
    /// Point forecast (the mean), requests per step.
    public var point: [Double]
    /// Quantile forecasts keyed by level in (0, 1), each as long as `point`, requests per step.
    public var quantiles: [Double: [Double]]
    /// Unix seconds of the start of the first history step.
    public var historyStart: Int64
    /// Actual requests per step, most recent last (may be empty).
    public var history: [Double]
    /// Replicas running now; nil assumes the fleet is where the previous plan put it (ready for
    /// the first lead time of this plan).
    public var currentReplicas: Int?
    /// The settings to plan with (tuned ones replace the profile's quantile and target
    /// utilisation); nil plans with the configured ones.
    public var settings: PlanSettings?

    public init(
        model: String, region: String, step: Step, forecastStart: Int64, point: [Double],
        quantiles: [Double: [Double]] = [:], historyStart: Int64 = 0, history: [Double] = [],
        currentReplicas: Int? = nil, settings: PlanSettings? = nil
    ) {
        self.model = model
        self.region = region
        self.step = step
        self.forecastStart = forecastStart
        self.point = point
        self.quantiles = quantiles
        self.historyStart = historyStart
        self.history = history
        self.currentReplicas = currentReplicas
        self.settings = settings
    }
}

extension PlanDemand {
    /// The model and region this demand is for.
    public var modelRegion: ModelRegion { ModelRegion(model: model, region: region) }
}
