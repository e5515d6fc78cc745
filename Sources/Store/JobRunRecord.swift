public import Foundation
import GRDB
public import Scheduling
import Traffic

/// One run of a job as stored, whoever started it: what, why, when, how it ended.
public struct JobRunRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: JobKind
    public var trigger: JobTrigger
    /// The scheduled time the run stands for; nil when started through the API or the CLI.
    public var scheduledFor: Date?
    public var status: JobRunStatus
    /// Whole seconds (stored as RFC 3339 text).
    public var startedAt: Date
    /// Whole seconds; nil while running.
    public var finishedAt: Date?
    /// Wall time the run took, in seconds, from a monotonic clock; nil while running.
    public var durationSeconds: Double?
    /// Why it failed or was interrupted: the job's own message, never SQL.
    public var error: String?
    /// What it produced, for people: `forecast run 12: 24 series`.
    public var detail: String?
    /// The process that ran it (``JobRunner``'s holder: host, process id, random suffix).
    public var holder: String

    public init(id: Int64, kind: JobKind, trigger: JobTrigger, scheduledFor: Date?, status: JobRunStatus,
                startedAt: Date, finishedAt: Date?, durationSeconds: Double?, error: String?, detail: String?,
                holder: String) {
        self.id = id
        self.kind = kind
        self.trigger = trigger
        self.scheduledFor = scheduledFor
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.error = error
        self.detail = detail
        self.holder = holder
    }

    /// Reads a `job_run` row; values the schema's CHECKs allow decode, and kinds named as
    /// `JobKind` allows (the jobs record only registered kinds).
    init(row: Row) throws {
        guard let kind = JobKind(rawValue: row["kind"]), let trigger = JobTrigger(rawValue: row["triggered_by"]),
              let status = JobRunStatus(rawValue: row["status"]), let started = Timestamp.parse(row["started_at"] as String)
        else { throw StoreError.unreadableJobRun(id: row["id"]) }
        self.init(
            id: row["id"], kind: kind, trigger: trigger,
            scheduledFor: (row["scheduled_for"] as Int64?).map { Date(timeIntervalSince1970: Double($0)) },
            status: status, startedAt: Date(timeIntervalSince1970: Double(started)),
            finishedAt: (row["finished_at"] as String?).flatMap(Timestamp.parse).map { Date(timeIntervalSince1970: Double($0)) },
            durationSeconds: row["duration_seconds"], error: row["error"], detail: row["detail"], holder: row["holder"])
    }
}

/// Where a job run is in its life.
public enum JobRunStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case running
    case succeeded
    case failed
    /// Stopped before it ended: shutdown after the grace period, or its process died (lease expired).
    case interrupted

    public var description: String { rawValue }
}

/// Why a run was not started; nothing was recorded.
public enum JobRunRefused: Error, Equatable, CustomStringConvertible {
    /// A run of the same job is in progress (its holder's lease runs until `until`).
    case running(kind: JobKind, runID: Int64?, holder: String, until: Date)
    /// The scheduled time is recorded already (another scheduler ran it).
    case alreadyRecorded(kind: JobKind, scheduledFor: Date, runID: Int64)

    public var description: String {
        switch self {
        case .running(let kind, let runID, let holder, _):
            "a \(kind) run is in progress\(runID.map { " (run \($0))" } ?? "") on \(holder); try again when it has finished"
        case .alreadyRecorded(let kind, let scheduledFor, let runID):
            "the \(kind) run scheduled for \(Timestamp.format(Int64(scheduledFor.timeIntervalSince1970))) is recorded already (run \(runID))"
        }
    }
}
