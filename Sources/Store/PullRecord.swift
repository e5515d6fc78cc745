import GRDB
import Traffic

/// One pull from a traffic source (`headroom pull` or the pull job), as `pull_run` records it,
/// with the watermarks a successful pull advances.
public struct PullRecord: Sendable, Equatable {
    public enum Status: String, Sendable {
        case succeeded, failed
    }

    /// `prometheus <base URL>`.
    public var source: String
    /// Unix seconds.
    public var startedAt: Int64
    public var status: Status
    /// Samples stored (0 for a failed pull).
    public var samples: Int
    /// NaN, infinite or negative samples, stored as gaps.
    public var gaps: Int
    /// Answer series of models or regions the fleet does not serve.
    public var seriesSkipped: Int
    /// Why a failed pull failed.
    public var error: String?
    /// Per query text, the last evaluation time pulled (Unix seconds). A succeeded pull raises
    /// each query's stored watermark to this (never lowers it); a failed one leaves them.
    public var watermarks: [String: Int64]

    public init(source: String, startedAt: Int64, status: Status, samples: Int = 0, gaps: Int = 0,
                seriesSkipped: Int = 0, error: String? = nil, watermarks: [String: Int64] = [:]) {
        self.source = source
        self.startedAt = startedAt
        self.status = status
        self.samples = samples
        self.gaps = gaps
        self.seriesSkipped = seriesSkipped
        self.error = error
        self.watermarks = watermarks
    }
}

/// What the store knows of one source's pulls, for `/metrics`.
public struct PullSummary: Sendable, Equatable {
    public var source: String
    /// Samples stored by its succeeded pulls.
    public var samplesStored: Int
    /// Series skipped by its last succeeded pull.
    public var lastSeriesSkipped: Int
    /// Unix seconds when its last succeeded pull finished; nil before the first.
    public var lastSuccess: Int64?
    public var failedPulls: Int
}

extension AppDatabase {
    /// Records a pull that stored nothing (failed, or nothing new), in its own transaction; a
    /// pull that stored samples is recorded by its ingest (``IngestOptions/pull``).
    public func recordPull(_ pull: PullRecord) throws {
        try writer.write { db in try Self.insert(pull, ingestID: nil, in: db) }
    }

    /// Inserts the `pull_run` row and, for a succeeded pull, raises its watermarks.
    static func insert(_ pull: PullRecord, ingestID: Int64?, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO pull_run (source, started_at, finished_at, status, ingest_id, samples, gaps, series_skipped, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [pull.source, Timestamp.format(pull.startedAt), now(), pull.status.rawValue, ingestID,
                             pull.samples, pull.gaps, pull.seriesSkipped, pull.error])
        guard pull.status == .succeeded else { return }
        for (query, evaluatedTo) in pull.watermarks {
            try db.execute(sql: """
                INSERT INTO pull_watermark (source, query, evaluated_to) VALUES (?, ?, ?)
                ON CONFLICT (source, query) DO UPDATE SET evaluated_to = MAX(evaluated_to, excluded.evaluated_to)
                """, arguments: [pull.source, query, evaluatedTo])
        }
    }

    /// The watermarks of `source`: per query text, the last evaluation time pulled (Unix seconds).
    public func pullWatermarks(source: String) throws -> [String: Int64] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT query, evaluated_to FROM pull_watermark WHERE source = ?",
                                        arguments: [source])
            return Dictionary(rows.map { ($0["query"], $0["evaluated_to"]) }, uniquingKeysWith: max)
        }
    }

    /// Each source's pulls (``PullSummary``), by source.
    public func pullSummaries() throws -> [PullSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT source,
                       COALESCE(SUM(samples) FILTER (WHERE status = 'succeeded'), 0) AS samples,
                       MAX(finished_at) FILTER (WHERE status = 'succeeded') AS last_success,
                       COUNT(*) FILTER (WHERE status = 'failed') AS failed,
                       (SELECT series_skipped FROM pull_run last WHERE last.source = pull_run.source
                           AND last.status = 'succeeded' ORDER BY last.id DESC LIMIT 1) AS skipped
                FROM pull_run GROUP BY source ORDER BY source
                """).map { row in
                PullSummary(source: row["source"], samplesStored: row["samples"], lastSeriesSkipped: row["skipped"] ?? 0,
                            lastSuccess: (row["last_success"] as String?).flatMap(Timestamp.parse),
                            failedPulls: row["failed"])
            }
        }
    }
}
