import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Store
import Testing

/// `POST /v1/pool/events` and `GET /v1/pool/events`: provider news over REST.
@Suite struct PoolEventRoutesTests {
    @Test func aNoticeIsStoredListedAndShownOnTheNode() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let node = try #require(try database.poolTables().nodes.first { $0.state != "terminated" })
        try await ServiceFixture.withService(database) { client in
            let write = HTTPFields.bearer(tokens[.write]).merging([.contentType: "application/json"])
            let body = #"{"kind":"interruption-notice","node":"node-\#(node.number)","at":"2026-11-24T00:30:00Z","reclaim_at":"2026-11-24T00:32:00Z"}"#
            try await client.execute(uri: "/v1/pool/events", method: .post, headers: write, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .accepted)
                #expect(response.json["kind"] as? String == "interruption-notice")
                #expect(response.json["node"] as? String == "node-\(node.number)")
                #expect(response.json["reclaim_at"] as? String == "2026-11-24T00:32:00Z")
                #expect(response.json["taken_round"] == nil)
            }
            try await client.execute(uri: "/v1/pool/events", method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                let events = try #require(response.json["events"] as? [[String: Any]])
                #expect(events.count == 1 && events.first?["at"] as? String == "2026-11-24T00:30:00Z")
            }
            try await client.execute(uri: "/v1/pool/events", method: .post, headers: .bearer(tokens[.read]).merging([.contentType: "application/json"]),
                                     body: ByteBuffer(string: body)) {
                #expect($0.status == .forbidden)
            }
        }
        #expect(try database.untakenPoolEvents().count == 1)
    }

    /// Each bad body gets a problem naming the field, and nothing is stored.
    @Test func badEventsAreRefusedNamingTheFieldAndStoreNothing() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let node = try #require(try database.poolTables().nodes.first { $0.state != "terminated" })
        let cases: [(body: String, status: HTTPResponse.Status, detail: String)] = [
            ("not json", .badRequest, "the body must be a JSON object"),
            (#"{"kind":"node-lost"}"#, .badRequest, "node: missing"),
            (#"{"kind":"node-lost","node":"node-1","colour":"red"}"#, .badRequest, "colour: not a field of a pool event"),
            (#"{"kind":"node-lost","node":3}"#, .badRequest, "node: must be a string"),
            (#"{"kind":"exploded","node":"node-1"}"#, .badRequest, "kind: 'exploded' is not one of node-ready, node-lost, interruption-notice"),
            (#"{"kind":"interruption-notice","node":"node-\#(node.number)"}"#, .badRequest,
             "reclaim_at: an interruption-notice needs the time the node is reclaimed"),
            (#"{"kind":"node-lost","node":"node-\#(node.number)","at":"soon"}"#, .badRequest, "at: 'soon' is not an RFC 3339 time"),
            (#"{"kind":"node-lost","node":"node-99999"}"#, .notFound, "the pool has no node-99999"),
        ]
        try await ServiceFixture.withService(database) { client in
            let write = HTTPFields.bearer(tokens[.write]).merging([.contentType: "application/json"])
            for (body, status, detail) in cases {
                try await client.execute(uri: "/v1/pool/events", method: .post, headers: write, body: ByteBuffer(string: body)) {
                    #expect($0.status == status, "\(body)")
                    #expect(($0.json["detail"] as? String)?.hasPrefix(detail) == true, "\(body): \($0.json["detail"] ?? "")")
                }
            }
            try await client.execute(uri: "/v1/pool/events", method: .post, headers: .bearer(tokens[.write]),
                                     body: ByteBuffer(string: "kind=node-lost")) {
                #expect($0.status == .unsupportedMediaType)
            }
            try await client.execute(uri: "/v1/pool/events?limit=0", method: .get, headers: .bearer(tokens[.read])) {
                #expect($0.status == .badRequest)
            }
        }
        #expect(try database.poolEvents().isEmpty)
    }
}
