public import Foundation
public import Planning
public import Scheduling
public import Store
public import Pull
import Ingestion

/// Every kind of job, each registered once: its name, the `service.schedule` key of its cron
/// expression, the `job` label of its metrics, whether `POST /v1/jobs/{job}` starts it, and how
/// the runner runs it. The scheduler's run order, the configuration keys, the REST routes'
/// choices and the metrics all come from this list.
///
/// Adding a job: one ``JobDefinition`` in ``jobs`` (and its name below), and the job's own
/// file. The `job_run` table takes any kind; this list is what decides which exist.
public enum JobCatalog {
    /// The jobs, in run order: due together, they run one after the other in this order (a
    /// plan is made from the latest forecast and the latest tuned settings, and execution
    /// follows the newest plan).
    public static let jobs: [JobDefinition] = [
        JobDefinition(.pull, defaultCron: .hourly(minute: 7)) { environment, now in
            guard let source = environment.prometheus else { return "nothing to pull: the configuration has no sources.prometheus" }
            let outcome = try await PrometheusPull(source: source, served: environment.configuration.servedRegions)
                .run(on: environment.database, now: Int64(now.timeIntervalSince1970))
            return PrometheusPull.detail(outcome)
        },
        JobDefinition(.forecast) { environment, _ in
            try await offThePool("headroom-forecast") { JobRunner.detail(try environment.forecast.run(on: environment.database)) }
        },
        JobDefinition(.tune, defaultCron: .weekly) { environment, _ in
            try await offThePool("headroom-tune") { try TuneJob(configuration: environment.configuration).run(on: environment.database).detail }
        },
        JobDefinition(.plan) { environment, _ in
            try await offThePool("headroom-plan") {
                JobRunner.detail(try PlanJob(configuration: environment.configuration,
                                             configurationText: environment.configurationText).run(on: environment.database))
            }
        },
        JobDefinition(.execute) { environment, now in
            let outcome = try await ExecuteJob(configuration: environment.configuration)
                .run(on: environment.database, provider: environment.provider, now: Int64(now.timeIntervalSince1970))
            let resumed = outcome.resumed.isEmpty ? "" : " (\(outcome.resumed.count) resumed first)"
            let events = outcome.events.isEmpty ? "" : ", \(outcome.events.count) provider events taken"
            return "\(outcome.actions.count) actions applied towards plan run \(outcome.planRunID)\(resumed)\(events)"
        },
    ]

    /// The kinds, in run order.
    public static let kinds: [JobKind] = jobs.map(\.kind)

    /// The registered job of `kind`; nil for a kind nobody registered.
    public static func job(_ kind: JobKind) -> JobDefinition? {
        jobs.first { $0.kind == kind }
    }

    /// The job named `name`; nil when there is none.
    public static func job(named name: String) -> JobDefinition? {
        JobKind(rawValue: name).flatMap { job($0) }
    }

    /// The default schedule, in run order, read in UTC: every job at its ``JobDefinition/defaultCron``
    /// (nightly at 02:00; the pull hourly at minute 7; the tune job weekly, Sundays at 02:00).
    public static var defaultSchedule: JobSchedule {
        JobSchedule(timeZone: .gmt, jobs: jobs.map { ($0.kind, $0.defaultCron) })
    }
}

extension JobKind {
    /// Pulls new traffic from the configured Prometheus (`PrometheusPull`).
    public static let pull: JobKind = "pull"
    /// Refits every stored series (``ForecastJob``).
    public static let forecast: JobKind = "forecast"
    /// Tunes each interactive model's plan settings on its own history (``TuneJob``).
    public static let tune: JobKind = "tune"
    /// Plans the fleet from the latest forecast (``PlanJob``).
    public static let plan: JobKind = "plan"
    /// Drives the node pool towards the newest plan (``ExecuteJob``).
    public static let execute: JobKind = "execute"
}

/// One kind of job as ``JobCatalog`` registers it.
public struct JobDefinition: Sendable {
    /// Runs the job at `now` (the runner's clock) and says what it produced: the run's `detail`.
    public typealias Run = @Sendable (_ environment: JobEnvironment, _ now: Date) async throws -> String

    /// The job's name: in `job_run`, in leases, in `POST /v1/jobs/{job}` and `GET /v1/jobs?job=`.
    public var kind: JobKind
    /// Its key under `service.schedule` in headroom.yaml.
    public var scheduleKey: String
    /// The `job` label of `headroom_jobs_total` and `headroom_job_duration_seconds`.
    public var metricsLabel: String
    /// Whether `POST /v1/jobs/{job}` starts it (else that answers 404, as for no such job).
    public var startableOverREST: Bool
    /// When it runs unless `service.schedule` says otherwise.
    public var defaultCron: CronExpression
    /// How the runner runs it.
    public var run: Run

    /// A job named `kind`, whose schedule key and metrics label are its name unless given.
    public init(_ kind: JobKind, scheduleKey: String? = nil, metricsLabel: String? = nil, startableOverREST: Bool = true,
                defaultCron: CronExpression = .nightly, run: @escaping Run) {
        self.kind = kind
        self.scheduleKey = scheduleKey ?? kind.rawValue
        self.metricsLabel = metricsLabel ?? kind.rawValue
        self.startableOverREST = startableOverREST
        self.defaultCron = defaultCron
        self.run = run
    }
}

/// What the jobs run against: the store, the fleet (and its configuration text, recorded with
/// each plan), the forecast job's options and the node pool's provider.
public struct JobEnvironment: Sendable {
    public var database: AppDatabase
    public var configuration: FleetConfiguration
    public var configurationText: String
    public var forecast: ForecastJob
    public var provider: any PoolProvider
    /// `sources.prometheus`: where the pull job pulls from; nil pulls nothing.
    public var prometheus: PrometheusSource?

    /// With `provider` nil, the embedded pool in `database`.
    public init(database: AppDatabase, configuration: FleetConfiguration, configurationText: String,
                forecast: ForecastJob = ForecastJob(), provider: (any PoolProvider)? = nil, prometheus: PrometheusSource? = nil) {
        self.database = database
        self.configuration = configuration
        self.configurationText = configurationText
        self.forecast = forecast
        self.provider = provider ?? PoolProviderKind.embedded.make(database: database)
        self.prometheus = prometheus
    }
}

/// A run of a kind ``JobCatalog`` does not register was asked for; nothing was recorded.
public struct UnknownJobKind: Error, Equatable, CustomStringConvertible {
    public var kind: JobKind

    public init(kind: JobKind) {
        self.kind = kind
    }

    public var description: String {
        "there is no job '\(kind)': the jobs are \(JobCatalog.kinds.map(\.rawValue).joined(separator: ", "))"
    }
}
