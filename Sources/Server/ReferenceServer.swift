public import Hummingbird
public import Logging

extension HeadroomServer {
    /// The load benchmark's reference: Hummingbird's minimal route (`GET /` answering `ok`), with
    /// no middleware, on the same framework and settings as the service, so that the service's
    /// throughput can be reported as a ratio measured in the same run.
    public static func referenceApplication(
        host: String, port: Int, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/") { _, _ in "ok" }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "headroom-reference"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
