import GRDB
public import Traffic

/// A stored series: its id, key and step.
public struct StoredSeries: Sendable, Equatable, Hashable {
    public var id: Int64
    public var key: SeriesKey
    public var step: Step
    /// Start of the first and of the last stored step (Unix seconds), nil when it has no points.
    public var first: Int64?
    public var last: Int64?

    public init(id: Int64, key: SeriesKey, step: Step, first: Int64? = nil, last: Int64? = nil) {
        self.id = id
        self.key = key
        self.step = step
        self.first = first
        self.last = last
    }
}

extension AppDatabase {
    /// Every stored series, ordered by model, region and metric.
    public func storedSeries() throws -> [StoredSeries] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.model, s.region, s.metric, s.step_seconds,
                       (SELECT MIN(ts) FROM traffic_point p WHERE p.series_id = s.id) AS first,
                       (SELECT MAX(ts) FROM traffic_point p WHERE p.series_id = s.id) AS last
                FROM series s ORDER BY s.model, s.region, s.metric
                """).compactMap { row in
                guard let metric = Metric(rawValue: row["metric"]), let step = Step(seconds: row["step_seconds"])
                else { return nil }
                return StoredSeries(id: row["id"], key: SeriesKey(model: row["model"], region: row["region"], metric: metric),
                                    step: step, first: row["first"], last: row["last"])
            }
        }
    }

    /// The values of `series` on the grid `start, start + step, ...` (`count` steps), NaN where
    /// no point is stored. All series must share `step`.
    public func values(of series: [StoredSeries], start: Int64, step: Step, count: Int) throws -> [[Double]] {
        try writer.read { db in
            let statement = try db.makeStatement(sql:
                "SELECT ts, value FROM traffic_point WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts")
            return try series.map { item in
                var values = [Double](repeating: .nan, count: count)
                let end = start + Int64(count) * step.seconds
                let cursor = try Row.fetchCursor(statement, arguments: [item.id, start, end])
                while let row = try cursor.next() {
                    let ts: Int64 = row[0]
                    let index = Int((ts - start) / step.seconds)
                    if index >= 0, index < count { values[index] = row[1] }
                }
                return values
            }
        }
    }
}
