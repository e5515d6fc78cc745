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
    /// Prompt and generated tokens on the same grid (forecast and history), for models with a
    /// token profile; nil sizes on requests alone.
    public var tokens: TokenDemand?
    /// Models with variants: the variant running now (the previous plan's); a change away from
    /// it must save more over the horizon than moving costs. nil: choose freely.
    public var currentVariant: String? = nil

    public init(
        model: String, region: String, step: Step, forecastStart: Int64, point: [Double],
        quantiles: [Double: [Double]] = [:], historyStart: Int64 = 0, history: [Double] = [],
        currentReplicas: Int? = nil, settings: PlanSettings? = nil, tokens: TokenDemand? = nil
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
        self.tokens = tokens
    }
}

/// The token demand of one model and region, on its requests' grid: each series as long as
/// the requests' forecast, each history as long as the requests' history.
public struct TokenDemand: Sendable, Hashable {
    /// Prompt tokens per step.
    public var input: TokenSeries
    /// Generated tokens per step.
    public var output: TokenSeries

    public init(input: TokenSeries, output: TokenSeries) {
        self.input = input
        self.output = output
    }
}

/// One token metric's forecast (point and quantiles) and recent history, tokens per step.
public struct TokenSeries: Sendable, Hashable {
    public var point: [Double]
    public var quantiles: [Double: [Double]]
    public var history: [Double]

    public init(point: [Double], quantiles: [Double: [Double]] = [:], history: [Double] = []) {
        self.point = point
        self.quantiles = quantiles
        self.history = history
    }
}

extension PlanDemand {
    /// The model and region this demand is for.
    public var modelRegion: ModelRegion { ModelRegion(model: model, region: region) }
}
