public import Vocabulary

/// How to forecast: quantile levels, seasonalities, backtest origins, calendar, penalties.
public struct ForecastOptions: Sendable, Equatable {
    /// Quantile levels returned per step (strictly inside (0, 1); sorted and de-duplicated).
    public var levels: [Double]
    /// Seasonal periods in steps (e.g. `[24, 168]` for hourly data); nil = automatic: daily and
    /// weekly for sub-daily steps, weekly and yearly for daily steps. A period P is used only when
    /// the history holds at least 2·P steps.
    public var seasonalities: [Double]?
    /// Rolling-origin backtest origins used to select the model and calibrate quantiles (≥ 1).
    public var origins: Int
    /// Events that shift traffic; one regressor per distinct name.
    public var events: [CalendarEvent]
    /// Fourier pairs per seasonal period, by rank: the shortest period gets `fourierOrders[0]`,
    /// the next `fourierOrders[1]`, further ones the last value.
    public var fourierOrders: [Int]
    /// Ridge penalty on Fourier and event coefficients, per training row.
    public var seasonalRidge: Double
    /// Ridge penalty on trend changepoint (hinge) coefficients, per training row.
    public var changepointRidge: Double
    /// Number of potential trend changepoints, evenly spread over the first 80% of history.
    public var changepoints: Int
    /// Restrict the candidates to these model names (nil: all that fit the history).
    public var models: [ModelKind]?
    /// Keep every candidate's own calibrated forecast in `Forecast.candidates` (for backtests).
    public var keepCandidateForecasts: Bool
    /// Threads for batch fitting (≥ 1); OpenBLAS runs one thread per call meanwhile.
    public var threads: Int

    /// The default levels: 0.025, 0.1, 0.5, 0.9, 0.95, 0.975, 0.99.
    public static let defaultLevels: [Double] = [0.025, 0.1, 0.5, 0.9, 0.95, 0.975, 0.99]

    public init(levels: [Double] = ForecastOptions.defaultLevels, seasonalities: [Double]? = nil,
                origins: Int = 5, events: [CalendarEvent] = [], fourierOrders: [Int] = [10, 15, 4],
                seasonalRidge: Double = 1e-3, changepointRidge: Double = 0.5, changepoints: Int = 6,
                models: [ModelKind]? = nil, keepCandidateForecasts: Bool = false, threads: Int = 2) {
        self.levels = levels
        self.seasonalities = seasonalities
        self.origins = origins
        self.events = events
        self.fourierOrders = fourierOrders
        self.seasonalRidge = seasonalRidge
        self.changepointRidge = changepointRidge
        self.changepoints = changepoints
        self.models = models
        self.keepCandidateForecasts = keepCandidateForecasts
        self.threads = threads
    }

    /// Checks the options against a step and horizon; returns the sorted, unique levels.
    func validated(stepSeconds: Int64, horizon: Int) throws(ForecastError) -> [Double] {
        guard (1...86_400).contains(stepSeconds) else { throw .invalidStep(seconds: stepSeconds) }
        guard (1...Forecaster.maximumHorizon).contains(horizon) else { throw .invalidHorizon(horizon) }
        for level in levels where !(level > 0 && level < 1) { throw .invalidLevel(level) }
        for period in seasonalities ?? [] where !(period.isFinite && period >= 2) { throw .invalidPeriod(period) }
        for event in events where event.end < event.start { throw .invalidEvent(name: event.name) }
        return Array(Set(levels)).sorted()
    }
}
