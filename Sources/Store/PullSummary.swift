import GRDB

/// What the store knows of pulls from Prometheus, for `/metrics`: the samples stored by pulls
/// (ingests whose source starts `prometheus `), when the last one finished, and the pull job's
/// failed runs.
public struct PullSummary: Sendable, Equatable {
    public var samplesStored: Int
    /// RFC 3339 UTC; nil before the first pull that stored something.
    public var lastStoredAt: String?
    public var failedRuns: Int
}

extension AppDatabase {
    /// The pulls' totals (``PullSummary``).
    public func pullSummary() throws -> PullSummary {
        try writer.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(rows_accepted), 0) AS samples, MAX(finished_at) AS last
                FROM ingest_log WHERE source LIKE 'prometheus %'
                """)
            let failed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job_run WHERE kind = 'pull' AND status = 'failed'") ?? 0
            return PullSummary(samplesStored: row?["samples"] ?? 0, lastStoredAt: row?["last"], failedRuns: failed)
        }
    }
}
