public import Forecasting
public import Store
import Foundation
public import Traffic

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
            let results: [Result<Forecast, ForecastError>]
            if horizon > Forecaster.maximumHorizon {
                // A step too fine for the horizon fails its own series, named, never the others.
                let reason = ForecastJobError.horizonTooLong(step: step, horizonSeconds: horizonSeconds).description
                for item in withPoints {
                    forecasts.append(SeriesForecast(series: item, model: nil, error: reason, backtestMASE: nil,
                                                    seasonalNaiveMASE: nil, coverage95: nil, start: end, point: [],
                                                    quantiles: []))
                }
                continue
            }
            let values = try database.values(of: withPoints, start: start, step: step, count: count)
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
                        series: item, model: forecast.model.rawValue, error: nil, backtestMASE: forecast.backtestMASE,
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
    /// A series' step is so fine that the horizon is more steps than the forecaster takes
    /// (``Forecaster/maximumHorizon``). Recorded against that series alone.
    case horizonTooLong(step: Step, horizonSeconds: Int64)

    public var description: String {
        switch self {
        case .noSeries: "no traffic is stored yet: ingest some (headroom ingest FILE.csv) or load the demo (headroom demo)"
        case .invalid(let reason): "cannot forecast: \(reason)"
        case .horizonTooLong(let step, let horizonSeconds):
            "its step \(step) makes the \(horizonSeconds) s horizon \((horizonSeconds + step.seconds - 1) / step.seconds) steps, "
                + "more than the \(Forecaster.maximumHorizon) the forecaster takes; delete it (headroom series delete) "
                + "and ingest it again at a step of at least \(ForecastJob.finestStepSeconds(horizonSeconds: horizonSeconds)) s"
        }
    }
}

extension ForecastJob {
    /// The finest step, in seconds, whose horizon of `horizonSeconds` stays within
    /// ``Forecaster/maximumHorizon`` steps: ceil(horizon / maximum).
    public static func finestStepSeconds(horizonSeconds: Int64) -> Int64 {
        max(1, (horizonSeconds + Int64(Forecaster.maximumHorizon) - 1) / Int64(Forecaster.maximumHorizon))
    }

    /// Why a new series of `step` could never be forecast by the nightly job (its horizon would
    /// be more steps than the forecaster takes), or nil when it can. Ingest entry points refuse
    /// such a step before storing anything.
    public static func stepProblem(_ step: Step, horizonSeconds: Int64 = ForecastJob().horizonSeconds) -> String? {
        let finest = finestStepSeconds(horizonSeconds: horizonSeconds)
        guard step.seconds < finest else { return nil }
        let steps = (horizonSeconds + step.seconds - 1) / step.seconds
        return "step \(step) is too fine: the \(horizonSeconds) s forecast horizon would be \(steps) steps, more than "
            + "the \(Forecaster.maximumHorizon) the forecaster takes; use a step of \(Step(seconds: finest) ?? step) or more"
    }
}
