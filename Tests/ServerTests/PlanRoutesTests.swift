import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Store
import Testing

@Suite struct PlanRoutesTests {
    @Test func latestPlanForOneModel() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/plans/latest?model=chat-8b&region=us-east-1", method: .get,
                                     headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                let json = response.json
                let models = try #require(json["models"] as? [[String: Any]])
                #expect(models.count == 1)
                #expect(models[0]["model"] as? String == "chat-8b")
                let steps = try #require(models[0]["steps"] as? [[String: Any]])
                #expect(steps.count == 288)
                #expect((steps[0]["start"] as? String)?.hasSuffix("Z") == true)
                #expect((json["capacity"] as? [Any])?.count == 1)
                #expect((json["costs"] as? [String: Any])?["monthly_usd"] is Double)
            }
        }
    }

    @Test func etagGivesNotModified() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let first = try await client.execute(uri: "/v1/plans/latest", method: .get, headers: .bearer(tokens[.read])) { $0 }
            let etag = try #require(first.headers[.eTag])
            let headers = HTTPFields.bearer(tokens[.read]).merging([.ifNoneMatch: etag])
            try await client.execute(uri: "/v1/plans/latest", method: .get, headers: headers) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/v1/plans/1", method: .get, headers: headers) { #expect($0.status == .notModified) }
            let other = HTTPFields.bearer(tokens[.read]).merging([.ifNoneMatch: "\"stale\", W/\"older\""])
            try await client.execute(uri: "/v1/plans/1", method: .get, headers: other) { #expect($0.status == .ok) }
        }
    }

    @Test func badPlanRequestsAre4xxProblems() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/v1/plans/latest?modle=chat-8b", .badRequest, "unknown-parameter"),
                ("/v1/plans/latest?model=", .badRequest, "invalid-parameter"),
                ("/v1/plans/latest?model=a&model=b", .badRequest, "invalid-parameter"),
                ("/v1/plans/abc", .badRequest, "invalid-parameter"),
                ("/v1/plans/-4", .badRequest, "invalid-parameter"),
                ("/v1/plans/99999999999999999999", .badRequest, "invalid-parameter"),
                ("/v1/plans/42", .notFound, "not-found"),
                ("/v1/plans/latest?model=gpt-9", .notFound, "not-found"),
            ]
            for (uri, status, kind) in cases {
                try await client.execute(uri: uri, method: .get, headers: .bearer(tokens[.read])) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect(response.json["type"] as? String == "urn:headroom:problem:\(kind)", "\(uri)")
                    #expect(response.json["detail"] is String)
                }
            }
        }
    }

    @Test func noPlanYetIs404() async throws {
        let database = try AppDatabase.inMemory()
        let token = try AccessToken.create(scope: .read, name: "t", in: database).token
        try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/plans/latest", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .notFound)
                #expect((response.json["detail"] as? String)?.contains("no plan is stored yet") == true)
            }
        }
    }
}

@Suite struct PlanWindowTests {
    @Test func stepsCutToTheWindow() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let uri = "/v1/plans/latest?model=chat-8b&region=us-east-1&from=2026-11-24T01:00:00Z&to=2026-11-24T02:00:00Z"
            try await client.execute(uri: uri, method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                let models = try #require(response.json["models"] as? [[String: Any]])
                let steps = try #require(models.first?["steps"] as? [[String: Any]])
                #expect(steps.count == 12)
                #expect(steps.first?["start"] as? String == "2026-11-24T01:00:00Z")
            }
            try await client.execute(uri: "/v1/plans/latest?from=2026-11-24T02:00:00Z&to=2026-11-24T01:00:00Z", method: .get,
                                     headers: .bearer(tokens[.read])) { #expect($0.status == .badRequest) }
        }
    }
}
