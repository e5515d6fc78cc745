import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Jobs
@testable import Server
import Store
import Testing
import Yams

@Suite struct JobRoutesTests {
    @Test func postedJobRunsAndIsRecorded() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let accepted = try await client.execute(uri: "/v1/jobs/plan", method: .post, headers: .bearer(tokens[.write])) { $0 }
            #expect(accepted.status == .accepted)
            let id = try #require(accepted.json["id"] as? Int)
            #expect(accepted.headers[.location] == "/v1/jobs/\(id)")
            #expect(accepted.json["job"] as? String == "plan")
            #expect(accepted.json["trigger"] as? String == "api")
            var status = "running"
            for _ in 0..<600 where status == "running" {
                try await Task.sleep(for: .milliseconds(50))
                status = try await client.execute(uri: "/v1/jobs/\(id)", method: .get, headers: .bearer(tokens[.read])) {
                    $0.json["status"] as? String ?? "?"
                }
            }
            #expect(status == "succeeded")
            try await client.execute(uri: "/v1/jobs?job=plan&limit=5", method: .get, headers: .bearer(tokens[.read])) { response in
                #expect(response.status == .ok)
                let jobs = try #require(response.json["jobs"] as? [[String: Any]])
                #expect(jobs.first?["detail"] as? String != nil)
                #expect(jobs.first?["duration_seconds"] is Double)
            }
        }
        #expect(try database.planRun()?.id == 2)
    }

    /// `POST /v1/jobs/tune` runs the tune job; on the fixture's two weeks of traffic (21 days
    /// are needed) it fails with every model's reason and stores no tuned settings.
    @Test func postedTuneRunsAndSaysWhyNothingWasTuned() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let accepted = try await client.execute(uri: "/v1/jobs/tune", method: .post, headers: .bearer(tokens[.write])) { $0 }
            #expect(accepted.status == .accepted && accepted.json["job"] as? String == "tune")
            let id = try #require(accepted.json["id"] as? Int)
            var run: [String: Any] = ["status": "running"]
            for _ in 0..<600 where run["status"] as? String == "running" {
                try await Task.sleep(for: .milliseconds(50))
                run = try await client.execute(uri: "/v1/jobs/\(id)", method: .get, headers: .bearer(tokens[.read])) { $0.json }
            }
            #expect(run["status"] as? String == "failed")
            #expect((run["error"] as? String)?.contains("chat-8b/us-east-1: 14 whole days of requests stored; 21 needed") == true,
                    "\(run)")
        }
        #expect(try database.latestTunedSettings().isEmpty)
    }

    @Test func badJobRequests() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            let cases: [(String, HTTPRequest.Method, Scope, HTTPResponse.Status)] = [
                ("/v1/jobs/train", .post, .write, .notFound),
                ("/v1/jobs/plan?now=1", .post, .write, .badRequest),
                ("/v1/jobs/plan", .post, .read, .forbidden),
                ("/v1/jobs/abc", .get, .read, .badRequest),
                ("/v1/jobs/77", .get, .read, .notFound),
                ("/v1/jobs?job=train", .get, .read, .badRequest),
                ("/v1/jobs?limit=0", .get, .read, .badRequest),
            ]
            for (uri, method, scope, status) in cases {
                try await client.execute(uri: uri, method: method, headers: .bearer(tokens[scope])) {
                    #expect($0.status == status, "\(method) \(uri)")
                }
            }
        }
        #expect(try database.jobRuns().isEmpty)
    }

    /// The job names the routes accept and tell come from ``JobCatalog``, with the wording they
    /// had when they were written out.
    @Test func jobNamesComeFromTheCatalog() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/jobs/train", method: .post, headers: .bearer(tokens[.write])) {
                #expect($0.json["detail"] as? String == "there is no job 'train': the jobs are pull, forecast, tune, plan and execute")
            }
            try await client.execute(uri: "/v1/jobs?job=train", method: .get, headers: .bearer(tokens[.read])) {
                #expect($0.json["detail"] as? String == "query parameter 'job': 'train' is not one of pull, forecast, tune, plan, execute")
            }
        }
        #expect(try database.jobRuns().isEmpty)
    }

    /// docs/openapi.yaml's `JobKind` lists the jobs REST starts, in the catalog's order.
    @Test func theOpenAPIDocumentListsTheCatalogsJobs() throws {
        let document = try #require(try Yams.load(yaml: embeddedOpenAPIDocument) as? [String: Any])
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let kind = try #require(schemas?["JobKind"] as? [String: Any])
        #expect(kind["enum"] as? [String] == JobCatalog.jobs.filter { $0.startableOverREST }.map { $0.kind.rawValue })
    }
}
