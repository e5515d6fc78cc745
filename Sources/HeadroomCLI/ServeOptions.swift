import ArgumentParser
import Logging
import Server

/// `--host`, `--port`: where the service listens.
struct ServeOptions: ParsableArguments {
    @Option(help: "Address to listen on (127.0.0.1 for this machine only, 0.0.0.0 for all).")
    var host: String = "127.0.0.1"

    @Option(help: "TCP port to listen on (0 to 65535; 0 picks a free one).")
    var port: Int = 8080

    @Option(name: .customLong("keda-port"),
            help: "Port of KEDA's external scaler, replacing service.keda.listen's (0 picks a free one); needs service.keda.")
    var kedaPort: Int?

    @Option(help: "Least severe log level written: trace, debug, info (each request), notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, not \(port)")
        }
        if let kedaPort, !(0...65535).contains(kedaPort) {
            throw ValidationError("--keda-port must be between 0 and 65535, not \(kedaPort)")
        }
        if let kedaPort, kedaPort != 0, kedaPort == port {
            throw ValidationError("--keda-port \(kedaPort) is --port's too: the REST API and KEDA's external scaler need a port each")
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else {
            throw ValidationError("--host '\(host)' is not an address")
        }
    }
}
