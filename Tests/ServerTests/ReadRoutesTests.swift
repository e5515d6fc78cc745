import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Store
import Testing

@Suite struct ReadRoutesTests {
    @Test func forecastsInARange() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let uri = "/v1/forecasts?model=chat-8b&region=us-east-1&metric=requests&from=2026-11-24T00:00:00Z&to=2026-11-24T01:00:00Z"
            try await client.execute(uri: uri, method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                let series = try #require(response.json["series"] as? [[String: Any]])
                #expect(series.count == 1)
                let points = try #require(series[0]["points"] as? [[String: Any]])
                #expect(points.count == 12)
                #expect(points[0]["time"] as? String == "2026-11-24T00:00:00Z")
                let quantiles = try #require(points[0]["quantiles"] as? [String: Double])
                #expect(quantiles["0.5"] != nil && quantiles["0.95"] != nil)
            }
        }
    }

    @Test func badForecastQueries() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            for uri in ["/v1/forecasts?metric=latency", "/v1/forecasts?from=yesterday",
                        "/v1/forecasts?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z", "/v1/forecasts?limit=3"] {
                try await client.execute(uri: uri, method: .get, headers: .bearer(tokens[.read])) {
                    #expect($0.status == .badRequest, "\(uri)")
                }
            }
            try await client.execute(uri: "/v1/forecasts?model=nope", method: .get, headers: .bearer(tokens[.read])) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func poolAndExecutions() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/pool", method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                #expect(!((response.json["nodes"] as? [Any]) ?? []).isEmpty)
                #expect((response.json["metrics"] as? [String: Any])?["stranded_gpus"] is Int)
            }
            try await client.execute(uri: "/v1/executions?limit=1", method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                #expect((response.json["executions"] as? [Any])?.count == 1)
            }
            for uri in ["/v1/executions?limit=0", "/v1/executions?limit=x", "/v1/pool?verbose=1"] {
                try await client.execute(uri: uri, method: .get, headers: .bearer(tokens[.read])) {
                    #expect($0.status == .badRequest, "\(uri)")
                }
            }
        }
    }

    @Test func unknownRouteAndMethod() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/nowhere", method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[values: HTTPField.Name("X-Request-Id")!].count == 1)
            }
        }
    }

    @Test func metricsExposeTheDomain() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        _ = try database.saveTuneRun(days: 14, settings: [TunedSettingRecord(
            model: "chat-8b", region: "us-east-1", status: "tuned", sloServed: 0.999, quantile: 0.5, utilization: 0.8125,
            servedFraction: 0.9993, costUSD: 900, reactiveUtilization: 0.75, reactiveServedFraction: 0.9991,
            reactiveReached: true, reactiveCostUSD: 1000, floorCostUSD: 800, replays: 30, replayStart: 0,
            replayEnd: 14 * 86_400, trainDays: 28)])
        let source = "prometheus http://127.0.0.1:9090"
        try database.recordPull(PullRecord(source: source, startedAt: 1_764_547_200, status: .succeeded, seriesSkipped: 3))
        try database.recordPull(PullRecord(source: source, startedAt: 1_764_550_800, status: .failed, error: "no answer"))
        try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/plans/latest", method: .get, headers: .bearer(tokens[.read])) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                for name in ["headroom_planned_monthly_cost_usd", "headroom_pool_packing_efficiency",
                             "headroom_pool_stranded_gpus", "headroom_forecast_backtest_mase", "hb_requests",
                             "http_server_request_duration"] {
                    #expect(response.text.contains(name), "\(name)")
                }
                let tuned = response.text.split(separator: "\n").filter { $0.hasPrefix("headroom_tuned_") }.map(String.init)
                for (name, value) in [("utilization", "0.8125"), ("quantile", "0.5"), ("served_fraction", "0.9993"),
                                      ("slo_served", "0.999"), ("reached", "1.0")] {
                    #expect(tuned.contains { $0.hasPrefix("headroom_tuned_\(name){") && $0.contains("model=\"chat-8b\"")
                        && $0.contains("region=\"us-east-1\"") && $0.hasSuffix(" \(value)") }, "\(name): \(tuned)")
                }
                // Pulls: per source, skipped series of the last succeeded pull, failed pulls, last success.
                let pulls = response.text.split(separator: "\n").filter { $0.hasPrefix("headroom_pull_") }.map(String.init)
                for (name, value) in [("series_skipped", " 3.0"), ("errors", " 1.0"), ("samples_stored", " 0.0"),
                                      ("last_success_timestamp_seconds", "")] {
                    #expect(pulls.contains { $0.hasPrefix("headroom_pull_\(name){source=\"\(source)\"}") && $0.hasSuffix(value) },
                            "\(name): \(pulls)")
                }
            }
        }
    }

    /// Each model's plan says which settings it was planned with.
    @Test func plansSayWhichSettingsTheyUse() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/plans/latest", method: .get, headers: .bearer(tokens[.read])) { response in
                let models = try #require(response.json["models"] as? [[String: Any]])
                let chat = try #require(models.first { $0["model"] as? String == "chat-8b" })
                let settings = try #require(chat["settings"] as? [String: Any])
                #expect(settings["source"] as? String == "configured")
                #expect(settings["quantile"] as? Double == 0.95 && settings["target_utilization"] as? Double == 0.65)
                #expect((settings["note"] as? String)?.hasPrefix("not tuned yet") == true)
            }
        }
    }
}
