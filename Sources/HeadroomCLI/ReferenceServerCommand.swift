import ArgumentParser
import Logging
import Server

/// `headroom bench reference-server`: Hummingbird's minimal route, the reference the HTTP load
/// benchmark (scripts/bench-api.sh) compares the service with in the same run.
struct ReferenceServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference-server",
        abstract: "Serve Hummingbird's minimal route (GET / answers ok) until SIGINT or SIGTERM: the load benchmark's reference."
    )

    @OptionGroup var serve: ServeOptions

    func run() async throws {
        var logger = Logger(label: "headroom-reference")
        logger.logLevel = .warning
        let application = HeadroomServer.referenceApplication(host: serve.host, port: serve.port, logger: logger) { port in
            printNow("reference server at http://\(serve.host):\(port)")
        }
        do {
            try await application.runService()
        } catch {
            throw CommandFailure("cannot serve on \(serve.host):\(serve.port): \(error)")
        }
    }
}
