import ArgumentParser
import Config
import ExternalScaler
import Foundation
import Logging
import ServiceLifecycle

/// `headroom bench keda`: load on KEDA's external scaler (`GetMetrics` with many concurrent
/// streams on one connection); prints calls per second and latency quantiles.
struct KEDABenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keda",
        abstract: "Call GetMetrics of a KEDA external scaler at --address with --concurrency streams for --seconds; print rate and latency."
    )

    @Option(help: "host:port of the external scaler (plaintext).")
    var address: String

    @Option(help: "Calls in flight at once (HTTP/2 streams on one connection), 1 to 4096.")
    var concurrency = 64

    @Option(help: "Seconds of load, 1 to 600.")
    var seconds = 10.0

    @Option(help: "Model named in the trigger's metadata.")
    var model = "chat-8b"

    @Option(help: "Region named in the trigger's metadata.")
    var region = "us-east-1"

    func validate() throws {
        guard case .success = KEDASettings.parse(listen: address) else {
            throw ValidationError("--address '\(address)' is not host:port with an IP address (e.g. 127.0.0.1:9443)")
        }
        guard (1...4_096).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 4096, not \(concurrency)") }
        guard seconds >= 1, seconds <= 600 else { throw ValidationError("--seconds must be between 1 and 600, not \(seconds)") }
    }

    func run() async throws {
        guard case .success(let target) = KEDASettings.parse(listen: address) else { return }
        let result: ScalerLoad.Result
        do {
            result = try await ScalerLoad.run(host: target.host, port: target.port, model: model, region: region,
                                              concurrency: concurrency, seconds: seconds)
        } catch {
            throw CommandFailure("\(address): \(error)")
        }
        print(String(format: "GetMetrics %@ with %d streams: %d calls in %.2f s = %.0f calls/s, %d errors; latency p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                     address, concurrency, result.calls, result.seconds, result.rate, result.errors,
                     result.latencyMilliseconds(0.5), result.latencyMilliseconds(0.99), result.latencyMilliseconds(1)))
    }
}

/// `headroom bench keda-reference`: the same gRPC service answering constants, the load
/// benchmark's reference (grpc-swift's stack without the plan lookup).
struct KEDAReferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keda-reference",
        abstract: "Serve KEDA's external scaler answering constants on 127.0.0.1 until SIGINT or SIGTERM: the keda benchmark's reference."
    )

    @Option(help: "Port (0 picks a free one).")
    var port = 0

    func run() async throws {
        var logger = Logger(label: "headroom-keda-reference")
        logger.logLevel = .warning
        let service = ExternalScalerService(settings: KEDASettings(host: "127.0.0.1", port: port), scaler: ConstantScaler(),
                                            logger: logger) { port in
            printNow("KEDA reference scaler at 127.0.0.1:\(port)")
        }
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
