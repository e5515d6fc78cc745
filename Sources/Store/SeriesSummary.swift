import GRDB
public import Traffic

/// What is stored for one series: its grid and the span and total of its points.
public struct SeriesSummary: Sendable, Equatable {
    public var key: SeriesKey
    public var step: Step
    public var points: Int
    /// First and last step start, Unix seconds (UTC); nil when the series has no points.
    public var first: Int64?
    public var last: Int64?
    /// Sum of the values, in the metric's unit.
    public var total: Double

    /// Steps between first and last that hold no point.
    public var gaps: Int {
        guard let first, let last else { return 0 }
        return Int((last - first) / step.seconds) + 1 - points
    }
}

extension AppDatabase {
    /// One summary per stored series, ordered by model, region and metric.
    public func seriesSummaries() throws -> [SeriesSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.model, s.region, s.metric, s.step_seconds,
                       COUNT(p.ts) AS points, MIN(p.ts) AS first, MAX(p.ts) AS last,
                       COALESCE(SUM(p.value), 0) AS total
                FROM series s LEFT JOIN traffic_point p ON p.series_id = s.id
                GROUP BY s.id ORDER BY s.model, s.region, s.metric
                """).compactMap { row in
                guard let metric = Metric(rawValue: row["metric"]),
                      let step = Step(seconds: row["step_seconds"]) else { return nil }
                return SeriesSummary(
                    key: SeriesKey(model: row["model"], region: row["region"], metric: metric),
                    step: step, points: row["points"], first: row["first"], last: row["last"],
                    total: row["total"])
            }
        }
    }

    /// Number of rows in the ingest log.
    public func ingestCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_log") ?? 0 }
    }
}
