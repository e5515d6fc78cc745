import Foundation
import Jobs
public import Logging
public import ServiceLifecycle
public import Store
import Synchronization

/// The job runs started through `POST /v1/jobs`, until they end. On graceful shutdown the
/// service waits for them, as the scheduler waits for its own, up to the grace period; a run
/// still going then is marked interrupted (its thread is abandoned to the process exit; every
/// job commits its results in transactions).
public final class APIJobs: Service, Sendable {
    private let running = Mutex<[Int64: JobExecution]>([:])
    private let database: AppDatabase
    private let graceSeconds: Double
    private let logger: Logger

    public init(database: AppDatabase, graceSeconds: Double, logger: Logger) {
        self.database = database
        self.graceSeconds = graceSeconds
        self.logger = logger
    }

    /// Follows `execution` until it ends, logging and counting it.
    func follow(_ execution: JobExecution, metrics: ServiceMetrics) {
        let run = execution.started
        running.withLock { $0[run.id] = execution }
        logger.info("job started", metadata: ["job": "\(run.kind)", "run": "\(run.id)", "trigger": "\(run.trigger)"])
        Task {
            defer { _ = self.running.withLock { $0.removeValue(forKey: run.id) } }
            guard let ended = try? await execution.finished() else { return }
            metrics.jobFinished(ended)
            logger.info("job finished", metadata: ["job": "\(ended.kind)", "run": "\(ended.id)", "status": "\(ended.status)",
                                                   "error": "\(ended.error ?? "")", "detail": "\(ended.detail ?? "")"])
        }
    }

    /// Waits for graceful shutdown, then for the running jobs, at most the grace period.
    public func run() async throws {
        try? await gracefulShutdown()
        let deadline = ContinuousClock.now + .seconds(graceSeconds)
        while ContinuousClock.now < deadline, !running.withLock({ $0.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(100))
        }
        for (id, execution) in running.withLock({ $0 }) where !execution.isFinished {
            _ = try? database.interruptJobRun(id: id, reason: "the service shut down before the job ended",
                                              durationSeconds: nil, at: Date())
            logger.warning("job interrupted by shutdown", metadata: ["job": "\(execution.started.kind)", "run": "\(id)"])
        }
    }
}
