public import Vocabulary

/// A forecast of one series: for each future step, a point value and quantiles, with the model
/// chosen by backtest and how it scored.
public struct Forecast: Sendable, Equatable {
    /// Point forecast per future step, in the series' units per step.
    public var point: [Double]
    /// The quantile levels, ascending in (0, 1).
    public var levels: [Double]
    /// `quantiles[k][h]` is the `levels[k]` quantile at future step `h`; non-decreasing in `k`,
    /// and never negative when the history is non-negative.
    public var quantiles: [[Double]]
    /// The chosen model, e.g. `harmonic-log+ar`.
    public var model: ModelKind
    /// Rolling-origin backtest MASE of the chosen model (mean absolute error over the backtest
    /// windows divided by the in-sample MAE of seasonal naive); lower is better. Nil when the
    /// history is too short to backtest.
    public var backtestMASE: Double?
    /// The same backtest MASE for seasonal naive, the baseline.
    public var seasonalNaiveMASE: Double?
    /// Fraction (0...1) of backtest actuals inside the calibrated 95% interval
    /// [q0.025, q0.975], each origin calibrated on the other origins' errors; nil without
    /// backtests.
    public var coverage95: Double?
    /// Every candidate that was scored, best first (name and backtest MASE).
    public var candidates: [CandidateScore]

    public init(point: [Double], levels: [Double], quantiles: [[Double]], model: ModelKind,
                backtestMASE: Double? = nil, seasonalNaiveMASE: Double? = nil, coverage95: Double? = nil,
                candidates: [CandidateScore] = []) {
        self.point = point
        self.levels = levels
        self.quantiles = quantiles
        self.model = model
        self.backtestMASE = backtestMASE
        self.seasonalNaiveMASE = seasonalNaiveMASE
        self.coverage95 = coverage95
        self.candidates = candidates
    }
}

/// One candidate model's backtest result, and (when asked for) its own calibrated forecast.
public struct CandidateScore: Sendable, Equatable {
    /// The model.
    public var model: ModelKind
    /// Its rolling-origin backtest MASE (nil without backtests).
    public var backtestMASE: Double?
    /// Its forecast (same shape as the chosen one); present when
    /// `ForecastOptions.keepCandidateForecasts` is set.
    public var forecast: Forecast?

    public init(model: ModelKind, backtestMASE: Double?, forecast: Forecast? = nil) {
        self.model = model
        self.backtestMASE = backtestMASE
        self.forecast = forecast
    }
}
