import Jobs
import Scheduling
import Store

/// Runs a job from the command line as a recorded run (trigger `cli`): under the job's lease, so
/// it never overlaps the same job run by the service or the scheduler on this database, and
/// listed by `GET /v1/jobs` with its timing and outcome.
///
/// `headroom execute` is not recorded this way: its crash test kills it at random moments, and
/// a killed run would hold the lease for its full term; the pool-action log is its record.
enum RecordedJob {
    static func run<T>(_ kind: JobKind, on store: AppDatabase, detail: (T) -> String, _ body: () throws -> T) throws -> T {
        let recorder = JobRunner(database: store) { _, _ in "" }
        do {
            return try recorder.recording(kind, trigger: .cli, detail: detail, body)
        } catch let refused as JobRunRefused {
            throw CommandFailure("not run: \(refused)")
        }
    }
}
