import HTTPTypes
import Hummingbird

/// The declared routes (``Routes/all``) by path: what a wrong method on a known path is told
/// (405 with `Allow`) and what access each method needs. Built once with the router: the
/// patterns are split into segments here, not on each request.
struct RouteTable: Sendable {
    /// One path pattern: its segments (`nil` for a `{name}` segment) and its methods with the
    /// access each needs, in ``methodOrder``.
    struct Path: Sendable {
        var pattern: String
        var segments: [Substring?]
        var methods: [HTTPRequest.Method]
        var access: [Route.Access]
    }

    /// The patterns in declaration order, each once.
    let paths: [Path]
    /// Prefixes (`/v1/tokens/`) under which every declared route needs `admin`: a path no route
    /// declares below one of them needs `admin` too (see ``AuthMiddleware``).
    let adminPrefixes: [String]

    /// The order methods are listed in (the `Allow` header).
    static let methodOrder: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    init(_ routes: [Route]) {
        var paths: [Path] = []
        for route in routes {
            if let index = paths.firstIndex(where: { $0.pattern == route.path }) {
                paths[index].methods.append(route.method)
                paths[index].access.append(route.access)
            } else {
                paths.append(Path(pattern: route.path,
                                  segments: route.path.split(separator: "/", omittingEmptySubsequences: false)
                                      .map { $0.hasPrefix("{") ? nil : $0 },
                                  methods: [route.method], access: [route.access]))
            }
        }
        for index in paths.indices {
            let rank = { (method: HTTPRequest.Method) in Self.methodOrder.firstIndex(of: method) ?? Self.methodOrder.count }
            let sorted = zip(paths[index].methods, paths[index].access).sorted { rank($0.0) < rank($1.0) }
            paths[index].methods = sorted.map(\.0)
            paths[index].access = sorted.map(\.1)
        }
        self.paths = paths
        let prefixes = Set(paths.compactMap { path -> String? in
            guard let brace = path.pattern.firstIndex(of: "{") else { return nil }
            return String(path.pattern[..<brace])
        })
        adminPrefixes = prefixes.filter { prefix in
            routes.allSatisfy { !$0.path.hasPrefix(prefix) || $0.access == .token(.admin) }
        }.sorted()
    }

    /// The methods the routes matching `path` answer, with the access each needs; empty when no
    /// route matches. A `{name}` segment matches any one non-empty segment; a constant segment
    /// wins over it (`/v1/plans/latest`). Runs on every request: the path is split once.
    func match(_ path: String) -> (methods: [HTTPRequest.Method], access: [Route.Access]) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var constant: Path?
        var parameter: (methods: [HTTPRequest.Method], access: [Route.Access]) = ([], [])
        for route in paths where route.segments.count == segments.count {
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
            if exact {
                constant = route
            } else if parameter.methods.isEmpty {
                parameter = (route.methods, route.access)
            } else {
                parameter.methods += route.methods
                parameter.access += route.access
            }
        }
        if let constant { return (constant.methods, constant.access) }
        return parameter
    }

    /// The methods the routes matching `path` answer; empty when no route matches.
    func methods(for path: String) -> [HTTPRequest.Method] {
        match(path).methods
    }

    /// The access `method` on `path` needs; nil when no route declares it.
    func access(for path: String, method: HTTPRequest.Method) -> Route.Access? {
        let found = match(path)
        return found.methods.firstIndex(of: method).map { found.access[$0] }
    }
}

/// Answers a wrong method on a known path with 405 and `Allow`, before authentication (the
/// method is wrong whoever asks), and hands the access the route needs to ``AuthMiddleware``
/// in the context. Paths no route knows go on, to be answered 404.
struct MethodMiddleware: RouterMiddleware {
    typealias Context = HeadroomRequestContext

    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = table.match(request.uri.path)
        guard !allowed.methods.isEmpty else { return try await next(request, context) }
        guard let index = allowed.methods.firstIndex(of: request.method) else {
            var problem = Problem(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path); it answers "
                + allowed.methods.map(\.rawValue).joined(separator: ", "))
            problem.headers[.allow] = allowed.methods.map(\.rawValue).joined(separator: ", ")
            throw problem
        }
        var context = context
        context.access = allowed.access[index]
        return try await next(request, context)
    }
}
