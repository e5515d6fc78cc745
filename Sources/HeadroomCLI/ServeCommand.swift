import ArgumentParser
import Foundation
import Logging
import Planning
import Server
import Store

/// `headroom serve`: the REST service over a database, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve plans, forecasts, traffic ingestion, jobs, the pool and cost reports over HTTP.",
        discussion: """
            Every /v1 route needs a bearer token (`headroom token create --scope read|write|admin`); \
            /healthz, /readyz, /openapi.yaml and (unless configured otherwise) /metrics are open. \
            The OpenAPI document is served at /openapi.yaml. Stops cleanly on SIGINT or SIGTERM.
            """
    )

    @OptionGroup var fleet: ConfigurationOption
    @OptionGroup var database: DatabaseOption
    @OptionGroup var serve: ServeOptions

    func run() async throws {
        let store = try database.open()
        let loaded = try fleet.load()
        try await Self.serve(store: store, configuration: loaded.configuration, options: serve) { port in
            print("headroom serving \(database.path) at http://\(serve.host):\(port) (fleet: \(loaded.source))")
        }
    }

    /// Runs the service until it is signalled to stop.
    static func serve(store: AppDatabase, configuration: FleetConfiguration, options: ServeOptions,
                      onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "headroom")
        logger.logLevel = .info
        let settings = ServerSettings(host: options.host, port: options.port)
        let application = HeadroomServer.application(
            database: store, configuration: configuration, settings: settings, logger: logger,
            onServerRunning: onRunning)
        do {
            try await application.runService()
        } catch {
            throw CommandFailure("cannot serve on \(options.host):\(options.port): \(error)")
        }
    }
}
