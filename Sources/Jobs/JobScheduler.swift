import Foundation
public import Scheduling
public import Store

/// The service's scheduler: runs the forecast, tune, plan and execute jobs at their cron times,
/// through a ``JobRunner``, until its task is cancelled.
///
/// Decisions are ``ScheduleState``'s; this loop does the waiting and the I/O. At start it marks
/// runs left running by dead processes as interrupted and reads the last scheduled time of
/// each job, so a time missed during downtime is caught up once (trigger `catch-up`). Due runs
/// start one after the other in the order forecast, tune, plan, execute, recorded with trigger
/// `schedule` or `catch-up`. Several schedulers may share a database: a scheduled time is run
/// by one of them; a scheduler that finds the job running elsewhere waits and looks again
/// (``busyRetrySeconds``) before running later jobs, so a plan never starts before the
/// forecast due with it has ended.
///
/// Shutdown is the cancellation of ``run()``'s task (in a swift-service-lifecycle `Service`,
/// wrap it in `cancelWhenGracefulShutdown`): no new job starts; a running job gets
/// ``shutdownGraceSeconds`` to finish, after which its run is marked interrupted and `run()`
/// returns (the job's thread is abandoned to the process exit; every job commits its results
/// in transactions, and the execute job resumes a half-applied round next time).
public struct JobScheduler: Sendable {
    /// What the scheduler did, for logs and tests.
    public enum Event: Sendable, Equatable {
        /// A run was recorded and its job started.
        case started(JobRunRecord)
        /// A run ended: succeeded or failed (see its status and error).
        case finished(JobRunRecord)
        /// A due run was not started here: another scheduler has it, or it is recorded already.
        case refused(DueRun, JobRunRefused)
        /// Shutdown came and the grace period passed before the job ended.
        case interrupted(JobRunRecord)
        /// The store failed (the message names why; the scheduler goes on).
        case storeFailed(String)
    }

    /// When each job runs.
    public var schedule: JobSchedule
    /// Runs and records the jobs; its clock is the scheduler's clock.
    public let runner: JobRunner
    /// How long a running job may go on once shutdown begins, in seconds.
    public var shutdownGraceSeconds: Double
    /// How long to wait before looking again when a due job is running elsewhere, in seconds.
    public var busyRetrySeconds: Double = 10
    let onEvent: @Sendable (Event) -> Void

    /// A scheduler of `schedule` through `runner`, telling `onEvent` what it does (called on
    /// the scheduler's task; keep it quick).
    public init(schedule: JobSchedule, runner: JobRunner, shutdownGraceSeconds: Double = 30,
                onEvent: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.schedule = schedule
        self.runner = runner
        self.shutdownGraceSeconds = shutdownGraceSeconds
        self.onEvent = onEvent
    }

    /// Runs due jobs and sleeps until the next, until cancelled (returns then, after the grace
    /// period if a job was running). With the schedule disabled it only waits for cancellation.
    public func run() async {
        let clock = runner.clock, database = runner.database
        _ = await store { try database.interruptStaleJobRuns(at: clock.now()) }
        var state = ScheduleState(schedule: schedule, started: clock.now())
        while !Task.isCancelled {
            // A run whose process died shows as interrupted once its lease expires.
            let leaseExpiry = await store { database.sweepStaleJobRuns(at: clock.now()) } ?? nil
            if let recorded = await store({ try database.lastScheduledJobTimes() }) { state.merge(recorded) }
            var retry: Date?
            for due in state.due(at: clock.now()) {
                guard !Task.isCancelled else { return }
                if let busyUntil = await runDue(due) {
                    retry = min(busyUntil, clock.now().addingTimeInterval(busyRetrySeconds))
                    break
                }
                state.record(due)
            }
            guard !Task.isCancelled else { return }
            let wake = min(retry ?? state.nextWake(after: clock.now()) ?? .distantFuture,
                           leaseExpiry ?? .distantFuture)
            do { try await clock.sleep(until: wake) } catch { return }
        }
    }

    /// Starts `due` and waits for its end (or for shutdown and the grace period).
    /// - Returns: when the job runs elsewhere, the time its lease ends; when the store failed
    ///   to start it, when to try again; else nil.
    func runDue(_ due: DueRun) async -> Date? {
        let execution: JobExecution
        do {
            execution = try await runner.start(due.kind, trigger: due.trigger, scheduledFor: due.scheduledFor)
        } catch let refused as JobRunRefused {
            onEvent(.refused(due, refused))
            if case .running(_, _, _, let until) = refused { return until }
            return nil
        } catch {
            // The store failed (busy past its timeout, say): the run is neither done nor skipped;
            // try again shortly, and never go on to the next job (plan needs its forecast).
            onEvent(.storeFailed(AppDatabase.message(for: error)))
            return runner.clock.now().addingTimeInterval(busyRetrySeconds)
        }
        onEvent(.started(execution.started))
        if let outcome = await execution.outcome(cancellable: true) {
            report(outcome)
            return nil
        }
        // Shutdown: the grace period, in a task of its own (this one is cancelled).
        let clock = runner.clock, deadline = clock.now().addingTimeInterval(shutdownGraceSeconds)
        if let outcome = await Task(operation: { await execution.outcome(before: deadline, clock: clock) }).value {
            report(outcome)
            return nil
        }
        let started = execution.started, grace = shutdownGraceSeconds, database = runner.database
        let reason = "shutdown: the job did not finish within the \(Self.format(grace)) s grace period"
        let interrupted = await store {
            try database.interruptJobRun(id: started.id, reason: reason,
                                         durationSeconds: clock.now().timeIntervalSince(started.startedAt), at: clock.now())
        }
        onEvent(.interrupted((interrupted ?? nil) ?? started))
        return nil
    }

    func report(_ outcome: Result<JobRunRecord, any Error>) {
        switch outcome {
        case .success(let record): onEvent(.finished(record))
        case .failure(let error): onEvent(.storeFailed(AppDatabase.message(for: error)))
        }
    }

    /// Runs store work off the cooperative pool; a failure is reported and answered with nil.
    func store<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async -> T? {
        do {
            return try await offThePool("headroom-scheduler-store", work)
        } catch {
            onEvent(.storeFailed(AppDatabase.message(for: error)))
            return nil
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int64(seconds)) : String(seconds)
    }
}
