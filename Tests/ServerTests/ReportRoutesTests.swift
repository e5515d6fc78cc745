import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Store
import Testing

@Suite struct ReportRoutesTests {
    @Test func costCSVStreamsFOCUSRows() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let uri = "/v1/reports/cost.csv?from=2026-11-24T00:00:00Z&to=2026-11-24T06:00:00Z&granularity=hour&group_by=model,region"
            try await client.execute(uri: uri, method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                let lines = response.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                let header = try #require(lines.first)
                for column in ["ChargePeriodStart", "BilledCost", "EffectiveCost", "ListCost", "PricingCategory",
                               "ConsumedQuantity", "x_model", "x_cost_per_1k_requests"] {
                    #expect(header.contains(column), "\(column)")
                }
                #expect(lines.count > 6)
                #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("2026-11-24T0") })
            }
            let day = "/v1/reports/cost.csv?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z&granularity=day&group_by=region"
            try await client.execute(uri: day, method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                #expect(!response.text.components(separatedBy: "\r\n")[0].isEmpty)
            }
        }
    }

    @Test func badReportQueries() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let cases: [(String, HTTPResponse.Status)] = [
                ("", .badRequest),
                ("?from=2026-11-24T00:00:00Z", .badRequest),
                ("?from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z", .badRequest),
                ("?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z&granularity=week", .badRequest),
                ("?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z&group_by=gpu", .badRequest),
                ("?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", .badRequest),
                ("?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z", .notFound),
                ("?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z&format=json", .badRequest),
            ]
            for (query, status) in cases {
                try await client.execute(uri: "/v1/reports/cost.csv\(query)", method: .get, headers: .bearer(tokens[.read])) {
                    #expect($0.status == status, "\(query)")
                    #expect($0.headers[.contentType] == "application/problem+json", "\(query)")
                }
            }
        }
    }
}
