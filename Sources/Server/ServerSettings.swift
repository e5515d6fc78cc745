public import Config
public import Planning
import Foundation

/// How the service listens and what it accepts.
public struct ServerSettings: Sendable {
    public var host: String
    /// TCP port; 0 picks a free one.
    public var port: Int
    /// Largest request body accepted, bytes; larger ones are answered 413.
    public var maxRequestBytes: Int
    /// When true, `GET /metrics` needs a token with scope `read`.
    public var metricsRequireToken: Bool
    /// Timeouts and the cap on open connections.
    public var connections: ConnectionLimits
    /// Traffic ingests read and stored at once; more are answered 503 with `Retry-After`.
    public var maxConcurrentIngests: Int
    /// Now, Unix seconds, for answers that depend on the time (`GET /v1/scaling`): the wall clock
    /// unless a test fixes it.
    public var now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    /// The fleet the service was started with, for answers made from it (`GET /v1/exports/...`);
    /// nil answers them 503.
    public var fleet: FleetConfiguration?

    public init(host: String = "127.0.0.1", port: Int = 8080, maxRequestBytes: Int = ServiceSettings().maxRequestBytes,
                metricsRequireToken: Bool = false, connections: ConnectionLimits = ConnectionLimits(),
                maxConcurrentIngests: Int = ServiceSettings().maxConcurrentIngests) {
        self.host = host
        self.port = port
        self.maxRequestBytes = maxRequestBytes
        self.metricsRequireToken = metricsRequireToken
        self.connections = connections
        self.maxConcurrentIngests = maxConcurrentIngests
    }

    /// Listening on `host:port` with the limits of the configuration's `service` section.
    public init(host: String, port: Int, service: ServiceSettings) {
        self.init(host: host, port: port, maxRequestBytes: service.maxRequestBytes,
                  metricsRequireToken: service.metricsRequireToken,
                  connections: ConnectionLimits(headerTimeout: service.headerTimeoutSeconds,
                                                idleTimeout: service.idleTimeoutSeconds,
                                                maxConnections: service.maxConnections),
                  maxConcurrentIngests: service.maxConcurrentIngests)
    }
}
