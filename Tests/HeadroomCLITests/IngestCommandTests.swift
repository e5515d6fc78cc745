import ArgumentParser
import Config
import Foundation
import GRDB
@testable import HeadroomCLI
import Store
import Testing

@Suite struct IngestCommandTests {
    let directory: URL
    let database: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "headroom-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = directory.appending(path: "db.sqlite").path()
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appending(path: name).path()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ arguments: [String]) throws {
        var command = try Headroom.parseAsRoot(arguments)
        try command.run()
    }

    func tables() throws -> [String] {
        let store = try AppDatabase.open(path: database)
        return try store.writer.read { db in
            try ["series", "traffic_point", "ingest_log"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { "\($0)" }
            }
        }
    }

    @Test func ingestsARealFixture() throws {
        let fixture = try #require(Bundle.module.url(forResource: "elb_request_count", withExtension: "csv", subdirectory: "Fixtures"))
        try run(["ingest", fixture.path(), "--db", database])
        let store = try AppDatabase.open(path: database)
        let summary = try #require(try store.seriesSummaries().first)
        #expect(summary.key.model == "elb-8c0756")
        #expect(summary.points == 4_032)
    }

    @Test func gzipFilesStreamLikePlainOnes() throws {
        let plain = try #require(Bundle.module.url(forResource: "elb_request_count", withExtension: "csv", subdirectory: "Fixtures"))
        let gzip = try #require(Bundle.module.url(forResource: "elb_request_count.csv", withExtension: "gz", subdirectory: "Fixtures"))
        try run(["ingest", gzip.path(), "--db", database])
        let fromGzip = try AppDatabase.open(path: database).seriesSummaries()
        try run(["ingest", plain.path(), "--db", database, "--on-duplicate", "reject", "--skip-invalid",
                 "--rejects", directory.appending(path: "r.csv").path()])
        #expect(try AppDatabase.open(path: database).seriesSummaries() == fromGzip)
        #expect(fromGzip.first?.points == 4_032)
        // Cut off: the stream ends early and nothing is stored.
        let bytes = try Data(contentsOf: gzip)
        let truncated = directory.appending(path: "cut.csv.gz")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let other = directory.appending(path: "other.sqlite").path()
        #expect {
            try run(["ingest", truncated.path(), "--db", other])
        } throws: { error in
            "\(error)".contains("the gzip stream ends early")
        }
        #expect(try AppDatabase.open(path: other).seriesSummaries().isEmpty)
    }

    @Test func badFileStoresNothingAndSaysWhere() throws {
        let good = try write("good.csv", "timestamp,model,region,metric,value\n0,chat-8b,us-east-1,requests,1\n")
        try run(["ingest", good, "--db", database])
        let before = try tables()
        let bad = try write("bad.csv", "timestamp,model,region,metric,value\n300,chat-8b,us-east-1,requests,1\n600,chat-8b,us-east-1,requests,oops\n")
        #expect {
            try run(["ingest", bad, "--db", database])
        } throws: { error in
            "\(error)" == "\(bad): nothing stored; 1 problem found\n  \(bad): line 3, column 5 (value): 'oops' is not a number"
        }
        #expect(try tables() == before)
    }

    @Test(arguments: [
        (["ingest", "x.csv", "--step", "7x"], "'7x' is not a step: use a whole number with s, m, h or d (e.g. 5m, 1h), from 1s to 1d"),
        (["ingest", "x.csv", "--on-duplicate", "merge"], "The value 'merge' is invalid for '--on-duplicate <on-duplicate>'. Please provide one of 'replace', 'sum' or 'reject'."),
        (["ingest", "x.csv", "--rejects", "r.csv"], "--rejects is only used with --skip-invalid"),
        (["demo", "--weeks", "0"], "--weeks must be between 1 and 520, not 0"),
        (["demo", "--end", "yesterday"], "--end 'yesterday' is not a date like 2026-11-24"),
        (["demo-data", "--rows", "0"], "--rows must be at least 1, not 0"),
        (["demo-data", "--weeks", "600"], "--weeks must be between 1 and 520, not 600"),
        (["serve", "--port", "70000"], "--port must be between 0 and 65535, not 70000"),
        (["serve", "--host", ""], "--host '' is not an address"),
        (["serve", "--log-level", "loud"], "The value 'loud' is invalid for '--log-level <log-level>'"),
        (["demo", "--port=-1"], "--port must be between 0 and 65535, not -1"),
        (["token", "create", "--scope", "root"], "The value 'root' is invalid for '--scope <scope>'. Please provide one of 'read', 'write' or 'admin'."),
        (["token", "create"], "Missing expected argument '--scope <scope>'"),
        (["token", "create", "--scope", "read", "--name", ""], "--name must be 1 to 100 characters"),
        (["token", "revoke", "first"], "The value 'first' is invalid for '<id>'"),
        (["ingest", "x.csv", "--step", "1s"], "--step: step 1s is too fine: the 604800 s forecast horizon would be 604800 steps"),
        (["series", "delete", "--model", "m", "--region", "r"], "Missing expected argument '--metric <metric>'"),
        (["series", "delete", "--model", "m", "--region", "r", "--metric", "bytes"], "The value 'bytes' is invalid for '--metric <metric>'"),
        (["bench", "reference-server", "--port", "65536"], "--port must be between 0 and 65535, not 65536"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    @Test func seriesDeleteRemovesOneSeries() throws {
        let path = try write("t.csv", "timestamp,model,region,metric,value\n2026-11-24T00:00:00Z,m,r,requests,5\n"
            + "2026-11-24T00:00:00Z,n,r,requests,5\n")
        try run(["ingest", path, "--db", database])
        try run(["series", "delete", "--db", database, "--model", "m", "--region", "r", "--metric", "requests"])
        #expect(try AppDatabase.open(path: database).seriesSummaries().map(\.key.model) == ["n"])
        #expect {
            try run(["series", "delete", "--db", database, "--model", "m", "--region", "r", "--metric", "requests"])
        } throws: { error in
            "\(error)" == "there is no series m/r/requests; `headroom summary` lists the stored ones"
        }
    }

    @Test func demoLoadsOnceAndSummarizes() async throws {
        var first = 0
        for pass in 0..<2 {
            let parsed = try Headroom.parseAsRoot(["demo", "--db", database, "--weeks", "1", "--end", "2026-11-24", "--once"])
            var demo = try #require(parsed as? any AsyncParsableCommand)
            try await demo.run()
            if pass == 0 { first = try tables().count }
        }
        #expect(try tables().count == first)
        #expect(try AppDatabase.open(path: database).seriesSummaries().count == 22)
    }

    @Test func newerDatabaseIsRefusedByEveryCommand() throws {
        try run(["migrate", "--db", database])
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('9000_future')") }
        try queue.close()
        #expect {
            try run(["summary", "--db", database])
        } throws: { error in
            "\(error)".contains("was written by a newer Headroom (unknown migrations: 9000_future)")
        }
    }
}
