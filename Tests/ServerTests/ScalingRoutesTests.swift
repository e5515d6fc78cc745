import Config
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Jobs
import Planning
@testable import Server
import Store
import Testing
import Traffic

/// `GET /v1/scaling` and `GET /v1/exports/kubernetes.yaml`: what a cluster's autoscaler reads.
@Suite struct ScalingRoutesTests {
    /// The service's clock fixed at `at`, with the example fleet.
    func settings(at: Int64) throws -> ServerSettings {
        var settings = ServerSettings()
        settings.now = { at }
        settings.fleet = try ConfigurationReader.example()
        return settings
    }

    @Test func scalingIsThePlansLaunchedReplicasNow() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let (planID, stored) = try #require(try database.modelPlan(model: "chat-8b", region: "us-east-1"))
        let plan = try #require(PlanJSON.modelPlan(stored.plan))
        let at = plan.start + 12 * plan.stepSeconds + 10
        try await ServiceFixture.withService(database, settings: try settings(at: at)) { client in
            try await client.execute(uri: "/v1/scaling?model=chat-8b&region=us-east-1", method: .get,
                                     headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                let json = response.json
                #expect(json["replicas"] as? Int == plan.launchedReplicas[12])
                #expect(json["plan_id"] as? Int == Int(planID))
                #expect(json["at"] as? String == Timestamp.format(at))
                #expect(json["step_start"] as? String == Timestamp.format(plan.start + 12 * plan.stepSeconds))
                if let next = plan.launchedReplicas[13...].firstIndex(where: { $0 != plan.launchedReplicas[12] }) {
                    #expect(json["next_change_at"] as? String == Timestamp.format(plan.start + Int64(next) * plan.stepSeconds))
                    #expect(json["next_replicas"] as? Int == plan.launchedReplicas[next])
                }
            }
            let cases: [(String, Scope, HTTPResponse.Status, String)] = [
                ("/v1/scaling?model=chat-8b", .read, .badRequest, "query parameter 'region' is required"),
                ("/v1/scaling?region=us-east-1", .read, .badRequest, "query parameter 'model' is required"),
                ("/v1/scaling?model=chat-8b&region=us-east-1&at=now", .read, .badRequest, "unknown query parameter 'at'"),
                ("/v1/scaling?model=chat-9b&region=us-east-1", .read, .notFound, "has no chat-9b in us-east-1"),
                ("/v1/scaling?model=chat-8b&region=us-east-1", .write, .ok, ""),
            ]
            for (uri, scope, status, detail) in cases {
                try await client.execute(uri: uri, method: .get, headers: .bearer(tokens[scope])) { response in
                    #expect(response.status == status, "\(uri)")
                    if !detail.isEmpty { #expect((response.json["detail"] as? String)?.contains(detail) == true, "\(response.json)") }
                }
            }
        }
        let end = plan.start + Int64(plan.launchedReplicas.count) * plan.stepSeconds
        try await ServiceFixture.withService(database, settings: try settings(at: end)) { client in
            try await client.execute(uri: "/v1/scaling?model=chat-8b&region=us-east-1", method: .get,
                                     headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .conflict)
                #expect((response.json["detail"] as? String)?.contains("run the forecast and plan jobs") == true)
            }
        }
    }

    @Test func theKubernetesExport() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database, settings: try settings(at: ServiceFixture.end)) { client in
            try await client.execute(uri: "/v1/exports/kubernetes.yaml?model=chat-8b&region=us-east-1&namespace=serving",
                                     method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                #expect(response.text.contains("kind: ScaledObject") && response.text.contains("namespace: serving"))
            }
            try await client.execute(uri: "/v1/exports/kubernetes.yaml?all=true&format=hpa", method: .get,
                                     headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                #expect(response.text.components(separatedBy: "kind: HorizontalPodAutoscaler").count == 9, "8 model-regions")
            }
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("?model=chat-8b", .badRequest, "required together"),
                ("?all=true&model=chat-8b", .badRequest, "leave out 'model'"),
                ("?all=yes", .badRequest, "'yes' is not one of true"),
                ("?model=chat-8b&region=us-east-1&format=xml", .badRequest, "'xml' is not one of keda, hpa"),
                ("?model=chat-8b&region=us-east-1&namespace=Serving", .badRequest, "namespace 'Serving' is not a DNS-1123 label"),
                ("?model=chat-9b&region=us-east-1", .notFound, "model 'chat-9b' is not configured"),
                ("?model=chat-8b&region=mars-1", .notFound, "does not serve region 'mars-1'"),
            ]
            for (query, status, detail) in cases {
                try await client.execute(uri: "/v1/exports/kubernetes.yaml" + query, method: .get,
                                         headers: .bearer(tokens[.read])) { response in
                    #expect(response.status == status, "\(query)")
                    #expect((response.json["detail"] as? String)?.contains(detail) == true, "\(query): \(response.json)")
                }
            }
        }
    }
}
