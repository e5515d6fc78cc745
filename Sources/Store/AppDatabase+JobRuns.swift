public import Foundation
import GRDB
public import Scheduling
import Traffic

extension AppDatabase {
    /// Starts a run of `kind`: takes the job's lease for `holder` (until `now + leaseSeconds`)
    /// and records the run as running, in one immediate transaction. Runs left running by a
    /// holder whose lease expired are first marked interrupted.
    /// - Parameter scheduledFor: the scheduled time it stands for (scheduler runs); each is
    ///   recorded at most once per kind.
    /// - Throws: ``JobRunRefused`` when a run of `kind` is in progress (any holder, this one
    ///   included) or `scheduledFor` is recorded already; nothing is recorded then.
    public func startJobRun(_ kind: JobKind, trigger: JobTrigger, scheduledFor: Date?, holder: String,
                            at now: Date, leaseSeconds: Double) throws -> JobRunRecord {
        try immediateWrite { db in
            _ = try Self.interruptStaleJobRuns(db, at: now)
            if let taken = try Self.acquireLease(db, kind.rawValue, holder: holder, at: now, seconds: leaseSeconds) {
                let runID = try Int64.fetchOne(db, sql: """
                    SELECT max(id) FROM job_run WHERE kind = ? AND holder = ? AND status = 'running'
                    """, arguments: [kind.rawValue, taken.holder])
                throw JobRunRefused.running(kind: kind, runID: runID, holder: taken.holder, until: taken.expires)
            }
            let scheduled = scheduledFor.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
            if let scheduled, let scheduledFor,
               let runID = try Int64.fetchOne(db, sql: "SELECT id FROM job_run WHERE kind = ? AND scheduled_for = ?",
                                              arguments: [kind.rawValue, scheduled]) {
                throw JobRunRefused.alreadyRecorded(kind: kind, scheduledFor: scheduledFor, runID: runID)
            }
            try db.execute(sql: """
                INSERT INTO job_run (kind, triggered_by, scheduled_for, status, started_at, holder)
                VALUES (?, ?, ?, 'running', ?, ?)
                """, arguments: [kind.rawValue, trigger.rawValue, scheduled, Self.format(now), holder])
            return try Self.jobRun(db, id: db.lastInsertedRowID)
        }
    }

    /// Ends a running run: succeeded when `error` is nil, else failed with `error`; releases its
    /// lease. A run no longer running (interrupted meanwhile) is left as it is.
    /// - Parameters: durationSeconds: how long it ran, seconds; now: when it ended.
    /// - Returns: the run as stored after the call; nil when there is no run `id`.
    @discardableResult
    public func finishJobRun(id: Int64, error: String?, detail: String?, durationSeconds: Double,
                             at now: Date) throws -> JobRunRecord? {
        try end(id: id, status: error == nil ? .succeeded : .failed, error: error, detail: detail,
                durationSeconds: durationSeconds, at: now)
    }

    /// Marks a running run interrupted with `reason` (shutdown before it ended) and releases its
    /// lease; a run that ended meanwhile is left as it is.
    /// - Returns: the run as stored after the call; nil when there is no run `id`.
    @discardableResult
    public func interruptJobRun(id: Int64, reason: String, durationSeconds: Double?, at now: Date) throws -> JobRunRecord? {
        try end(id: id, status: .interrupted, error: reason, detail: nil, durationSeconds: durationSeconds, at: now)
    }

    /// Marks interrupted every running run whose holder no longer holds the job's lease at `now`
    /// (its process died or stopped renewing), and drops expired leases.
    /// - Returns: the runs marked.
    @discardableResult
    public func interruptStaleJobRuns(at now: Date) throws -> [JobRunRecord] {
        try immediateWrite { db in try Self.interruptStaleJobRuns(db, at: now) }
    }

    /// Marks interrupted the running runs whose lease has expired, when there are any: a read
    /// first (no write lock taken in the common case), then the write. Best effort: when the
    /// write fails (busy, read-only), the runs are left for the next sweep. Returns when the
    /// earliest lease of a run still running expires (the next moment a sweep can find one),
    /// nil when no run is running.
    @discardableResult
    public func sweepStaleJobRuns(at now: Date) -> Date? {
        let leases = (try? writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT
                    EXISTS (SELECT 1 FROM job_run WHERE status = 'running' AND NOT EXISTS (
                        SELECT 1 FROM job_lease WHERE name = job_run.kind AND holder = job_run.holder
                                                  AND expires_at > :now)) AS stale,
                    (SELECT MIN(job_lease.expires_at) FROM job_run JOIN job_lease
                        ON job_lease.name = job_run.kind AND job_lease.holder = job_run.holder
                     WHERE job_run.status = 'running' AND job_lease.expires_at > :now) AS next_expiry
                """, arguments: ["now": now.timeIntervalSince1970])
        }) ?? nil
        guard let leases else { return nil }
        if leases["stale"] as Bool? == true { _ = try? interruptStaleJobRuns(at: now) }
        return (leases["next_expiry"] as Double?).map(Date.init(timeIntervalSince1970:))
    }

    /// Runs newest first, at most `limit`, only of `kind` when given. Readers that show status
    /// call ``sweepStaleJobRuns(at:)`` first, so a crashed run shows as interrupted.
    public func jobRuns(kind: JobKind? = nil, limit: Int = 50) throws -> [JobRunRecord] {
        try writer.read { db in
            let rows = if let kind {
                try Row.fetchAll(db, sql: "SELECT * FROM job_run WHERE kind = ? ORDER BY id DESC LIMIT ?",
                                 arguments: [kind.rawValue, max(0, limit)])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM job_run ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
            }
            return try rows.map(JobRunRecord.init(row:))
        }
    }

    /// The run `id`; nil when there is none.
    public func jobRun(id: Int64) throws -> JobRunRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM job_run WHERE id = ?", arguments: [id]).map(JobRunRecord.init(row:))
        }
    }

    /// The latest scheduled time per kind of a run that has ended (succeeded, failed or
    /// interrupted; any holder); kinds never run on a schedule are absent. A run still going is
    /// not done: a scheduler seeing one (in another process) tries that job itself, is refused
    /// while the lease holds, and waits, instead of going on to the job after it.
    public func lastScheduledJobTimes() throws -> [JobKind: Date] {
        try writer.read { db in
            var times: [JobKind: Date] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT kind, max(scheduled_for) AS latest FROM job_run
                WHERE scheduled_for IS NOT NULL AND status != 'running' GROUP BY kind
                """) {
                if let kind = JobKind(rawValue: row["kind"]), let latest = row["latest"] as Int64? {
                    times[kind] = Date(timeIntervalSince1970: Double(latest))
                }
            }
            return times
        }
    }

    func end(id: Int64, status: JobRunStatus, error: String?, detail: String?, durationSeconds: Double?,
             at now: Date) throws -> JobRunRecord? {
        try immediateWrite { db in
            guard let run = try Row.fetchOne(db, sql: "SELECT * FROM job_run WHERE id = ?", arguments: [id])
                .map(JobRunRecord.init(row:)) else { return nil }
            guard run.status == .running else { return run }
            try db.execute(sql: """
                UPDATE job_run SET status = ?, finished_at = ?, duration_seconds = ?, error = ?, detail = ?
                WHERE id = ? AND status = 'running'
                """, arguments: [status.rawValue, Self.format(now), durationSeconds.map { max(0, $0) }, error, detail, id])
            try db.execute(sql: "DELETE FROM job_lease WHERE name = ? AND holder = ?", arguments: [run.kind.rawValue, run.holder])
            return try Self.jobRun(db, id: id)
        }
    }

    static func interruptStaleJobRuns(_ db: Database, at now: Date) throws -> [JobRunRecord] {
        let instant = now.timeIntervalSince1970
        let stale = try Row.fetchAll(db, sql: """
            SELECT * FROM job_run WHERE status = 'running' AND NOT EXISTS (
                SELECT 1 FROM job_lease WHERE name = job_run.kind AND holder = job_run.holder AND expires_at > ?)
            """, arguments: [instant]).map(JobRunRecord.init(row:))
        for run in stale {
            try db.execute(sql: """
                UPDATE job_run SET status = 'interrupted', finished_at = ?,
                    error = 'its process stopped renewing the lease (it exited or crashed) before the run ended'
                WHERE id = ?
                """, arguments: [format(now), run.id])
        }
        try db.execute(sql: "DELETE FROM job_lease WHERE expires_at <= ?", arguments: [instant])
        return try stale.map { try jobRun(db, id: $0.id) }
    }

    static func jobRun(_ db: Database, id: Int64) throws -> JobRunRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM job_run WHERE id = ?", arguments: [id]) else {
            throw StoreError.unreadableJobRun(id: id)
        }
        return try JobRunRecord(row: row)
    }

    /// `date` as stored: RFC 3339, UTC, whole seconds.
    static func format(_ date: Date) -> String {
        Timestamp.format(Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
