import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
@testable import Server
@testable import Store
import Testing

/// Regression tests for the red-team findings of issue 10 that a router-level test can show.
@Suite struct HardeningTests {
    static let row = "timestamp,model,region,metric,value\n2026-11-24T00:00:00Z,m,r,requests,5\n"

    func points(_ database: AppDatabase) async throws -> Int {
        try await database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM traffic_point") ?? 0 }
    }

    // 1. A step too fine for the forecast horizon is refused at ingest, and nothing is stored.
    @Test func aStepTooFineForTheHorizonIsRefusedAtIngest() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let before = try await points(database)
        let response = try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/traffic?step=1s", method: .post,
                                     headers: .bearer(tokens[.write]).merging([.contentType: "text/csv"]),
                                     body: ByteBuffer(string: Self.row)) { $0 }
        }
        #expect(response.status == .badRequest)
        let detail = response.json["detail"] as? String ?? ""
        #expect(detail.contains("query parameter 'step': step 1s is too fine"))
        #expect(detail.contains("use a step of 7s or more"))
        #expect(try await points(database) == before)
    }

    // 1. DELETE /v1/series removes a series and its points; admin only; clear errors.
    @Test func deletingASeriesNeedsAdminAndRemovesItsPoints() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let count = { (model: String) in
            try await database.writer.read {
                try Int.fetchOne($0, sql: """
                    SELECT COUNT(*) FROM traffic_point p JOIN series s ON s.id = p.series_id WHERE s.model = ?
                    """, arguments: [model]) ?? 0
            }
        }
        let chat = try await count("chat-8b")
        #expect(chat > 0)
        let uri = "/v1/series?model=chat-8b&region=us-east-1&metric=requests"
        try await ServiceFixture.withService(database) { client in
            let forbidden = try await client.execute(uri: uri, method: .delete, headers: .bearer(tokens[.write])) { $0 }
            #expect(forbidden.status == .forbidden)
            let missing = try await client.execute(uri: "/v1/series?model=chat-8b&region=us-east-1", method: .delete,
                                                   headers: .bearer(tokens[.admin])) { $0 }
            #expect(missing.status == .badRequest)
            #expect((missing.json["detail"] as? String)?.contains("'metric' is required") == true)
            let badMetric = try await client.execute(uri: uri.replacingOccurrences(of: "requests", with: "bytes"),
                                                     method: .delete, headers: .bearer(tokens[.admin])) { $0 }
            #expect(badMetric.status == .badRequest)
            let deleted = try await client.execute(uri: uri, method: .delete, headers: .bearer(tokens[.admin])) { $0 }
            #expect(deleted.status == .ok)
            #expect((deleted.json["points_deleted"] as? Int ?? 0) > 0)
            #expect(deleted.json["step"] as? String == "5m")
            let again = try await client.execute(uri: uri, method: .delete, headers: .bearer(tokens[.admin])) { $0 }
            #expect(again.status == .notFound)
            #expect((again.json["detail"] as? String)?.contains("there is no series chat-8b/us-east-1/requests") == true)
        }
        let left = try await database.writer.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM series WHERE model = 'chat-8b' AND metric = 'requests'") ?? 0
        }
        #expect(left == 0)
        #expect(try await count("chat-8b") < chat)  // its token series stay
        #expect(try await count("batch-summarize") > 0)
    }

    // 3. A declared Content-Length above the limit is 413 before the body is read.
    @Test func aDeclaredLengthAboveTheLimitIs413AtOnce() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let response = try await ServiceFixture.withService(database, settings: ServerSettings(maxRequestBytes: 1_024)) { client in
            try await client.execute(uri: "/v1/traffic", method: .post,
                                     headers: .bearer(tokens[.write]).merging([.contentType: "text/csv", .contentLength: "5000"]),
                                     body: ByteBuffer(string: String(repeating: "x", count: 5_000))) { $0 }
        }
        #expect(response.status == .contentTooLarge)
        #expect(response.headers[.connection] == "close")
        #expect((response.json["detail"] as? String)?.contains("declares 5000 bytes") == true)
    }

    // 3. Past the concurrent-ingest limit: 503 with Retry-After before the body is read, nothing stored.
    @Test func ingestsPastTheLimitAre503WithRetryAfter() async throws {
        let gate = IngestGate(limit: 2)
        #expect(gate.enter())
        #expect(gate.enter())
        #expect(!gate.enter())
        gate.leave()
        #expect(gate.enter())
        let (database, tokens) = try await ServiceFixture.database()
        let before = try await points(database)
        let busy = IngestGate(limit: 1)
        #expect(busy.enter())  // one ingest in flight
        try await ServiceFixture.withService(database, ingestGate: busy) { client in
            let refused = try await client.execute(uri: "/v1/traffic", method: .post,
                                                   headers: .bearer(tokens[.write]).merging([.contentType: "text/csv"]),
                                                   body: ByteBuffer(string: Self.row)) { $0 }
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] == "2")
            #expect(refused.headers[.connection] == "close")
            #expect((refused.json["detail"] as? String)?.contains("service.max_concurrent_ingests") == true)
            busy.leave()
            let stored = try await client.execute(uri: "/v1/traffic", method: .post,
                                                  headers: .bearer(tokens[.write]).merging([.contentType: "text/csv"]),
                                                  body: ByteBuffer(string: Self.row)) { $0 }
            #expect(stored.status == .created)
        }
        #expect(try await points(database) == before + 1)
    }

    // 5. A credential in the query string is refused and never logged.
    @Test func credentialsInTheQueryAreRefusedAndRedacted() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        let response = try await ServiceFixture.withService(database) { client in
            try await client.execute(uri: "/v1/plans/latest?access_token=\(tokens[.read] ?? "")", method: .get) { $0 }
        }
        #expect(response.status == .badRequest)
        #expect(response.json["type"] as? String == "urn:headroom:problem:credentials-in-query")
        #expect((response.json["detail"] as? String)?.contains("send 'Authorization: Bearer <token>'") == true)
        #expect(!(response.text.contains(tokens[.read] ?? "-")))
        let uri = URI("/v1/plans/latest?model=a&access_token=secret123&API_KEY=k&x=1")
        let redacted = CredentialQuery.redacted(uri)
        #expect(redacted == "/v1/plans/latest?model=a&access_token=REDACTED&API_KEY=REDACTED&x=1")
        #expect(!CredentialQuery.isCredential("model"))
        #expect(!CredentialQuery.isCredential("on_duplicate"))
        #expect(CredentialQuery.isCredential("X-Auth-Header"))
        #expect(CredentialQuery.first(inTarget: "/v1/plans/latest?model=a&region=b") == nil)
        #expect(CredentialQuery.first(inTarget: "/v1/plans/latest") == nil)
        #expect(CredentialQuery.first(inTarget: "/v1/x?model=a&Access%5FToken=t") == "Access_Token")
        #expect(CredentialQuery.first(inTarget: "/v1/x?SIG") == "SIG")
        #expect(CredentialQuery.first(inTarget: "/v1/x?model=a#token=t") == nil)
    }

    // 8. Ids are digits only: `+1` and `01` are not 1.
    @Test func idsHaveOneSpelling() async throws {
        let (database, tokens) = try await ServiceFixture.database()
        try await ServiceFixture.withService(database) { client in
            for id in ["+1", "01", "1.0", " 1", "-1"] {
                let escaped = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
                let response = try await client.execute(uri: "/v1/plans/\(escaped)", method: .get,
                                                        headers: .bearer(tokens[.read])) { $0 }
                #expect(response.status == .badRequest, "id \(id)")
            }
            let one = try await client.execute(uri: "/v1/plans/1", method: .get, headers: .bearer(tokens[.read])) { $0 }
            #expect(one.status == .ok)
            let limit = try await client.execute(uri: "/v1/jobs?limit=+5", method: .get, headers: .bearer(tokens[.read])) { $0 }
            #expect(limit.status == .badRequest)
        }
    }

    // 4. A full disk is 503 disk-full with the cause logged, /readyz says not ready, and both
    // recover without a restart once there is room. SQLite's page limit stands in for the disk.
    @Test func aFullDiskIs503AndRecovers() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appending(path: "h.sqlite").path)
        let token = try AccessToken.create(scope: .write, name: "t", in: database).token
        let pages = try await database.writer.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
        try await database.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages)") }
        var rows = "timestamp,model,region,metric,value\n"
        for minute in 0..<3_000 { rows += "\(1_764_000_000 + minute * 300),m,r,requests,\(minute)\n" }
        let body = rows
        try await ServiceFixture.withService(database) { client in
            let full = try await client.execute(uri: "/v1/traffic", method: .post,
                                                headers: .bearer(token).merging([.contentType: "text/csv"]),
                                                body: ByteBuffer(string: body)) { $0 }
            #expect(full.status == .serviceUnavailable)
            #expect(full.json["type"] as? String == "urn:headroom:problem:disk-full")
            #expect(full.headers[.retryAfter] != nil)
            #expect(!(full.text.contains("SQLITE")))
            let notReady = try await client.execute(uri: "/readyz", method: .get) { $0 }
            #expect(notReady.status == .serviceUnavailable)
            #expect(notReady.json["type"] as? String == "urn:headroom:problem:disk-full")
            try await database.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1000000") }
            let ready = try await client.execute(uri: "/readyz", method: .get) { $0 }
            #expect(ready.status == .ok)
            let stored = try await client.execute(uri: "/v1/traffic", method: .post,
                                                  headers: .bearer(token).merging([.contentType: "text/csv"]),
                                                  body: ByteBuffer(string: body)) { $0 }
            #expect(stored.status == .created)
        }
    }

    /// A database on a fresh file whose connection is read-only (root ignores file modes, so a
    /// read-only file is stood in for by a read-only connection), with a write token made
    /// before; opening it again gives a writable connection when `reopensWritable`.
    static func withReadOnlyDatabase(reopensWritable: Bool,
                                     _ body: (AppDatabase, String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: "h.sqlite").path
        let token = try AccessToken.create(scope: .write, name: "t", in: try AppDatabase.open(path: path)).token
        let readOnly = { () -> Configuration in
            var configuration = Configuration()
            configuration.readonly = true
            return configuration
        }()
        let database = try AppDatabase(try DatabasePool(path: path, configuration: readOnly), reopen: {
            reopensWritable ? try AppDatabase.pool(path: path) : try DatabasePool(path: path, configuration: readOnly)
        })
        try await body(database, token)
    }

    // 4. A database whose connection is read-only: 503 storage-unavailable, not ready, and
    // both recover once it can be written (it is opened again), without a restart.
    @Test func aReadOnlyDatabaseIs503AndRecoversWhenWritable() async throws {
        try await Self.withReadOnlyDatabase(reopensWritable: true) { database, token in
            database.health.record(.readOnly(cause: "test: opened read-only"))
            #expect(try database.isReadOnly())
            try await ServiceFixture.withService(database) { client in
                // Still read-only when /readyz looks: the reopened file is writable, so it recovers.
                let ready = try await client.execute(uri: "/readyz", method: .get) { $0 }
                #expect(ready.status == .ok)
                let stored = try await client.execute(uri: "/v1/traffic", method: .post,
                                                      headers: .bearer(token).merging([.contentType: "text/csv"]),
                                                      body: ByteBuffer(string: Self.row)) { $0 }
                #expect(stored.status == .created)
            }
            #expect(try !database.isReadOnly())
            #expect(database.health.failure == nil)
        }
    }

    @Test func aWriteOnAReadOnlyConnectionIs503StorageUnavailable() async throws {
        // Reopening gives a read-only connection again: the file is still not writable.
        try await Self.withReadOnlyDatabase(reopensWritable: false) { database, token in
            try await ServiceFixture.withService(database) { client in
                let refused = try await client.execute(uri: "/v1/traffic", method: .post,
                                                       headers: .bearer(token).merging([.contentType: "text/csv"]),
                                                       body: ByteBuffer(string: Self.row)) { $0 }
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.json["type"] as? String == "urn:headroom:problem:storage-unavailable")
                let notReady = try await client.execute(uri: "/readyz", method: .get) { $0 }
                #expect(notReady.status == .serviceUnavailable)
                #expect(notReady.json["type"] as? String == "urn:headroom:problem:storage-unavailable")
            }
        }
    }
}
