public import Hummingbird
public import Jobs
public import Logging
public import ServiceLifecycle
public import Store

/// Builds the Headroom service: the router with its middlewares and routes, and the application
/// around it. The `serve` command and the tests call the same functions.
public enum HeadroomServer {
    /// The router: request log, per-route metrics, request id, problem+json errors, 405 for a
    /// wrong method, bearer-token auth, then the routes.
    public static func router(database: AppDatabase,
                              settings: ServerSettings, runner: JobRunner, apiJobs: APIJobs) -> Router<HeadroomRequestContext> {
        let routes = Routes(database: database, settings: settings, runner: runner,
                            apiJobs: apiJobs, verifier: TokenVerifier(database: database), metrics: ServiceMetrics())
        let router = Router(context: HeadroomRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MethodMiddleware())
        router.add(middleware: AuthMiddleware(verifier: routes.verifier, metricsRequireToken: settings.metricsRequireToken))
        routes.addHealthRoutes(to: router)
        routes.addPlanRoutes(to: router)
        routes.addForecastRoutes(to: router)
        routes.addTrafficRoutes(to: router)
        routes.addPoolRoutes(to: router)
        routes.addJobRoutes(to: router)
        routes.addReportRoutes(to: router)
        routes.addTokenRoutes(to: router)
        return router
    }

    /// The application: the router on `settings.host:port`, with `services` (the job scheduler)
    /// run beside it and shut down with it; on shutdown, jobs started through the API get
    /// `shutdownGraceSeconds` to end. `onServerRunning` receives the bound port.
    public static func application(
        database: AppDatabase, settings: ServerSettings, runner: JobRunner,
        shutdownGraceSeconds: Double = 30, services: [any Service] = [], logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let apiJobs = APIJobs(database: database, graceSeconds: shutdownGraceSeconds, logger: logger)
        var application = Application(
            router: router(database: database, settings: settings, runner: runner,
                           apiJobs: apiJobs),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "headroom"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
            logger: logger)
        application.addServices(apiJobs)
        for service in services { application.addServices(service) }
        return application
    }
}
