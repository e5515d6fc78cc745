import Foundation
import Store
import Traffic

/// One job run as the service answers it: `GET /v1/jobs/{id}`.
struct JobDocument: Encodable {
    var id: Int64
    /// forecast, tune, plan or execute.
    var job: String
    /// schedule, catch-up, api or cli.
    var trigger: String
    var scheduledFor: String?
    /// running, succeeded, failed or interrupted.
    var status: String
    var startedAt: String
    var finishedAt: String?
    var durationSeconds: Double?
    /// Why it failed: the job's own message, never SQL.
    var error: String?
    /// What it made, e.g. "plan run 3 from forecast run 2: 8 model plans".
    var detail: String?

    init(_ run: JobRunRecord) {
        id = run.id
        job = run.kind.rawValue
        trigger = run.trigger.rawValue
        scheduledFor = run.scheduledFor.map(Self.time)
        status = run.status.rawValue
        startedAt = Self.time(run.startedAt)
        finishedAt = run.finishedAt.map(Self.time)
        durationSeconds = finite(run.durationSeconds)
        error = run.error
        detail = run.detail
    }

    static func time(_ date: Date) -> String {
        Timestamp.format(Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}

struct JobList: Encodable {
    var jobs: [JobDocument]
}
