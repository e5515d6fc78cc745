import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Store
import Testing

@Suite struct RouteTableTests {
    @Test func patternsMatchPaths() {
        #expect(RouteTable.methods(for: "/v1/plans/latest") == [.get])
        #expect(RouteTable.methods(for: "/v1/plans/7") == [.get])
        #expect(RouteTable.methods(for: "/v1/jobs/forecast") == [.get, .post])
        #expect(RouteTable.methods(for: "/v1/tokens/3") == [.delete])
        #expect(RouteTable.methods(for: "/v1/nowhere").isEmpty)
        #expect(RouteTable.methods(for: "/v1/plans/").isEmpty)
    }

    /// The table, the routes that answer and docs/openapi.yaml name the same paths and methods.
    @Test func tableMatchesTheOpenAPIDocument() {
        var documented: [String: Set<String>] = [:]
        var path: String?
        for line in embeddedOpenAPIDocument.split(separator: "\n") {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("components:") {
                path = nil
            } else if let current = path, let method = ["get", "post", "delete"].first(where: { line == "    \($0):" }) {
                documented[current, default: []].insert(method.uppercased())
            }
        }
        let table = Dictionary(uniqueKeysWithValues: RouteTable.routes.map { ($0.pattern, Set($0.methods.map(\.rawValue))) })
        #expect(documented == table)
    }

    @Test func everyRouteAnswersItsMethodsAnd405TheRest() async throws {
        let (database, tokens) = try ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            for route in RouteTable.routes {
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
}
