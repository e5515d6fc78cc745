import Config
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Ingestion
import Logging
import Jobs
import Planning
@testable import Server
import Store
import Traffic

/// A planned database (demo traffic of two us-east-1 models, a forecast, a plan and one
/// execution), built once and copied for each test, and tokens of each scope.
enum ServiceFixture {
    static let end = Timestamp.parse("2026-11-24T00:00:00Z")!

    /// The planned database, built by the first test that asks and shared after.
    static func planned() async throws -> AppDatabase {
        try await PlannedCache.shared.database()
    }

    actor PlannedCache {
        static let shared = PlannedCache()
        var built: Task<AppDatabase, any Error>?

        func database() async throws -> AppDatabase {
            if let built { return try await built.value }
            let task = Task { try await ServiceFixture.build() }
            built = task
            return try await task.value
        }
    }

    static func build() async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        var demo = DemoTraffic(seed: 3, end: end, weeks: 2)
        demo.profiles = demo.profiles.filter { $0.region == "us-east-1" && ["chat-8b", "batch-summarize"].contains($0.model) }
        _ = try TrafficIngestor(database: database).ingestDemo(demo)
        var forecast = ForecastJob()
        forecast.horizonSeconds = 86_400
        _ = try forecast.run(on: database)
        let fleet = try ConfigurationReader.example()
        let plan = try PlanJob(configuration: fleet, configurationText: ConfigurationReader.exampleText).run(on: database)
        _ = try await ExecuteJob(configuration: fleet).run(on: database, provider: EmbeddedPoolProvider(database: database),
                                                           now: plan.run.start)
        return database
    }

    /// A fresh copy of the planned database with a token of every scope.
    static func database() async throws -> (AppDatabase, tokens: [Scope: String]) {
        let queue = try DatabaseQueue()
        try await planned().writer.backup(to: queue)
        let database = try AppDatabase(queue)
        var tokens: [Scope: String] = [:]
        for scope in Scope.allCases {
            tokens[scope] = try AccessToken.create(scope: scope, name: "test-\(scope.rawValue)", in: database).token
        }
        return (database, tokens)
    }

    /// The service's routes over `database`, as the router declares them.
    static func routes(_ database: AppDatabase) throws -> Routes {
        let fleet = try ConfigurationReader.example()
        let runner = JobRunner(database: database, configuration: fleet, configurationText: ConfigurationReader.exampleText)
        let settings = ServerSettings()
        return HeadroomServer.routes(database: database, settings: settings, runner: runner,
                                     apiJobs: APIJobs(database: database, graceSeconds: 5, logger: Logger(label: "headroom-test")),
                                     ingestGate: IngestGate(limit: settings.maxConcurrentIngests))
    }

    /// Runs `test` against the service over `database` in process.
    static func withService<Value: Sendable>(
        _ database: AppDatabase, settings: ServerSettings = ServerSettings(), ingestGate: IngestGate? = nil,
        _ test: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let fleet = try ConfigurationReader.example()
        let runner = JobRunner(database: database, configuration: fleet, configurationText: ConfigurationReader.exampleText)
        var logger = Logger(label: "headroom-test")
        logger.logLevel = .warning
        let router = HeadroomServer.router(database: database, settings: settings, runner: runner,
                                           apiJobs: APIJobs(database: database, graceSeconds: 5, logger: logger),
                                           ingestGate: ingestGate ?? IngestGate(limit: settings.maxConcurrentIngests))
        return try await Application(router: router, logger: logger).test(.router, test)
    }
}

extension HTTPFields {
    static func bearer(_ token: String?) -> HTTPFields {
        guard let token else { return [:] }
        return [.authorization: "Bearer \(token)"]
    }
}

extension TestResponse {
    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    var text: String { String(buffer: body) }
}
