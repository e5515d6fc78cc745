import HTTPTypes
import Hummingbird

/// One route of the service, declared once: its method, its path pattern (`{name}` for a path
/// parameter), who may call it and its handler. The router's registration, the 405 table
/// (``RouteTable``) and the scope ``AuthMiddleware`` asks for are all derived from the list of
/// them (``Routes/all``); a test checks that list against docs/openapi.yaml.
struct Route: Sendable {
    typealias Handler = @Sendable (Request, HeadroomRequestContext) async throws -> Response

    var method: HTTPRequest.Method
    var path: String
    var access: Access
    var handler: Handler

    init(_ method: HTTPRequest.Method, _ path: String, _ access: Access, handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.access = access
        self.handler = handler
    }

    /// Who may call a route.
    enum Access: Hashable, Sendable {
        /// Anyone, without a token (`/healthz`, `/readyz`, `/openapi.yaml`).
        case open
        /// A bearer token whose scope allows this one.
        case token(Scope)
        /// `/metrics`: open unless the configuration says `metrics_require_token`, then `read`.
        case metrics
    }
}
