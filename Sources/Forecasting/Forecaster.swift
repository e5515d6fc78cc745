import LinearAlgebra

/// The forecasting entry points: one series, or many series on one shared time grid.
///
/// Each series gets every candidate model that its history supports (`ModelKind`), scored by a
/// rolling-origin backtest (`ForecastOptions.origins` origins over the end of the history) with
/// MASE; the best is refitted on the whole history and its quantiles calibrated from its
/// backtest errors. Missing values are NaN; outputs are always finite.
public enum Forecaster {
    /// Forecasts `horizon` steps after the end of `series`.
    ///
    /// - Parameters:
    ///   - series: values per step (NaN = missing), step in seconds (1 s ... 1 day), start (Unix s).
    ///   - horizon: number of future steps (1 ... 100 000).
    ///   - options: levels, seasonalities, origins, events, penalties.
    /// - Throws: `ForecastError` for an invalid step, horizon, level, period or event, or a
    ///   series without any observed value.
    public static func forecast(_ series: RegularSeries, horizon: Int,
                                options: ForecastOptions = ForecastOptions()) throws(ForecastError) -> Forecast {
        let results = try forecast(batch: [series.values], stepSeconds: series.stepSeconds, start: series.start,
                                   horizon: horizon, options: options, threads: 1)
        return try results[0].get()
    }

    /// Forecasts many series that share one time grid (same step, start and length), e.g. every
    /// metric of every model in a region. The harmonic regressions of a group of series share
    /// one design matrix and one factorization per backtest origin (XᵀY for all of them in one
    /// GEMM); groups run in parallel on `options.threads` threads, with OpenBLAS set to one
    /// thread per call.
    ///
    /// - Returns: one result per series, in order: its forecast, or why it has none
    ///   (`noObservations`).
    /// - Throws: `ForecastError` for invalid options or series of different lengths.
    public static func forecast(batch values: [[Double]], stepSeconds: Int64, start: Int64, horizon: Int,
                                options: ForecastOptions = ForecastOptions()) throws(ForecastError)
        -> [Result<Forecast, ForecastError>]
    {
        try forecast(batch: values, stepSeconds: stepSeconds, start: start, horizon: horizon, options: options,
                     threads: max(1, options.threads))
    }

    /// The most steps ahead one forecast reaches.
    public static let maximumHorizon = 100_000

    /// The most recent steps fitted; older history is ignored (bounds memory and time: the
    /// design matrices hold maximumHistory × ~60 values per backtest origin).
    public static let maximumHistory = 100_000

    /// Series per group that share one harmonic fit.
    static let groupSize = 64

    static func forecast(batch values: [[Double]], stepSeconds: Int64, start: Int64, horizon: Int,
                         options: ForecastOptions, threads: Int) throws(ForecastError)
        -> [Result<Forecast, ForecastError>]
    {
        let levels = try options.validated(stepSeconds: stepSeconds, horizon: horizon)
        guard let fullLength = values.first?.count else { return [] }
        for (i, series) in values.enumerated() where series.count != fullLength {
            throw .lengthMismatch(expected: fullLength, actual: series.count, series: i)
        }
        // Only the most recent `maximumHistory` steps are fitted.
        let dropped = max(0, fullLength - maximumHistory)
        let values = dropped > 0 ? values.map { Array($0.suffix(maximumHistory)) } : values
        let start = start + Int64(dropped) * stepSeconds
        let length = fullLength - dropped
        var options = options
        options.levels = levels
        let engine = ChunkEngine(stepSeconds: stepSeconds, start: start, length: length, horizon: horizon,
                                 options: options)
        let selection = Selection(engine: engine, levels: levels)
        let groups = stride(from: 0, to: values.count, by: groupSize).map { $0..<min($0 + groupSize, values.count) }
        BLAS.setThreadCount(1)
        return ParallelMap.run(groups, threads: threads) { range in
            forecastGroup(values[range], engine: engine, selection: selection)
        }
    }

    /// Prepares, fits and selects for one group of series.
    static func forecastGroup(_ values: ArraySlice<[Double]>, engine: ChunkEngine, selection: Selection)
        -> [Result<Forecast, ForecastError>]
    {
        var prepared: [PreparedSeries] = []
        var results: [Result<Forecast, ForecastError>?] = []
        for series in values {
            do throws(ForecastError) {
                prepared.append(try PreparedSeries(values: series, seasonLag: engine.profile.baselineLag,
                                                   weekLag: engine.profile.longLag))
                results.append(nil)
            } catch {
                results.append(.failure(error))
            }
        }
        let paths = engine.candidatePaths(prepared)
        var next = 0
        return results.map { result in
            if let result { return result }
            defer { next += 1 }
            return .success(selection.forecast(prepared[next], paths[next]))
        }
    }
}

extension Forecaster {
    /// The seasonal naive lag (in steps) used as baseline and MASE scale for a history of
    /// `length` steps: the shortest seasonal period that fits twice in the history, else 1.
    public static func seasonalLag(stepSeconds: Int64, length: Int, options: ForecastOptions = ForecastOptions()) -> Int {
        SeasonalProfile(length: length, stepSeconds: max(1, stepSeconds), options: options).baselineLag
    }
}

extension Forecaster {
    /// The OpenBLAS build behind the fits (`openblas_get_config()`), for start-up logs.
    public static var blasConfiguration: String { BLAS.configuration }
}
