import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Store
import Testing
import Yams

@Suite struct RouteTableTests {
    let table: RouteTable

    init() throws {
        let database = try AppDatabase.inMemory()
        table = RouteTable(try ServiceFixture.routes(database).all)
    }

    @Test func patternsMatchPaths() {
        #expect(table.methods(for: "/v1/plans/latest") == [.get])
        #expect(table.methods(for: "/v1/plans/7") == [.get])
        #expect(table.methods(for: "/v1/jobs/forecast") == [.get, .post])
        #expect(table.methods(for: "/v1/tokens/3") == [.delete])
        #expect(table.methods(for: "/v1/nowhere").isEmpty)
        #expect(table.methods(for: "/v1/plans/").isEmpty)
    }

    /// Each route's access comes from its declaration; paths no route declares below
    /// `/v1/tokens/` need admin.
    @Test func accessIsDerivedFromTheDeclarations() {
        #expect(table.access(for: "/healthz", method: .get) == .open)
        #expect(table.access(for: "/metrics", method: .get) == .metrics)
        #expect(table.access(for: "/v1/plans/latest", method: .get) == .token(.read))
        #expect(table.access(for: "/v1/jobs/plan", method: .post) == .token(.write))
        #expect(table.access(for: "/v1/jobs/7", method: .get) == .token(.read))
        #expect(table.access(for: "/v1/series", method: .delete) == .token(.admin))
        #expect(table.access(for: "/v1/tokens/3", method: .delete) == .token(.admin))
        #expect(table.access(for: "/v1/tokens/3", method: .get) == nil)
        #expect(table.adminPrefixes == ["/v1/tokens/"])
    }

    /// The declared routes and docs/openapi.yaml (as embedded in the binary) name the same
    /// paths and methods, and each operation's security is the route's access: `security: []`
    /// for open routes, optional (`[{}, {bearer: []}]`) for `/metrics`, else the bearer token
    /// with the scope the document states: `admin` where the summary says "Scope admin.",
    /// otherwise `read` for GET and `write` for the other methods.
    @Test func declarationsMatchTheOpenAPIDocument() throws {
        let document = try #require(try Yams.load(yaml: embeddedOpenAPIDocument) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var documented: [String: Route.Access] = [:]
        for (path, item) in paths {
            let operations = try #require(item as? [String: Any], "\(path)")
            for method in ["get", "put", "post", "delete", "patch", "head", "options"] {
                guard let operation = operations[method] as? [String: Any] else { continue }
                let access: Route.Access
                switch operation["security"] as? [[String: Any]] {
                case .some(let alternatives) where alternatives.isEmpty:
                    access = .open
                case .some(let alternatives) where alternatives.contains(where: \.isEmpty):
                    access = .metrics
                default:
                    let summary = operation["summary"] as? String ?? ""
                    access = .token(summary.contains("Scope admin.") ? .admin : method == "get" ? .read : .write)
                }
                documented["\(method.uppercased()) \(path)"] = access
            }
        }
        var declared: [String: Route.Access] = [:]
        for path in table.paths {
            for (method, access) in zip(path.methods, path.access) {
                declared["\(method.rawValue) \(path.pattern)"] = access
            }
        }
        #expect(Set(declared.keys).subtracting(documented.keys).isEmpty, "declared but not documented")
        #expect(Set(documented.keys).subtracting(declared.keys).isEmpty, "documented but not declared")
        for (operation, access) in declared {
            #expect(documented[operation].map { $0 == access } ?? true, "\(operation): declared \(access), documented \(String(describing: documented[operation]))")
        }
    }

    @Test func everyRouteAnswersItsMethodsAnd405TheRest() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let paths = table.paths
        try await ServiceFixture.withService(database) { client in
            for route in paths {
                let path = route.pattern.replacingOccurrences(of: "{id}", with: "999")
                    .replacingOccurrences(of: "{job}", with: "999")
                for method in route.methods where method != .post && method != .delete {
                    try await client.execute(uri: path, method: method, headers: .bearer(tokens[.admin])) {
                        #expect($0.status != .notFound || path.contains("999"), "\(method) \(path)")
                        #expect($0.status != .methodNotAllowed, "\(method) \(path)")
                    }
                }
                let wrong: HTTPRequest.Method = route.methods.contains(.put) ? .patch : .put
                try await client.execute(uri: path, method: wrong, headers: .bearer(tokens[.admin])) { response in
                    #expect(response.status == .methodNotAllowed, "\(wrong) \(path)")
                    #expect(response.headers[.allow] == route.methods.map(\.rawValue).joined(separator: ", "))
                    #expect(response.json["type"] as? String == "urn:headroom:problem:method-not-allowed")
                }
            }
        }
    }

    /// A path no route declares is refused like a known one (401 without a token, 403 with too
    /// small a scope) before it is answered 404.
    @Test func unknownPathsNeedTheScopeOfTheirMethod() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let cases: [(HTTPRequest.Method, String, Scope?, HTTPResponse.Status)] = [
                (.get, "/v1/nowhere", nil, .unauthorized),
                (.get, "/v1/nowhere", .read, .notFound),
                (.post, "/v1/nowhere", .read, .forbidden),
                (.post, "/v1/nowhere", .write, .notFound),
                (.get, "/v1/series/x", .read, .notFound),
                (.get, "/v1/tokens/1/2", .write, .forbidden),
                (.get, "/v1/tokens/1/2", .admin, .notFound),
            ]
            for (method, path, scope, status) in cases {
                try await client.execute(uri: path, method: method, headers: .bearer(scope.flatMap { tokens[$0] })) {
                    #expect($0.status == status, "\(method) \(path) with \(scope?.rawValue ?? "no token")")
                }
            }
        }
    }
}
