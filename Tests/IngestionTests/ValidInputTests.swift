import Foundation
import GRDB
import Ingestion
import Store
import Testing
import Traffic

/// Awkward but valid input is stored correctly; duplicates follow the chosen policy.
@Suite struct ValidInputTests {
    let t0 = Timestamp.parse("2024-05-01T00:00:00Z")!

    func ingest(_ text: String, into database: AppDatabase, _ options: IngestOptions = IngestOptions(source: "t.csv")) throws -> IngestSummary {
        try TrafficIngestor(database: database).ingest(bytes: Array(text.utf8), options: options)
    }

    /// The same ingest with everything in memory and with a spill every two keys must agree.
    @Test(arguments: DuplicatePolicy.allCases)
    func spillingGivesTheSameResult(policy: DuplicatePolicy) throws {
        var text = header
        var random = SeededGenerator(seed: 11)
        for line in 0..<400 {
            let minute = Int64(random.uniform() * 120)
            let model = random.uniform() < 0.5 ? "chat-8b" : "code-70b"
            text += "\(t0 + minute * 60),\(model),us-east-1,requests,\(line % 17)\n"
        }
        func run(capacity: Int) throws -> (summary: String, points: [Int64: Double], problems: String) {
            let database = try seededDatabase()
            _ = try ingest(header + "\(t0 + 3_600),chat-8b,us-east-1,requests,5\n", into: database)
            var options = IngestOptions(onDuplicate: policy, skipInvalid: true, source: "t")
            options.stagingCapacity = capacity
            do {
                let summary = try ingest(text, into: database, options)
                return ("\(summary.rowsAccepted)/\(summary.rowsRejected)/\(summary.pointsWritten)",
                        try points(database), "")
            } catch {
                return ("", [:], "\(error)")
            }
        }
        let inMemory = try run(capacity: 1 << 20)
        let spilled = try run(capacity: 2)
        #expect(inMemory.summary == spilled.summary)
        #expect(inMemory.points == spilled.points)
        #expect(inMemory.problems == spilled.problems)
    }

    @Test func crlfQuotedCommasByteOrderMarkAndAnyOrder() throws {
        let database = try AppDatabase.inMemory()
        let text = "\u{FEFF}region,value,timestamp,metric,model\r\n"
            + "us-east-1,7,2024-05-01T00:05:00Z,requests,\"chat, 8b\"\r\n"
            + "\"us-east-1\",\"3\",2024-05-01T00:00:00Z,requests,\"chat, 8b\"\r\n"
        let summary = try ingest(text, into: database)
        #expect(summary.rowsAccepted == 2)
        #expect(try points(database, "chat, 8b") == [t0: 3, t0 + 300: 7])
    }

    @Test func rowsOutOfOrderAndOffsetsAreStoredInUTC() throws {
        let database = try AppDatabase.inMemory()
        _ = try ingest(header + """
            2024-05-01T02:10:00+02:00,chat-8b,us-east-1,requests,2
            2024-05-01T00:00:00Z,chat-8b,us-east-1,requests,1
            1714523400,chat-8b,us-east-1,requests,4

            """, into: database)
        #expect(try points(database) == [t0: 1, t0 + 600: 2, t0 + 1_800: 4])
    }

    @Test func pointsBetweenStepsAreSummedOntoTheStep() throws {
        let database = try AppDatabase.inMemory()
        var text = header
        for minute in 0..<10 { text += "\(t0 + Int64(minute) * 60),chat-8b,us-east-1,requests,\(minute)\n" }
        let summary = try ingest(text, into: database, IngestOptions(step: Step(seconds: 300), source: "t"))
        let expected: [Int64: Double] = [t0: 10, t0 + 300: 35]  // 0+1+2+3+4 and 5+6+7+8+9
        #expect(try points(database) == expected)
        #expect(summary.pointsWritten == 2)
        #expect(summary.rowsAccepted == 10)
    }

    @Test func duplicatesUnderReplaceKeepTheLastValue() throws {
        let database = try AppDatabase.inMemory()
        _ = try ingest(header + "\(t0),chat-8b,us-east-1,requests,1\n\(t0),chat-8b,us-east-1,requests,5\n", into: database)
        #expect(try points(database) == [t0: 5])
        // A later file replaces the stored step total.
        _ = try ingest(header + "\(t0),chat-8b,us-east-1,requests,9\n", into: database)
        #expect(try points(database) == [t0: 9])
    }

    @Test func duplicatesUnderSumAddUp() throws {
        let database = try AppDatabase.inMemory()
        let options = IngestOptions(onDuplicate: .sum, source: "t")
        _ = try ingest(header + "\(t0),chat-8b,us-east-1,requests,1\n\(t0),chat-8b,us-east-1,requests,5\n", into: database, options)
        #expect(try points(database) == [t0: 6])
        _ = try ingest(header + "\(t0),chat-8b,us-east-1,requests,4\n", into: database, options)
        #expect(try points(database) == [t0: 10])
    }

    @Test func reingestingAFileUnderReplaceIsIdempotent() throws {
        let database = try AppDatabase.inMemory()
        var text = header
        for step in 0..<100 { text += "\(t0 + Int64(step) * 60),chat-8b,us-east-1,requests,\(step)\n" }
        _ = try ingest(text, into: database)
        let once = try points(database)
        _ = try ingest(text, into: database)
        #expect(try points(database) == once)
        #expect(try database.ingestCount() == 2)
    }

    @Test func skipInvalidStoresTheGoodRowsAndWritesRejects() throws {
        let database = try seededDatabase()
        let directory = try TemporaryDirectory()
        let path = try directory.file("mixed.csv", header + """
            2024-05-01T00:05:00Z,chat-8b,us-east-1,requests,1
            2024-05-01T00:10:00Z,chat-8b,us-east-1,requests,-3
            2024-05-01T00:00:00Z,chat-8b,us-east-1,requests,4
            2024-05-01T00:15:00Z,chat-8b,us-east-1,requests,2

            """)
        let rejects = directory.url.appending(path: "rejects.csv").path()
        let summary = try TrafficIngestor(database: database).ingestFile(
            path: path, options: IngestOptions(onDuplicate: .reject, skipInvalid: true, source: "mixed.csv"),
            rejectsPath: rejects)
        #expect(summary.rowsAccepted == 2)
        #expect(summary.rowsRejected == 2)
        #expect(try points(database) == [t0: 10, t0 + 300: 1, t0 + 900: 2])
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(written == """
            line,reason,row\r
            3,"column 5 (value): value -3 is negative; counts are never below 0","2024-05-01T00:10:00Z,chat-8b,us-east-1,requests,-3"\r
            4,"chat-8b/us-east-1/requests already has a stored point for the step starting 2024-05-01T00:00:00Z; --on-duplicate reject refuses it (use replace or sum)","2024-05-01T00:00:00Z,chat-8b,us-east-1,requests,4.0"\r

            """)
    }

    @Test func logsTheIngestWithTheFileHash() throws {
        let database = try AppDatabase.inMemory()
        let directory = try TemporaryDirectory()
        let path = try directory.file("abc.csv", header + "0,chat-8b,us-east-1,requests,1\n")
        _ = try TrafficIngestor(database: database).ingestFile(path: path, options: IngestOptions(source: "abc.csv"))
        let row = try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM ingest_log") }
        #expect(row?["source"] == "abc.csv")
        // sha256 of the file's bytes, as computed by `sha256sum`.
        #expect(row?["sha256"] == "4254104a3fe25a2e844a9a8f74bc48c82990204aac797537dc818ff02dddecf5")
        #expect(row?["rows_accepted"] == 1)
        #expect(row?["rows_rejected"] == 0)
    }

    @Test func newSeriesGetTheRequestedStepAndUnit() throws {
        let database = try AppDatabase.inMemory()
        _ = try ingest(header + "0,chat-8b,us-east-1,output_tokens,1\n", into: database,
                       IngestOptions(step: Step(seconds: 3_600), source: "t"))
        let summary = try #require(try database.seriesSummaries().first)
        #expect(summary.step.seconds == 3_600)
        let unit = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT unit FROM series") }
        #expect(unit == "tokens")
    }

    @Test func demoTrafficLoads() throws {
        let database = try AppDatabase.inMemory()
        let demo = DemoTraffic(seed: 3, end: t0, weeks: 1)
        let summary = try TrafficIngestor(database: database).ingestDemo(demo)
        #expect(summary.seriesCreated == 22)
        #expect(try database.seriesSummaries().count == 22)
    }
}
