import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Store
import Testing

@Suite struct TrafficRoutesTests {
    func post(_ body: String, type: String, query: String = "", settings: ServerSettings = ServerSettings())
        async throws -> (status: HTTPResponse.Status, json: [String: Any], points: Int)
    {
        let (database, tokens) = try await ServiceFixture.database()
        let before = try await database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM traffic_point") ?? 0 }
        let response = try await ServiceFixture.withService(database, settings: settings) { client in
            try await client.execute(uri: "/v1/traffic\(query)", method: .post,
                                     headers: .bearer(tokens[.write]).merging([.contentType: type]),
                                     body: ByteBuffer(string: body)) { $0 }
        }
        let after = try await database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM traffic_point") ?? 0 }
        return (response.status, response.json, after - before)
    }

    @Test func jsonAndCSVBodiesAreStored() async throws {
        let json = """
            [{"timestamp":"2026-11-24T00:00:00Z","model":"m","region":"r","metric":"requests","value":5},
             {"timestamp":"2026-11-24T00:05:00Z","model":"m","region":"r","metric":"requests","value":7.5}]
            """
        let stored = try await post(json, type: "application/json")
        #expect(stored.status == .created)
        #expect(stored.json["rows_accepted"] as? Int == 2)
        #expect(stored.points == 2)
        let csv = "timestamp,model,region,metric,value\n2026-11-24T00:00:00Z,m,r,requests,5\n"
        let fromCSV = try await post(csv, type: "text/csv; charset=utf-8", query: "?step=5m&on_duplicate=sum")
        #expect(fromCSV.status == .created)
        #expect(fromCSV.points == 1)
    }

    @Test func oneBadRowStoresNothing() async throws {
        let json = """
            [{"timestamp":"2026-11-24T00:00:00Z","model":"m","region":"r","metric":"requests","value":5},
             {"timestamp":"2026-11-24T00:05:00Z","model":"m","region":"r","metric":"requests","value":-1}]
            """
        let result = try await post(json, type: "application/json")
        #expect(result.status == .badRequest)
        #expect(result.json["type"] as? String == "urn:headroom:problem:invalid-traffic")
        #expect((result.json["problems"] as? [String])?.first?.hasPrefix("[1].value:") == true)
        #expect(result.points == 0)
        let csv = "timestamp,model,region,metric,value\n2026-11-24T00:00:00Z,m,r,requests,5\nnot-a-time,m,r,requests,1\n"
        let fromCSV = try await post(csv, type: "text/csv")
        #expect(fromCSV.status == .badRequest)
        #expect((fromCSV.json["problems"] as? [String])?.first?.hasPrefix("line 3, column 1 (timestamp)") == true)
        #expect(fromCSV.points == 0)
    }

    /// JSON rows go straight to the validator the CSV reader uses (no CSV text in between): the
    /// same rules, each problem placed at its element and field, and the ingest log holds the
    /// SHA-256 of the body as sent.
    @Test func jsonRowsFollowTheCSVRulesAndTheLogHoldsTheBodysDigest() async throws {
        let bad = #"[{"timestamp":"2026-11-24T00:00:00Z","model":"a\r\nb","region":"r","metric":"requests","value":1},"#
            + #"{"timestamp":"2026-11-24","model":"m","region":"r","metric":"tokens","value":1}]"#
        let refused = try await post(bad, type: "application/json")
        #expect(refused.status == .badRequest)
        #expect(refused.json["problems"] as? [String] == [
            "[0].model: model contains a control character (byte 0xd)",
            "[1].timestamp: '2026-11-24' is not an RFC 3339 time with Z or an offset (e.g. 2024-05-01T13:05:00Z) nor whole Unix seconds",
        ])
        let body = #"[{"timestamp":"2026-11-24T00:00:00Z","model":"m,\"q\"","region":"r","metric":"requests","value":2}]"#
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/traffic", method: .post,
                                     headers: .bearer(tokens[.write]).merging([.contentType: "application/json"]),
                                     body: ByteBuffer(string: body)) { #expect($0.status == .created) }
        }
        let logged = try await database.writer.read {
            try String.fetchOne($0, sql: "SELECT sha256 FROM ingest_log WHERE source = 'api' ORDER BY id DESC LIMIT 1")
        }
        #expect(logged == SHA256.hash(data: Data(body.utf8)).map { String(format: "%02x", $0) }.joined())
        #expect(try database.seriesSummaries().contains { $0.key.model == #"m,"q""# })
    }

    @Test func malformedBodiesAre400() async throws {
        let bodies: [(String, String)] = [
            ("{}", "must be an array"),
            ("[1]", "[0]: each row must be a JSON object"),
            ("[]", "no traffic rows"),
            ("[{", "not valid JSON"),
            (#"[{"timestamp":"2026-11-24T00:00:00Z","model":"m","region":"r","metric":"requests","value":true}]"#, "[0].value: must be a number"),
            (#"[{"timestamp":"2026-11-24T00:00:00Z","model":"m","region":"r","metric":"requests"}]"#, "[0].value: missing"),
            (#"[{"timestamp":"2026-11-24T00:00:00Z","model":"m","region":"r","metric":"requests","value":1,"x":2}]"#, "[0].x: unknown field"),
            (#"[{"timestamp":1,"model":"m","region":"r","metric":"requests","value":1}]"#, "[0].timestamp: must be a string"),
        ]
        for (body, message) in bodies {
            let result = try await post(body, type: "application/json")
            #expect(result.status == .badRequest, "\(body)")
            #expect((result.json["detail"] as? String)?.contains(message) == true, "\(body): \(result.json["detail"] ?? "")")
            #expect(result.points == 0)
        }
    }

    @Test func wrongTypeQueryAndSize() async throws {
        let csv = "timestamp,model,region,metric,value\n2026-11-24T00:00:00Z,m,r,requests,5\n"
        #expect(try await post(csv, type: "text/plain").status == .unsupportedMediaType)
        #expect(try await post(csv, type: "text/csv", query: "?step=7x").status == .badRequest)
        #expect(try await post(csv, type: "text/csv", query: "?on_duplicate=merge").status == .badRequest)
        #expect(try await post(csv, type: "text/csv", query: "?dry_run=1").status == .badRequest)
        let large = try await post(csv + String(repeating: "2026-11-24T00:05:00Z,m,r,requests,5\n", count: 100),
                                   type: "text/csv", settings: ServerSettings(maxRequestBytes: 1024))
        #expect(large.status == .contentTooLarge)
        #expect(large.json["type"] as? String == "urn:headroom:problem:body-too-large")
        #expect(large.points == 0)
    }
}
