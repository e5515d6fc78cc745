public import Hummingbird
public import Jobs
public import Logging
public import ServiceLifecycle
public import Store

/// Builds the Headroom service: the router with its middlewares and routes, and the application
/// around it. The `serve` command and the tests call the same functions.
public enum HeadroomServer {
    /// The router: request log (credentials redacted), per-route metrics, request id,
    /// problem+json errors, storage failures as 503, 405 for a wrong method, 413 for a declared
    /// body above the limit, credentials in the query string refused, bearer-token auth, then
    /// the routes. The routes are declared once (``Routes/all``); the router's registration,
    /// the 405 table and the scopes are derived from that list.
    ///
    /// `provider` is the node pool's (default: the embedded pool in `database`).
    public static func router(database: AppDatabase, settings: ServerSettings, runner: JobRunner, apiJobs: APIJobs,
                              provider: (any PoolProvider)? = nil) -> Router<HeadroomRequestContext> {
        router(database: database, settings: settings, runner: runner, apiJobs: apiJobs,
               ingestGate: IngestGate(limit: settings.maxConcurrentIngests), provider: provider)
    }

    /// The router with a given ingest gate (tests hold its places to show the refusal).
    static func router(database: AppDatabase, settings: ServerSettings, runner: JobRunner, apiJobs: APIJobs,
                       ingestGate: IngestGate, provider: (any PoolProvider)? = nil) -> Router<HeadroomRequestContext> {
        let routes = self.routes(database: database, settings: settings, runner: runner, apiJobs: apiJobs,
                                 ingestGate: ingestGate, provider: provider)
        let declared = routes.all, table = RouteTable(declared)
        let router = Router(context: HeadroomRequestContext.self)
        router.add(middleware: RequestLogMiddleware(level: .info))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: StorageMiddleware(database: database))
        router.add(middleware: MethodMiddleware(table: table))
        router.add(middleware: BodyLimitMiddleware(maxRequestBytes: settings.maxRequestBytes))
        router.add(middleware: CredentialQueryMiddleware())
        router.add(middleware: AuthMiddleware(verifier: routes.verifier, metricsRequireToken: settings.metricsRequireToken,
                                              table: table))
        for route in declared {
            router.on(RouterPath(route.path), method: route.method, use: route.handler)
        }
        return router
    }

    /// The routes over `database` (tests read their declarations).
    static func routes(database: AppDatabase, settings: ServerSettings, runner: JobRunner, apiJobs: APIJobs,
                       ingestGate: IngestGate, provider: (any PoolProvider)? = nil) -> Routes {
        Routes(database: database, settings: settings, runner: runner,
               provider: provider ?? PoolProviderKind.embedded.make(database: database), apiJobs: apiJobs,
               verifier: TokenVerifier(database: database), metrics: ServiceMetrics(), ingestGate: ingestGate)
    }

    /// The application: the router on `settings.host:port`, with `services` (the job scheduler)
    /// run beside it and shut down with it; on shutdown, jobs started through the API get
    /// `shutdownGraceSeconds` to end. `onServerRunning` receives the bound port.
    public static func application(
        database: AppDatabase, settings: ServerSettings, runner: JobRunner, provider: (any PoolProvider)? = nil,
        shutdownGraceSeconds: Double = 30, services: [any Service] = [], logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let apiJobs = APIJobs(database: database, graceSeconds: shutdownGraceSeconds, logger: logger)
        let limits = settings.connections.capped(
            at: FileLimit.connectionsAllowed(settings.connections.maxConnections, logger: logger))
        let counter = ConnectionCounter()
        var application = Application(
            router: router(database: database, settings: settings, runner: runner,
                           apiJobs: apiJobs, provider: provider),
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionGuard(limits: limits, counter: counter)])),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "headroom"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
            logger: logger)
        application.addServices(apiJobs)
        for service in services { application.addServices(service) }
        return application
    }
}
