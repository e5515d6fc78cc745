public import Scheduling

/// The service's settings (headroom.yaml `service:`): when the jobs run, how long shutdown
/// waits, and limits of the REST layer.
public struct ServiceSettings: Sendable, Hashable {
    /// When the forecast, plan and execute jobs run (default: all nightly at 02:00 UTC, in order).
    public var schedule: JobSchedule
    /// How long a running job may go on once shutdown begins, in seconds (default 30).
    public var shutdownGraceSeconds: Double
    /// Whether `GET /metrics` needs the API token like every other endpoint (default false).
    public var metricsRequireToken: Bool
    /// The largest request body the REST layer accepts, in bytes (default 16 MiB).
    public var maxRequestBytes: Int

    public init(schedule: JobSchedule = .nightly, shutdownGraceSeconds: Double = 30, metricsRequireToken: Bool = false,
                maxRequestBytes: Int = 16 * 1_048_576) {
        self.schedule = schedule
        self.shutdownGraceSeconds = shutdownGraceSeconds
        self.metricsRequireToken = metricsRequireToken
        self.maxRequestBytes = maxRequestBytes
    }
}
