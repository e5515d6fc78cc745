import GRDB
public import Traffic

/// One series' forecast from a run, cut to a time range: what the service answers for
/// `GET /v1/forecasts`.
public struct ForecastSlice: Sendable, Equatable {
    public var key: SeriesKey
    public var step: Step
    /// The forecasting model chosen for the series; nil when it could not be forecast.
    public var model: String?
    public var error: String?
    public var backtestMASE: Double?
    public var seasonalNaiveMASE: Double?
    public var coverage95: Double?
    /// Start of each step in range (Unix seconds), with its point forecast and quantiles
    /// (aligned with the run's levels).
    public var timestamps: [Int64]
    public var point: [Double]
    public var quantiles: [[Double]]
}

/// Which forecast a slice comes from.
public struct ForecastRunHeader: Sendable, Equatable {
    public var id: Int64
    public var createdAt: String
    public var levels: [Double]
}

extension AppDatabase {
    /// The newest forecast run's forecasts of the series matching the filters (nil matches all),
    /// with the steps in `[from, to)` (Unix seconds; nil leaves that side open). Nil when no
    /// forecast run is stored.
    public func forecastSlices(model: String?, region: String?, metric: Metric?, from: Int64?, to: Int64?)
        throws -> (run: ForecastRunHeader, slices: [ForecastSlice])?
    {
        try writer.read { db in
            guard let run = try Row.fetchOne(db, sql: "SELECT id, created_at, levels FROM forecast_run ORDER BY id DESC LIMIT 1")
            else { return nil }
            let header = ForecastRunHeader(id: run["id"], createdAt: run["created_at"], levels: Self.doubles(run["levels"]))
            let rows = try Row.fetchAll(db, sql: """
                SELECT f.*, s.model AS series_model, s.region, s.metric FROM forecast f JOIN series s ON s.id = f.series_id
                WHERE f.run_id = ? AND (?2 IS NULL OR s.model = ?2) AND (?3 IS NULL OR s.region = ?3)
                  AND (?4 IS NULL OR s.metric = ?4)
                ORDER BY s.model, s.region, s.metric
                """, arguments: [header.id, model, region, metric?.rawValue])
            return (header, try rows.compactMap { row -> ForecastSlice? in
                guard let metric = Metric(rawValue: row["metric"]), let step = Step(seconds: row["step_seconds"]) else {
                    return nil
                }
                let points = try Row.fetchAll(db, sql: """
                    SELECT ts, point, quantiles FROM forecast_point
                    WHERE run_id = ? AND series_id = ? AND ts >= ? AND ts < ? ORDER BY ts
                    """, arguments: [header.id, row["series_id"], from ?? Int64.min, to ?? Int64.max])
                return ForecastSlice(
                    key: SeriesKey(model: row["series_model"], region: row["region"], metric: metric), step: step,
                    model: row["model"], error: row["error"], backtestMASE: row["backtest_mase"],
                    seasonalNaiveMASE: row["seasonal_naive_mase"], coverage95: row["coverage_95"],
                    timestamps: points.map { $0["ts"] }, point: points.map { $0["point"] },
                    quantiles: points.map { Self.doubles($0["quantiles"]) })
            })
        }
    }
}

/// One series' backtest scores in the newest forecast run.
public struct ForecastScore: Sendable, Equatable {
    public var model: String
    public var region: String
    public var metric: String
    public var backtestMASE: Double?
    public var coverage95: Double?
    /// Why the series was not forecast in that run; nil when it was.
    public var error: String?
}

extension AppDatabase {
    /// The backtest scores of every series in the newest forecast run; nil when none is stored.
    public func latestForecastSummary() throws -> [ForecastScore]? {
        try writer.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM forecast_run") else { return nil }
            return try Row.fetchAll(db, sql: """
                SELECT s.model, s.region, s.metric, f.backtest_mase, f.coverage_95, f.error
                FROM forecast f JOIN series s ON s.id = f.series_id WHERE f.run_id = ? ORDER BY s.id
                """, arguments: [id]).map {
                ForecastScore(model: $0["model"], region: $0["region"], metric: $0["metric"],
                              backtestMASE: $0["backtest_mase"], coverage95: $0["coverage_95"], error: $0["error"])
            }
        }
    }
}
