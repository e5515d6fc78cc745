public import Foundation
public import Planning
public import Scheduling
public import Store
public import Pull

/// Runs the jobs of ``JobCatalog`` and records each run in `job_run`, whoever asks:
/// the scheduler, a REST request or the CLI.
///
/// A run first takes the job's lease and records itself as running (refused with
/// ``JobRunRefused`` when a run of the same job is in progress, in this process or another on
/// the same database), renews the lease while the job runs, then records succeeded (with what
/// it produced in `detail`) or failed (with the job's error message, never SQL) and the
/// duration. Jobs can take minutes; their synchronous work (SQLite, fitting, planning) runs on
/// threads of its own, never on the cooperative pool:
/// - ``runToEnd(_:trigger:scheduledFor:)`` waits for the end (the CLI);
/// - ``start(_:trigger:scheduledFor:)`` returns once the run is recorded, so that
///   `POST /v1/jobs/{kind}` can answer with the running record and let the job go on;
/// - ``recording(_:trigger:scheduledFor:detail:_:)`` records synchronous work of the caller's.
public struct JobRunner: Sendable {
    /// A job's work: runs `kind` at `now` against the store and says what it produced. It runs
    /// on the cooperative pool, so it must not block: synchronous work (SQLite, fitting) goes to
    /// a thread of its own (as ``JobCatalog``'s jobs do).
    public typealias Work = @Sendable (_ kind: JobKind, _ now: Date) async throws -> String

    /// Where runs are recorded and the jobs read and write.
    public let database: AppDatabase
    /// The time of leases and of the runs' start and end (`now` for the execute job).
    public let clock: any SchedulerClock
    /// This process's name in leases and runs.
    public let holder: String
    /// How long a lease lasts, in seconds; it is renewed every third of it while a job runs,
    /// so a process that dies frees its jobs within this time.
    public var leaseSeconds: Double = 60
    let work: Work

    /// A runner of the real jobs, as ``JobCatalog`` registers them: `ForecastJob` (as given),
    /// `PlanJob` with the configuration, and `ExecuteJob` with `provider` (default: the embedded
    /// pool) at the clock's `now`.
    public init(database: AppDatabase, configuration: FleetConfiguration, configurationText: String,
                forecast: ForecastJob = ForecastJob(), provider: (any PoolProvider)? = nil, prometheus: PrometheusSource? = nil,
                clock: any SchedulerClock = WallClock(), holder: String = JobRunner.defaultHolder()) {
        let environment = JobEnvironment(database: database, configuration: configuration, configurationText: configurationText,
                                         forecast: forecast, provider: provider, prometheus: prometheus)
        self.init(database: database, clock: clock, holder: holder) { kind, now in
            guard let job = JobCatalog.job(kind) else { throw UnknownJobKind(kind: kind) }
            return try await job.run(environment, now)
        }
    }

    /// A runner of other work (tests, other pool providers), recorded the same way.
    public init(database: AppDatabase, clock: any SchedulerClock = WallClock(),
                holder: String = JobRunner.defaultHolder(), work: @escaping Work) {
        self.database = database
        self.clock = clock
        self.holder = holder
        self.work = work
    }

    /// `host:pid:random`, unique per process.
    public static func defaultHolder() -> String {
        let process = ProcessInfo.processInfo
        return "\(process.hostName):\(process.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Runs `body` on the calling thread as a run of `kind`, recorded like the others (lease,
    /// status, duration, `detail(result)` or the error's message), and returns its result: for
    /// callers that need the job's own outcome, such as the CLI printing a forecast.
    /// - Throws: ``JobRunRefused`` (nothing run or recorded), `body`'s error (recorded as the
    ///   run's failure), or the store's error.
    public func recording<T>(_ kind: JobKind, trigger: JobTrigger, scheduledFor: Date? = nil,
                             detail: (T) -> String, _ body: () throws -> T) throws -> T {
        let run = try begin(kind, trigger: trigger, scheduledFor: scheduledFor)
        var result: Result<T, any Error> = .failure(CancellationError())
        let recorded = perform(run) {
            result = Result(catching: body)
            return detail(try result.get())
        }
        let value = try result.get()
        _ = try recorded.get()
        return value
    }

    /// Records the run and starts the job; returns once the run is recorded.
    /// - Throws: ``JobRunRefused`` (nothing recorded), or the store's error.
    public func start(_ kind: JobKind, trigger: JobTrigger, scheduledFor: Date? = nil) async throws -> JobExecution {
        let started = try await offThePool("headroom-\(kind)") { [self] in try begin(kind, trigger: trigger, scheduledFor: scheduledFor) }
        let execution = JobExecution(started: started)
        Task.detached { [self] in
            let lease = holdLease(of: started)
            let began = ContinuousClock.now
            let outcome = await Result { try await work(kind, clock.now()) }
            lease.stop()
            let ended = await Result { [self] in
                try await offThePool("headroom-\(kind)") { try finish(started, outcome, began: began).get() }
            }
            execution.complete(ended)
        }
        return execution
    }

    /// ``start(_:trigger:scheduledFor:)`` and then waits for the end.
    public func runToEnd(_ kind: JobKind, trigger: JobTrigger, scheduledFor: Date? = nil) async throws -> JobRunRecord {
        try await start(kind, trigger: trigger, scheduledFor: scheduledFor).finished()
    }

    /// Records a run of `kind` as running, under its lease.
    /// - Throws: ``UnknownJobKind`` for a kind ``JobCatalog`` does not register (the `job_run`
    ///   table takes any name: the catalog decides), ``JobRunRefused``, or the store's error.
    func begin(_ kind: JobKind, trigger: JobTrigger, scheduledFor: Date?) throws -> JobRunRecord {
        guard JobCatalog.job(kind) != nil else { throw UnknownJobKind(kind: kind) }
        return try database.startJobRun(kind, trigger: trigger, scheduledFor: scheduledFor, holder: holder, at: clock.now(),
                                 leaseSeconds: leaseSeconds)
    }

    /// Runs `body` for `run` (recorded as running), renewing the lease, and records its end:
    /// succeeded with the detail `body` returns, or failed with the message of what it threw.
    func perform(_ run: JobRunRecord, _ body: () throws -> String) -> Result<JobRunRecord, any Error> {
        let lease = holdLease(of: run)
        let began = ContinuousClock.now
        let outcome = Result { try body() }
        lease.stop()
        return finish(run, outcome, began: began)
    }

    /// Renews the run's lease every third of its term until stopped.
    func holdLease(of run: JobRunRecord) -> LeaseKeeper {
        let (database, clock, holder, leaseSeconds) = (database, clock, holder, leaseSeconds)
        return LeaseKeeper(every: leaseSeconds / 3) {
            _ = try? database.renewLease(run.kind.rawValue, holder: holder, at: clock.now(), seconds: leaseSeconds)
        }
    }

    /// Records the end of `run`: succeeded with the detail, or failed with the error's message.
    func finish(_ run: JobRunRecord, _ outcome: Result<String, any Error>, began: ContinuousClock.Instant)
        -> Result<JobRunRecord, any Error> {
        var detail: String?, failure: String?
        switch outcome {
        case .success(let produced): detail = produced
        case .failure(let error): failure = AppDatabase.message(for: error)
        }
        let elapsed = (ContinuousClock.now - began).seconds
        return Result {
            guard let ended = try database.finishJobRun(id: run.id, error: failure, detail: detail, durationSeconds: elapsed,
                                                        at: clock.now()) else { throw StoreError.unreadableJobRun(id: run.id) }
            return ended
        }
    }
}

extension Result where Failure == any Error {
    /// The result of async `body`.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

extension JobRunner {
    /// What a forecast run made, as its job run's detail.
    /// Series that could not be forecast are named with their reason (the first five), so a
    /// bad series shows in the run's record instead of failing the others.
    public static func detail(_ run: ForecastRun) -> String {
        let failed = run.forecasts.filter { $0.error != nil }
        guard !failed.isEmpty else { return "forecast run \(run.id): \(run.forecasts.count) series" }
        let named = failed.prefix(5).map { "\($0.series.key): \($0.error ?? "")" }.joined(separator: "; ")
        return "forecast run \(run.id): \(run.forecasts.count) series, \(failed.count) not forecast (\(named)"
            + (failed.count > 5 ? "; and \(failed.count - 5) more)" : ")")
    }

    /// What a plan run made, as its job run's detail.
    public static func detail(_ planned: (run: StoredPlanRun, plan: FleetPlan)) -> String {
        "plan run \(planned.run.id) from forecast run \(planned.run.forecastRunID): \(planned.plan.models.count) model plans"
    }
}
