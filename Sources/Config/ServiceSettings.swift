import Jobs
public import Scheduling

/// The service's settings (headroom.yaml `service:`): when the jobs run, how long shutdown
/// waits, and limits of the REST layer.
public struct ServiceSettings: Sendable, Hashable {
    /// When each job runs (default: every job of `JobCatalog` nightly at 02:00 UTC, in order).
    public var schedule: JobSchedule
    /// How long a running job may go on once shutdown begins, in seconds (default 30).
    public var shutdownGraceSeconds: Double
    /// Whether `GET /metrics` needs the API token like every other endpoint (default false).
    public var metricsRequireToken: Bool
    /// The largest request body the REST layer accepts, in bytes (default 16 MiB).
    public var maxRequestBytes: Int
    /// Seconds a connection may go without a complete request head, from connecting or from its
    /// previous response (default 30): slow and idle clients are closed.
    public var headerTimeoutSeconds: Double = 30
    /// Seconds a request body may go without sending a byte (default 60).
    public var idleTimeoutSeconds: Double = 60
    /// Connections open at once (default 4096; never more than the process's file limit allows).
    public var maxConnections: Int = 4_096
    /// Traffic ingests (`POST /v1/traffic`) read and stored at once (default 4); more are
    /// answered 503 with `Retry-After` before their body is read, which bounds memory.
    public var maxConcurrentIngests: Int = 4
    /// KEDA's external scaler (gRPC); nil (no `keda` section) serves none.
    public var keda: KEDASettings?

    /// Settings with `schedule` (nil: every job nightly at 02:00 UTC) and the other values.
    public init(schedule: JobSchedule? = nil, shutdownGraceSeconds: Double = 30, metricsRequireToken: Bool = false,
                maxRequestBytes: Int = 16 * 1_048_576) {
        self.schedule = schedule ?? JobCatalog.defaultSchedule
        self.shutdownGraceSeconds = shutdownGraceSeconds
        self.metricsRequireToken = metricsRequireToken
        self.maxRequestBytes = maxRequestBytes
    }
}
