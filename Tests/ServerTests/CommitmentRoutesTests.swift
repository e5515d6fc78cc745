import Config
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Planning
@testable import Server
import Store
import Testing
import Traffic

/// `GET /v1/commitments` and `GET /v1/commitments/advice`.
@Suite struct CommitmentRoutesTests {
    func settings(commitments: [Commitment]) throws -> ServerSettings {
        var settings = ServerSettings()
        var fleet = try ConfigurationReader.example()
        fleet.commitments = commitments
        settings.fleet = fleet
        return settings
    }

    @Test func commitmentsAndAdvice() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let end = ServiceFixture.end
        let held = Commitment(name: "east-h100", kind: .reservedNodes, region: "us-east-1", gpuType: "H100", nodes: 1,
                              start: end - 7 * 86_400, end: end + 30 * 86_400, usdPerGPUHour: 4.27)
        try await ServiceFixture.withService(database, settings: try settings(commitments: [held])) { client in
            try await client.execute(uri: "/v1/commitments", method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                let list = response.json["commitments"] as? [[String: Any]] ?? []
                #expect(list.count == 1)
                #expect(list.first?["name"] as? String == "east-h100")
                #expect(list.first?["kind"] as? String == "reserved-nodes")
                #expect(abs((list.first?["held_gpu_hours"] as? Double ?? 0) - 7 * 24 * 8) < 1e-6)
                #expect((list.first?["utilization"] as? Double ?? 0) > 0)
            }
            try await client.execute(uri: "/v1/commitments/advice?term=3y&confidence=0.9", method: .get,
                                     headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                #expect(response.json["term"] as? String == "3y")
                let pools = response.json["pools"] as? [[String: Any]] ?? []
                let east = pools.first {
                    $0["region"] as? String == "us-east-1" && $0["gpu_type"] as? String == "H100" && $0["kind"] as? String == "reserved-nodes"
                }
                #expect(east?["held_nodes"] as? Int == 1)
                let plan = pools.first {
                    $0["region"] as? String == "us-east-1" && $0["gpu_type"] as? String == "H100" && $0["kind"] as? String == "savings-plan"
                }
                #expect(plan?["unit_gpus"] as? Int == 1 && plan?["held_gpus"] as? Double == 8)
                #expect((plan?["advice"] as? [String: Any])?["usd_per_hour"] is Double)
                #expect(east?["term_hours"] as? Int == 26_298)
                #expect((east?["advice"] as? [String: Any])?["nodes"] is Int)
                #expect((east?["renewals"] as? [[String: Any]])?.first?["name"] as? String == "east-h100")
                #expect((response.json["capacity_blocks"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/v1/commitments/advice?kind=capacity-block&window=2026-11-27/2026-12-04",
                                     method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                #expect((response.json["pools"] as? [Any])?.isEmpty == true)
                let blocks = response.json["capacity_blocks"] as? [[String: Any]] ?? []
                let east = blocks.first { $0["region"] as? String == "us-east-1" && $0["gpu_type"] as? String == "H100" }
                #expect(east?["window"] as? String == "2026-11-27/2026-12-04")
                #expect(east?["start"] as? String == "2026-11-27T00:00:00Z")
                #expect(east?["hours"] as? Int == 168)
                #expect((east?["advice"] as? [String: Any])?["nodes"] is Int)
            }
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/v1/commitments/advice?term=2y", .badRequest, "query parameter 'term': '2y' is not one of 1y, 3y"),
                ("/v1/commitments/advice?confidence=1.5", .badRequest, "query parameter 'confidence': '1.5' is not a number from 0.01 to 0.99"),
                ("/v1/commitments/advice?lookback_days=0", .badRequest, "'lookback_days': '0' is not a whole number from 1 to 365"),
                ("/v1/commitments?history_days=3", .badRequest, "'history_days': '3' is not a whole number from 7 to 1100"),
                ("/v1/commitments?term=1y", .badRequest, "unknown query parameter 'term'"),
                ("/v1/commitments/advice?kind=savings", .badRequest,
                 "query parameter 'kind': 'savings' is not one of reserved-nodes, capacity-block, savings-plan"),
                ("/v1/commitments/advice?window=2026-12-01", .badRequest, "query parameter 'window': '2026-12-01' is not FROM/TO"),
                ("/v1/commitments/advice?window=2026-12-01/2026-12-08&kind=reserved-nodes", .badRequest,
                 "query parameter 'window' advises capacity blocks; it cannot go with kind=reserved-nodes"),
            ]
            for (uri, status, detail) in cases {
                try await client.execute(uri: uri, method: .get, headers: .bearer(tokens[.read])) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect((response.json["detail"] as? String)?.contains(detail) == true, "\(uri): \(response.json)")
                }
            }
        }
        // Without a fleet configuration the service says so.
        try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/commitments/advice", method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }
}
