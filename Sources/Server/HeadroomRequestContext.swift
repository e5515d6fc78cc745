public import Hummingbird

/// Each request's context: Hummingbird's core (logger with the request id, route parameters)
/// and, once ``AuthMiddleware`` has checked it, the bearer token's id and scope.
public struct HeadroomRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated token, nil on open routes.
    public var token: (id: Int64, scope: Scope)?

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }
}
