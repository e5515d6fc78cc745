import Foundation
import GRDB
import Traffic

/// One series' forecast in a run, as stored.
public struct SeriesForecast: Sendable, Equatable {
    public var series: StoredSeries
    /// The model chosen; nil when the series could not be forecast (see ``error``).
    public var model: String?
    public var error: String?
    public var backtestMASE: Double?
    public var seasonalNaiveMASE: Double?
    public var coverage95: Double?
    /// First forecast step, Unix seconds.
    public var start: Int64
    /// Point forecast per step, in the series' unit per step.
    public var point: [Double]
    /// `quantiles[h][k]`: the `levels[k]` quantile at step `h`.
    public var quantiles: [[Double]]

    public init(series: StoredSeries, model: String?, error: String?, backtestMASE: Double?,
                seasonalNaiveMASE: Double?, coverage95: Double?, start: Int64, point: [Double], quantiles: [[Double]]) {
        self.series = series
        self.model = model
        self.error = error
        self.backtestMASE = backtestMASE
        self.seasonalNaiveMASE = seasonalNaiveMASE
        self.coverage95 = coverage95
        self.start = start
        self.point = point
        self.quantiles = quantiles
    }
}

/// A forecast run as stored: when, over what, and each series' forecast.
public struct ForecastRun: Sendable, Equatable {
    public var id: Int64
    public var createdAt: String
    public var horizonSeconds: Int64
    public var historySeconds: Int64
    public var levels: [Double]
    public var durationSeconds: Double
    public var forecasts: [SeriesForecast]
}

extension AppDatabase {
    /// Stores a forecast run and its forecasts in one transaction.
    /// - Returns: the run id.
    public func saveForecastRun(
        horizonSeconds: Int64, historySeconds: Int64, levels: [Double], durationSeconds: Double,
        forecasts: [SeriesForecast]
    ) throws -> Int64 {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO forecast_run (created_at, horizon_seconds, history_seconds, levels, series_count,
                                          failed_count, duration_seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [Self.now(), horizonSeconds, historySeconds, Self.json(levels), forecasts.count,
                                 forecasts.filter { $0.model == nil }.count, durationSeconds])
            let run = db.lastInsertedRowID
            let point = try db.makeStatement(sql:
                "INSERT INTO forecast_point (run_id, series_id, ts, point, quantiles) VALUES (?, ?, ?, ?, ?)")
            for forecast in forecasts {
                try db.execute(sql: """
                    INSERT INTO forecast (run_id, series_id, model, error, backtest_mase, seasonal_naive_mase,
                                          coverage_95, start, step_seconds, horizon)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run, forecast.series.id, forecast.model, forecast.error,
                                     Self.finite(forecast.backtestMASE), Self.finite(forecast.seasonalNaiveMASE),
                                     Self.finite(forecast.coverage95), forecast.start,
                                     forecast.series.step.seconds, forecast.point.count])
                for (h, value) in forecast.point.enumerated() {
                    let ts = forecast.start + Int64(h) * forecast.series.step.seconds
                    let quantiles = h < forecast.quantiles.count ? forecast.quantiles[h] : []
                    try point.execute(arguments: [run, forecast.series.id, ts, value, Self.json(quantiles)])
                }
            }
            return run
        }
    }

    /// The newest forecast run with every series' forecast, or nil when there is none.
    public func latestForecastRun() throws -> ForecastRun? {
        try writer.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM forecast_run") else { return nil }
            return try Self.forecastRun(id, db)
        }
    }

    /// The forecast run `id`, or nil.
    public func forecastRun(id: Int64) throws -> ForecastRun? {
        try writer.read { db in try Self.forecastRun(id, db) }
    }

    static func forecastRun(_ id: Int64, _ db: Database) throws -> ForecastRun? {
        guard let run = try Row.fetchOne(db, sql: "SELECT * FROM forecast_run WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let seriesByID = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT * FROM series").compactMap {
            row -> (Int64, StoredSeries)? in
            guard let metric = Metric(rawValue: row["metric"]), let step = Step(seconds: row["step_seconds"]) else { return nil }
            let id: Int64 = row["id"]
            return (id, StoredSeries(id: id, key: SeriesKey(model: row["model"], region: row["region"], metric: metric),
                                     step: step, last: nil))
        })
        var forecasts: [SeriesForecast] = []
        for row in try Row.fetchAll(db, sql: "SELECT * FROM forecast WHERE run_id = ? ORDER BY series_id", arguments: [id]) {
            guard let series = seriesByID[row["series_id"]] else { continue }
            let points = try Row.fetchAll(db, sql: """
                SELECT point, quantiles FROM forecast_point WHERE run_id = ? AND series_id = ? ORDER BY ts
                """, arguments: [id, series.id])
            forecasts.append(SeriesForecast(
                series: series, model: row["model"], error: row["error"], backtestMASE: row["backtest_mase"],
                seasonalNaiveMASE: row["seasonal_naive_mase"], coverage95: row["coverage_95"], start: row["start"],
                point: points.map { $0["point"] }, quantiles: points.map { Self.doubles($0["quantiles"]) }))
        }
        forecasts.sort { ($0.series.key.model, $0.series.key.region, $0.series.key.metric.rawValue)
            < ($1.series.key.model, $1.series.key.region, $1.series.key.metric.rawValue) }
        return ForecastRun(id: id, createdAt: run["created_at"], horizonSeconds: run["horizon_seconds"],
                           historySeconds: run["history_seconds"], levels: Self.doubles(run["levels"]),
                           durationSeconds: run["duration_seconds"], forecasts: forecasts)
    }

    static func json(_ values: [Double]) -> String {
        "[" + values.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ",") + "]"
    }

    static func doubles(_ text: String) -> [Double] {
        guard let data = text.data(using: .utf8),
              let array = try? JSONSerialization.jsonObject(with: data) as? [Any] else { return [] }
        return array.map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }

    static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}
