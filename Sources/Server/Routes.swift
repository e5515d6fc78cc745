import Hummingbird
import Jobs
import Planning
import Store

/// The service's routes and what they share: the database, the fleet configuration, the plan
/// cache, the token verifier and the metrics. Each `Routes+Area.swift` adds one area's routes.
struct Routes: Sendable {
    var database: AppDatabase
    var configuration: FleetConfiguration
    var settings: ServerSettings
    var runner: JobRunner
    var apiJobs: APIJobs
    var planCache = PlanCache()
    var verifier: TokenVerifier
    var metrics: ServiceMetrics
}
