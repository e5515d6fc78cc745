import ArgumentParser
import Config
import ExternalScaler
import Foundation
import Jobs
import Logging
import Planning
import Server
import ServiceLifecycle
import Store
import Traffic

/// `headroom serve`: the REST service and the nightly job scheduler over a database, until
/// SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve plans, forecasts, traffic ingestion, jobs, the pool and cost reports over HTTP, and run the nightly jobs.",
        discussion: """
            Every /v1 route needs a bearer token (`headroom token create --scope read|write|admin`); \
            /healthz, /readyz, /openapi.yaml and (unless configured otherwise) /metrics are open. \
            The OpenAPI document is served at /openapi.yaml. The forecast, tune, plan and execute jobs run on \
            the configuration's `service.schedule` (default 02:00 UTC nightly; tune on Sundays). SIGINT or SIGTERM stops \
            taking requests and new jobs, and lets a running job finish within `service.shutdown_grace`.
            """
    )

    @OptionGroup var fleet: ConfigurationOption
    @OptionGroup var database: DatabaseOption
    @OptionGroup var serve: ServeOptions

    func run() async throws {
        let store = try database.open()
        let loaded = try fleet.loadAll()
        try await Self.serve(store: store, configuration: loaded.configuration, text: loaded.text, options: serve) { port in
            printNow("headroom serving \(database.path) at http://\(serve.host):\(port) (fleet: \(loaded.source))")
        }
    }

    /// Runs the service and its scheduler until signalled to stop.
    static func serve(store: AppDatabase, configuration: HeadroomConfiguration, text: String, options: ServeOptions,
                      onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "headroom")
        logger.logLevel = options.logLevel
        let service = configuration.service
        let provider = configuration.poolProvider.make(database: store)
        let runner = JobRunner(database: store, configuration: configuration.fleet, configurationText: text, provider: provider,
                               prometheus: configuration.prometheus)
        let metrics = ServiceMetrics()
        let scheduler = JobScheduler(schedule: service.schedule, runner: runner,
                                     shutdownGraceSeconds: service.shutdownGraceSeconds) { [logger] event in
            switch event {
            case .started(let run):
                logger.info("job started", metadata: ["job": "\(run.kind)", "run": "\(run.id)", "trigger": "\(run.trigger)"])
            case .finished(let run):
                metrics.jobFinished(run)
                logger.info("job finished", metadata: ["job": "\(run.kind)", "run": "\(run.id)", "status": "\(run.status)",
                                                       "error": "\(run.error ?? "")", "detail": "\(run.detail ?? "")"])
            case .refused(let due, let reason):
                logger.info("job not started here", metadata: ["job": "\(due.kind)", "reason": "\(reason)"])
            case .interrupted(let run):
                logger.warning("job interrupted by shutdown", metadata: ["job": "\(run.kind)", "run": "\(run.id)"])
            case .storeFailed(let message):
                logger.error("scheduler store failure", metadata: ["error": "\(message)"])
            }
        }
        let watcher = PoolEventWatcher(provider: provider, runner: runner) { [logger] outcome in
            switch outcome {
            case .success(let run):
                metrics.jobFinished(run)
                logger.info("execute run for provider events", metadata: [
                    "run": "\(run.id)", "status": "\(run.status)", "error": "\(run.error ?? "")", "detail": "\(run.detail ?? "")"])
            case .failure(let error):
                logger.error("execute run for provider events not recorded", metadata: ["error": "\(error)"])
            }
        }
        var settings = ServerSettings(host: options.host, port: options.port, service: service)
        settings.fleet = configuration.fleet
        if let fixed = try Self.fixedNow() { settings.now = { fixed } }
        var services: [any Service] = [SchedulerService(scheduler: scheduler), PoolEventService(watcher: watcher)]
        if var configured = service.keda {
            if let port = options.kedaPort { configured.port = port }
            let keda = configured
            let scaler = HeadroomExternalScaler(database: store, now: settings.now)
            services.append(ExternalScalerService(settings: keda, scaler: scaler, logger: logger) { port in
                var bound = keda
                bound.port = port
                printNow("KEDA external scaler at \(bound.address)"
                    + (keda.tls == nil ? " (plaintext)" : keda.tls?.clientCA == nil ? " (TLS)" : " (mutual TLS)"))
            })
        } else if options.kedaPort != nil {
            throw CommandFailure("--keda-port: the configuration has no service.keda section, so KEDA's external scaler is off")
        }
        let application = HeadroomServer.application(
            database: store, settings: settings, runner: runner,
            provider: provider, shutdownGraceSeconds: service.shutdownGraceSeconds,
            services: services, logger: logger, onServerRunning: onRunning)
        do {
            try await application.runService()
        } catch {
            throw CommandFailure("cannot serve (REST on \(options.host):\(options.port)"
                + (service.keda.map { ", KEDA's external scaler on \($0.host):\(options.kedaPort ?? $0.port)" } ?? "") + "): \(error)")
        }
    }

    /// Tests only: `HEADROOM_TEST_NOW` (RFC 3339) fixes the instant time-dependent answers are
    /// given for (`GET /v1/scaling`, the KEDA scaler), so a test can compare them with the plan.
    static func fixedNow() throws -> Int64? {
        guard let text = ProcessInfo.processInfo.environment["HEADROOM_TEST_NOW"] else { return nil }
        guard let seconds = Timestamp.parse(text) else {
            throw CommandFailure("HEADROOM_TEST_NOW '\(text)' is not an RFC 3339 time such as 2026-11-24T08:00:00Z")
        }
        return seconds
    }
}
