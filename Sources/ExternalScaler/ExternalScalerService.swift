public import Config
public import GRPCCore
import GRPCNIOTransportHTTP2
public import Logging
public import ServiceLifecycle

/// `headroom serve`'s gRPC listener for KEDA (``HeadroomExternalScaler``) on `service.keda`:
/// plaintext, TLS, or mutual TLS when a client CA is given. Run as a lifecycle service beside the
/// REST API: it stops taking new calls on shutdown and lets the open ones end.
public struct ExternalScalerService: Service {
    let settings: KEDASettings
    let scaler: any RegistrableRPCService
    let logger: Logger
    let onListening: @Sendable (Int) async -> Void

    /// Serves `scaler` (``HeadroomExternalScaler``; the load benchmark's reference serves ``ConstantScaler``).
    public init(settings: KEDASettings, scaler: any RegistrableRPCService, logger: Logger,
                onListening: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.settings = settings
        self.scaler = scaler
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let address: SocketAddress = settings.host.contains(":")
            ? .ipv6(host: settings.host, port: settings.port) : .ipv4(host: settings.host, port: settings.port)
        let server = GRPCServer(
            transport: .http2NIOPosix(address: address, transportSecurity: Self.security(settings.tls)),
            services: [scaler])
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await server.serve() }
                let address = try await server.listeningAddress
                if let bound = address?.ipv4?.port ?? address?.ipv6?.port {
                    logger.info("KEDA external scaler listening", metadata: [
                        "address": "\(settings.host):\(bound)", "tls": "\(settings.tls == nil ? "off" : settings.tls?.clientCA == nil ? "on" : "mutual")"])
                    await onListening(bound)
                }
            }
        } onGracefulShutdown: {
            server.beginGracefulShutdown()
        }
    }

    /// Plaintext without files; TLS with the server's chain and key; mutual TLS (the client's
    /// certificate must chain to `clientCA`) when one is given.
    static func security(_ tls: KEDASettings.TLSFiles?) -> HTTP2ServerTransport.Posix.TransportSecurity {
        guard let tls else { return .plaintext }
        let chain: [TLSConfig.CertificateSource] = [.file(path: tls.certificate, format: .pem)]
        let key: TLSConfig.PrivateKeySource = .file(path: tls.key, format: .pem)
        guard let ca = tls.clientCA else { return .tls(certificateChain: chain, privateKey: key) }
        return .mTLS(certificateChain: chain, privateKey: key) { config in
            config.trustRoots = .certificates([.file(path: ca, format: .pem)])
            config.clientCertificateVerification = .noHostnameVerification
        }
    }
}
