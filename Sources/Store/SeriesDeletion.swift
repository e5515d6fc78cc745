import GRDB
public import Traffic

/// What deleting one series removed.
public struct SeriesDeletion: Sendable, Equatable {
    public var key: SeriesKey
    /// The series' step, as it was stored.
    public var step: Step
    /// Traffic points removed with it.
    public var pointsDeleted: Int
    /// Its forecasts in past forecast runs, removed with it (plans keep their own copy).
    public var forecastsDeleted: Int
}

extension AppDatabase {
    /// Deletes the series `key` with its traffic points and its forecasts in past runs, in one
    /// transaction (the schema cascades from `series`). Ingest log rows stay: they record what
    /// was sent, not what is stored.
    /// - Returns: what was removed; nil when no such series is stored (nothing changes).
    public func deleteSeries(_ key: SeriesKey) throws -> SeriesDeletion? {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, step_seconds FROM series WHERE model = ? AND region = ? AND metric = ?",
                                             arguments: [key.model, key.region, key.metric.rawValue]) else { return nil }
            let id: Int64 = row["id"]
            let points = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM traffic_point WHERE series_id = ?", arguments: [id]) ?? 0
            let forecasts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM forecast WHERE series_id = ?", arguments: [id]) ?? 0
            try db.execute(sql: "DELETE FROM series WHERE id = ?", arguments: [id])
            let seconds: Int64 = row["step_seconds"]
            return SeriesDeletion(key: key, step: Step(seconds: seconds) ?? IngestOptions.defaultStep,
                                  pointsDeleted: points, forecastsDeleted: forecasts)
        }
    }
}
