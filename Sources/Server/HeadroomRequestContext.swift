public import Hummingbird

/// Each request's context: Hummingbird's core (logger with the request id, route parameters)
/// the access its route needs (set by ``MethodMiddleware`` from the route table) and, once
/// ``AuthMiddleware`` has checked it, the bearer token's id and scope.
public struct HeadroomRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated token, nil on open routes.
    public var token: (id: Int64, scope: Scope)?
    /// The access the request's route needs; nil before ``MethodMiddleware`` and on paths no
    /// route declares.
    var access: Route.Access?

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }
}
