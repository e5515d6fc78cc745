import Hummingbird
import Jobs
import Store

/// The service's routes and what they share: the database, the job runner, the plan
/// cache, the token verifier and the metrics. Each `Routes+Area.swift` declares one area's
/// routes; ``all`` lists the areas.
struct Routes: Sendable {
    var database: AppDatabase
    var settings: ServerSettings
    var runner: JobRunner
    /// The node pool: read by `GET /v1/pool` and told the provider's news.
    var provider: any PoolProvider
    var apiJobs: APIJobs
    var planCache = PlanCache()
    var verifier: TokenVerifier
    var metrics: ServiceMetrics
    /// Bounds the traffic ingests in flight (``ServerSettings/maxConcurrentIngests``).
    var ingestGate: IngestGate

    /// Every route of the service, each declared once with its method, path, access and handler.
    var all: [Route] {
        healthRoutes + planRoutes + scalingRoutes + exportRoutes + commitmentRoutes + forecastRoutes + trafficRoutes + seriesRoutes + poolRoutes + jobRoutes
            + reportRoutes + tokenRoutes
    }
}
