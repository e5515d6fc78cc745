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
        return try withoutActuallyEscaping(rejected) { rejected in
            try writer.write { db in
                defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.staging") }
                var stager = TrafficStager(database: db, options: options, capacity: options.stagingCapacity,
                                           rejected: rejected)
                let source = try read(&stager)
                if source.rowsRejected > 0, !options.skipInvalid {
                    throw IngestRejected(rowsRejected: source.rowsRejected)
                }
                let merged = try stager.merge()
                let rowsRejected = source.rowsRejected + stager.rowsRefused
                let rowsAccepted = stager.rowsStaged
                if rowsRejected > 0, !options.skipInvalid {
                    throw IngestRejected(rowsRejected: rowsRejected)
                }
                try db.execute(sql: """
                    INSERT INTO ingest_log (source, sha256, on_duplicate, rows_accepted, rows_rejected,
                                            points_written, started_at, finished_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [options.source, source.sha256, options.onDuplicate.rawValue, rowsAccepted,
                                     rowsRejected, merged.pointsWritten, started, Self.now()])
                let ingestID = db.lastInsertedRowID
                if var pull = options.pull {
                    pull.samples = rowsAccepted
                    try Self.insert(pull, ingestID: ingestID, in: db)
                }
                return IngestSummary(
                    id: ingestID, rowsAccepted: rowsAccepted, rowsRejected: rowsRejected,
                    pointsWritten: merged.pointsWritten, seriesTouched: merged.seriesTouched,
                    seriesCreated: stager.seriesCreated)
            }
        }
    }

    /// The current time as stored in the database: RFC 3339, UTC, whole seconds.
    static func now() -> String {
        Timestamp.format(Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
