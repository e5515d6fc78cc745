import HTTPTypes
import Hummingbird

/// Every route of the service and the methods it answers: what a wrong method on a known path
/// is told (405 with `Allow`). A test checks it against the routes answering and against
/// docs/openapi.yaml, so the three stay one.
enum RouteTable {
    static let routes: [(pattern: String, methods: [HTTPRequest.Method])] = [
        ("/healthz", [.get]),
        ("/readyz", [.get]),
        ("/metrics", [.get]),
        ("/openapi.yaml", [.get]),
        ("/v1/plans/latest", [.get]),
        ("/v1/plans/{id}", [.get]),
        ("/v1/forecasts", [.get]),
        ("/v1/traffic", [.post]),
        ("/v1/series", [.delete]),
        ("/v1/jobs", [.get]),
        ("/v1/jobs/{job}", [.get, .post]),
        ("/v1/pool", [.get]),
        ("/v1/executions", [.get]),
        ("/v1/reports/cost.csv", [.get]),
        ("/v1/tokens", [.get, .post]),
        ("/v1/tokens/{id}", [.delete]),
    ]

    /// The patterns split into segments once; `nil` stands for a `{name}` segment.
    private static let compiled: [(segments: [Substring?], methods: [HTTPRequest.Method])] = routes.map { route in
        (route.pattern.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix("{") ? nil : $0 },
         route.methods)
    }

    /// The methods the routes matching `path` answer; empty when no route matches. A `{name}`
    /// segment matches any one non-empty segment; a constant segment wins over it
    /// (`/v1/plans/latest`). Runs on every request: the patterns are split once, the path once.
    static func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var constant: [HTTPRequest.Method]?, parameter: [HTTPRequest.Method] = []
        for route in compiled where route.segments.count == segments.count {
            var exact = true, matches = true
            for (want, have) in zip(route.segments, segments) {
                if let want {
                    if want != have { matches = false; break }
                } else if have.isEmpty {
                    matches = false; break
                } else {
                    exact = false
                }
            }
            guard matches else { continue }
            if exact { constant = route.methods } else { parameter += route.methods }
        }
        return constant ?? parameter
    }
}

/// Answers a wrong method on a known path with 405 and `Allow`, before authentication (the
/// method is wrong whoever asks). Paths no route knows go on, to be answered 404.
struct MethodMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = RouteTable.methods(for: request.uri.path)
        guard allowed.isEmpty || allowed.contains(request.method) else {
            var problem = Problem(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path); it answers "
                + allowed.map(\.rawValue).joined(separator: ", "))
            problem.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            throw problem
        }
        return try await next(request, context)
    }
}
