import Foundation
import GRDB
public import Traffic

extension AppDatabase {
    /// Stores one file's traffic as one transaction.
    ///
    /// `read` streams the input and stages each valid row with ``TrafficStager/stage(_:)``.
    /// The store then refuses, under `reject`, rows whose step already holds a stored point
    /// (reported through `rejected` with the row's text), and merges the staged rows onto each
    /// series' grid: rows in the same step add up, and each step total meets the stored point
    /// by the ``DuplicatePolicy``.
    ///
    /// - Throws: ``IngestRejected`` when any row was rejected and `options.skipInvalid` is off;
    ///   anything `read` throws. Either way the transaction rolls back and nothing is stored.
    public func ingestTraffic(
        options: IngestOptions,
        rejected: (TrafficProblem, _ text: String) throws -> Void,
        read: (inout TrafficStager) throws -> IngestSource
    ) throws -> IngestSummary {
        let started = Self.now()
        return try writer.write { db in
            defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.staging") }
            var stager = try TrafficStager(database: db, options: options)
            let source = try read(&stager)
            var rowsRejected = source.rowsRejected
            var rowsAccepted = stager.rowsStaged
            if options.onDuplicate == .reject {
                let conflicts = try Self.rejectStoredDuplicates(db, rejected: rejected)
                rowsRejected += conflicts
                rowsAccepted -= conflicts
            }
            if rowsRejected > 0, !options.skipInvalid {
                throw IngestRejected(rowsRejected: rowsRejected)
            }
            let combine = switch options.onDuplicate {
            case .replace: "excluded.value"
            case .sum: "traffic_point.value + excluded.value"
            case .reject: "excluded.value"  // no conflict is left to meet
            }
            try db.execute(sql: """
                INSERT INTO traffic_point (series_id, ts, value)
                SELECT series_id, bucket, SUM(value) FROM temp.staging WHERE true GROUP BY series_id, bucket
                ON CONFLICT (series_id, ts) DO UPDATE SET value = \(combine)
                """)
            let pointsWritten = db.changesCount
            let seriesTouched = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT series_id) FROM temp.staging") ?? 0
            try db.execute(sql: """
                INSERT INTO ingest_log (source, sha256, on_duplicate, rows_accepted, rows_rejected,
                                        points_written, started_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [options.source, source.sha256, options.onDuplicate.rawValue, rowsAccepted,
                                 rowsRejected, pointsWritten, started, Self.now()])
            return IngestSummary(
                id: db.lastInsertedRowID, rowsAccepted: rowsAccepted, rowsRejected: rowsRejected,
                pointsWritten: pointsWritten, seriesTouched: seriesTouched, seriesCreated: stager.seriesCreated)
        }
    }

    /// Under `reject`: finds staged rows whose step already holds a stored point, reports each
    /// (in file order) and removes them from the staging table.
    /// - Returns: how many rows were refused.
    static func rejectStoredDuplicates(
        _ db: Database, rejected: (TrafficProblem, String) throws -> Void
    ) throws -> Int {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT s.line, s.ts, s.bucket, s.value, series.model, series.region, series.metric
            FROM temp.staging s JOIN series ON series.id = s.series_id
            WHERE EXISTS (SELECT 1 FROM traffic_point p WHERE p.series_id = s.series_id AND p.ts = s.bucket)
            ORDER BY s.line
            """)
        var count = 0
        while let row = try rows.next() {
            count += 1
            let ts: Int64 = row["ts"], bucket: Int64 = row["bucket"], value: Double = row["value"]
            let model: String = row["model"], region: String = row["region"], metric: String = row["metric"]
            let problem = TrafficProblem(line: row["line"], reason:
                "\(model)/\(region)/\(metric) already has a stored point for the step starting "
                + "\(Timestamp.format(bucket)); --on-duplicate reject refuses it (use replace or sum)")
            try rejected(problem, "\(Timestamp.format(ts)),\(model),\(region),\(metric),\(value)")
        }
        if count > 0 {
            try db.execute(sql: """
                DELETE FROM temp.staging WHERE EXISTS (
                    SELECT 1 FROM traffic_point p WHERE p.series_id = staging.series_id AND p.ts = staging.bucket)
                """)
        }
        return count
    }

    /// The current time as stored in the database: RFC 3339, UTC, whole seconds.
    static func now() -> String {
        Timestamp.format(Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
