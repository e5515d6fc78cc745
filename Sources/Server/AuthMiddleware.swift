import Hummingbird

/// Bearer-token authentication and scope checks for every route but the open ones.
///
/// `/healthz`, `/readyz` and `/openapi.yaml` are open; `/metrics` is open unless the
/// configuration says `metrics_require_token` (then it needs `read`). Everything under
/// `/v1/tokens` and `/v1/series` (deleting stored history) needs `admin`; other GETs need
/// `read` and other methods `write`.
/// A missing or unknown token is 401 (with `WWW-Authenticate: Bearer`), a known token without
/// the scope 403. Tokens are never logged.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = HeadroomRequestContext

    let verifier: TokenVerifier
    let metricsRequireToken: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let needed = scope(for: request) else { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            throw Problem(.unauthenticated, "\(request.uri.path) needs a bearer token with scope '\(needed.rawValue)': "
                + "send 'Authorization: Bearer <token>' (make one with `headroom token create --scope \(needed.rawValue)`)")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem(.unauthenticated, "the Authorization header must be 'Bearer <token>'")
        }
        // The parser has trimmed the field value; a tab between scheme and token is all that is left.
        guard let token = try await verifier.verify(String(parts[1].drop { $0 == " " || $0 == "\t" })) else {
            throw Problem(.unauthenticated, "the bearer token is not valid (unknown or revoked)")
        }
        guard token.scope.allows(needed) else {
            throw Problem(.forbidden, "\(request.method) \(request.uri.path) needs scope '\(needed.rawValue)'; "
                + "this token has scope '\(token.scope.rawValue)'")
        }
        var context = context
        context.token = token
        context.logger[metadataKey: "token_id"] = "\(token.id)"
        return try await next(request, context)
    }

    /// The scope `request` needs, or nil on an open route.
    func scope(for request: Request) -> Scope? {
        let path = request.uri.path
        switch path {
        case "/healthz", "/readyz", "/openapi.yaml": return nil
        case "/metrics": return metricsRequireToken ? .read : nil
        default: break
        }
        if path == "/v1/tokens" || path.hasPrefix("/v1/tokens/") || path == "/v1/series" { return .admin }
        return request.method == .get || request.method == .head ? .read : .write
    }
}
