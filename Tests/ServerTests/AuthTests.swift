import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Store
import Testing

@Suite struct AuthTests {
    @Test func openRoutesNeedNoToken() async throws {
        let (database, _) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            for path in ["/healthz", "/readyz", "/openapi.yaml", "/metrics"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .ok, "\(path)") }
            }
        }
    }

    @Test func missingOrUnknownTokenIs401() async throws {
        let (database, _) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            for headers: HTTPFields in [[:], .bearer("hr_not-a-token"), [.authorization: "Basic abc"]] {
                try await client.execute(uri: "/v1/plans/latest", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"headroom\"")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(response.json["type"] as? String == "urn:headroom:problem:unauthenticated")
                }
            }
        }
    }

    @Test func scopesNest() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            // read: GET yes, POST no, tokens no.
            try await client.execute(uri: "/v1/pool", method: .get, headers: .bearer(tokens[.read])) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/traffic", method: .post, headers: .bearer(tokens[.read])) {
                #expect($0.status == .forbidden)
                #expect($0.json["type"] as? String == "urn:headroom:problem:forbidden")
            }
            try await client.execute(uri: "/v1/tokens", method: .get, headers: .bearer(tokens[.write])) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/v1/tokens", method: .get, headers: .bearer(tokens[.admin])) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("sha256"), "hashes are never listed")
            }
        }
    }

    @Test func revokedTokenStopsWorking() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let created = try await client.execute(
                uri: "/v1/tokens", method: .post, headers: .bearer(tokens[.admin]).merging([.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"scope":"read","name":"dashboard"}"#)) { $0 }
            #expect(created.status == .created)
            let token = try #require(created.json["token"] as? String)
            let id = try #require((created.json["details"] as? [String: Any])?["id"] as? Int)
            try await client.execute(uri: "/v1/pool", method: .get, headers: .bearer(token)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/tokens/\(id)", method: .delete, headers: .bearer(tokens[.admin])) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/pool", method: .get, headers: .bearer(token)) {
                #expect($0.status == .unauthorized)
            }
        }
        #expect(try database.accessTokens().allSatisfy { $0.sha256.count == 64 && !$0.sha256.hasPrefix("hr_") })
    }

    @Test func badTokenRequestsStoreNothing() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let before = try database.accessTokens().count
        try await ServiceFixture.withService(database) { client in
            let admin = HTTPFields.bearer(tokens[.admin]).merging([.contentType: "application/json"])
            for body in [#"{"scope":"root"}"#, #"{"name":"x"}"#, "not json", #"{"scope":"read","name":""}"#] {
                try await client.execute(uri: "/v1/tokens", method: .post, headers: admin, body: ByteBuffer(string: body)) {
                    #expect($0.status == .badRequest, "\(body)")
                }
            }
            try await client.execute(uri: "/v1/tokens/abc", method: .delete, headers: .bearer(tokens[.admin])) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/v1/tokens/999", method: .delete, headers: .bearer(tokens[.admin])) {
                #expect($0.status == .notFound)
            }
        }
        #expect(try database.accessTokens().count == before)
    }

    @Test func metricsCanRequireAToken() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database, settings: ServerSettings(metricsRequireToken: true)) { client in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("headroom_planned_monthly_cost_usd"))
            }
        }
    }

    @Test func constantTimeComparison() {
        #expect(AccessToken.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!AccessToken.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!AccessToken.constantTimeEqual([1, 2], [1, 2, 3]))
        let token = AccessToken.generate()
        #expect(token.hasPrefix("hr_") && token.count == 46)
        #expect(AccessToken.hexDigest(token).count == 64)
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var fields = self
        fields.append(contentsOf: other)
        return fields
    }
}
