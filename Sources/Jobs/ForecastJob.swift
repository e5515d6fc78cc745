public import Forecasting
public import Store
import Foundation
import Traffic

/// The forecast job: forecasts every stored series from its recent history and records the run.
///
/// Each series is forecast from the end of its own history, fitted on at most `historySeconds`
/// of it and never on steps before its first point (a shorter history is used as it is, not
/// padded). Series with the same step and the same first and last stored steps (a fleet
/// ingested together) are laid on one grid, missing points as NaN, and share their design
/// matrices and factorizations
/// (``Forecaster/forecast(batch:stepSeconds:start:horizon:options:)``).
public struct ForecastJob: Sendable {
    /// How far ahead, in seconds (default 7 days).
    public var horizonSeconds: Int64 = 7 * 86_400
    /// How much history each series is fitted on, in seconds (default 8 weeks).
    public var historySeconds: Int64 = 56 * 86_400
    public var options = ForecastOptions()

    public init() {}

    /// Runs the job against `database` and stores the run.
    /// - Returns: the stored run.
    /// - Throws: ``ForecastJobError`` when nothing is stored to forecast or the options are invalid.
    public func run(on database: AppDatabase) throws -> ForecastRun {
        let started = ContinuousClock.now
        let series = try database.storedSeries()
        guard !series.isEmpty else { throw ForecastJobError.noSeries }
        var forecasts: [SeriesForecast] = []
        var levels = options.levels
        for empty in series where empty.last == nil {
            forecasts.append(SeriesForecast(series: empty, model: nil, error: "no points stored", backtestMASE: nil,
                                            seasonalNaiveMASE: nil, coverage95: nil, start: 0, point: [], quantiles: []))
        }
        let grids = Dictionary(grouping: series.filter { $0.last != nil }) {
            GridKey(step: $0.step, first: $0.first ?? 0, last: $0.last ?? 0)
        }
        for (grid, withPoints) in grids.sorted(by: { ($0.key.step, $0.key.first, $0.key.last) < ($1.key.step, $1.key.first, $1.key.last) }) {
            let step = grid.step
            let end = grid.last + step.seconds
            let stored = Int((end - grid.first) / step.seconds)
            let count = max(1, min(Int(historySeconds / step.seconds), stored))
            let start = end - Int64(count) * step.seconds
            let horizon = max(1, Int((horizonSeconds + step.seconds - 1) / step.seconds))
            let values = try database.values(of: withPoints, start: start, step: step, count: count)
            let results: [Result<Forecast, ForecastError>]
            do {
                results = try Forecaster.forecast(batch: values, stepSeconds: step.seconds, start: start,
                                                  horizon: horizon, options: options)
            } catch {
                throw ForecastJobError.invalid(error.description)
            }
            for (item, result) in zip(withPoints, results) {
                switch result {
                case .success(let forecast):
                    levels = forecast.levels
                    forecasts.append(SeriesForecast(
                        series: item, model: forecast.model, error: nil, backtestMASE: forecast.backtestMASE,
                        seasonalNaiveMASE: forecast.seasonalNaiveMASE, coverage95: forecast.coverage95, start: end,
                        point: forecast.point,
                        quantiles: forecast.point.indices.map { h in forecast.quantiles.map { $0[h] } }))
                case .failure(let error):
                    forecasts.append(SeriesForecast(series: item, model: nil, error: error.description, backtestMASE: nil,
                                                    seasonalNaiveMASE: nil, coverage95: nil, start: end, point: [],
                                                    quantiles: []))
                }
            }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let id = try database.saveForecastRun(horizonSeconds: horizonSeconds, historySeconds: historySeconds,
                                              levels: levels, durationSeconds: seconds, forecasts: forecasts)
        guard let run = try database.forecastRun(id: id) else { throw ForecastJobError.noSeries }
        return run
    }
}

/// Series that share a grid: the same step and the same first and last stored steps.
struct GridKey: Hashable {
    var step: Step
    var first: Int64
    var last: Int64
}

/// Why the forecast job stored nothing.
public enum ForecastJobError: Error, Equatable, CustomStringConvertible {
    case noSeries
    case invalid(String)

    public var description: String {
        switch self {
        case .noSeries: "no traffic is stored yet: ingest some (headroom ingest FILE.csv) or load the demo (headroom demo)"
        case .invalid(let reason): "cannot forecast: \(reason)"
        }
    }
}
