import Foundation
import Ingestion
import Store
import Testing
import Traffic

/// Each bad input: the error names the place and the problem, and the database is unchanged.
@Suite struct BadInputTests {
    func expectRejected(
        _ bytes: [UInt8], options: IngestOptions = IngestOptions(source: "bad.csv"),
        _ expected: [String], total: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let database = try seededDatabase()
        let before = try snapshot(database)
        let directory = try TemporaryDirectory()
        let path = try directory.file("bad.csv", bytes)
        do {
            _ = try TrafficIngestor(database: database).ingestFile(path: path, options: options)
            Issue.record("ingest should have failed", sourceLocation: sourceLocation)
        } catch let IngestError.rejected(source, problems, count) {
            #expect(source == path, sourceLocation: sourceLocation)
            #expect(problems.map(\.description) == expected, sourceLocation: sourceLocation)
            #expect(count == total ?? expected.count, sourceLocation: sourceLocation)
        }
        #expect(try snapshot(database) == before, "nothing stored", sourceLocation: sourceLocation)
    }

    func expectRejected(_ text: String, options: IngestOptions = IngestOptions(source: "bad.csv"),
                        _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        try expectRejected(Array(text.utf8), options: options, expected, sourceLocation: sourceLocation)
    }

    @Test func missingHeader() throws {
        try expectRejected("2024-05-01T00:05:00Z,chat-8b,us-east-1,requests,1\n", [
            "line 1, column 1 (2024-05-01T00:05:00Z): unknown column '2024-05-01T00:05:00Z'; expected a header naming timestamp, model, region, metric, value",
        ])
    }

    @Test func unknownColumn() throws {
        try expectRejected("timestamp,model,region,metric,value,gpu\n0,m,r,requests,1,h100\n", [
            "line 1, column 6 (gpu): unknown column 'gpu'; expected a header naming timestamp, model, region, metric, value",
        ])
    }

    @Test func missingColumn() throws {
        try expectRejected("timestamp,model,metric,value\n0,m,requests,1\n", [
            "line 1: missing column region; expected a header naming timestamp, model, region, metric, value",
        ])
    }

    @Test func badTimestamp() throws {
        try expectRejected(header + "2024-05-01T00:05:00Z,chat-8b,us-east-1,requests,1\n2024-05-01 25:00,chat-8b,us-east-1,requests,1\n", [
            "line 3, column 1 (timestamp): '2024-05-01 25:00' is not an RFC 3339 time with Z or an offset (e.g. 2024-05-01T13:05:00Z) nor whole Unix seconds",
        ])
    }

    @Test func nanNegativeEmptyAndNonNumericValues() throws {
        try expectRejected(header + """
            0,chat-8b,us-east-1,requests,NaN
            0,chat-8b,us-east-1,requests,-1
            0,chat-8b,us-east-1,requests,
            0,chat-8b,us-east-1,requests,lots

            """, [
            "line 2, column 5 (value): 'NaN' is not a finite number",
            "line 3, column 5 (value): value -1 is negative; counts are never below 0",
            "line 4, column 5 (value): value is empty",
            "line 5, column 5 (value): 'lots' is not a number",
        ])
    }

    @Test func nonUTF8Bytes() throws {
        try expectRejected(Array((header + "0,chat-").utf8) + [0xFF, 0xFE] + Array(",us-east-1,requests,1\n".utf8), [
            "line 2, column 2 (model): model is not valid UTF-8",
        ])
    }

    @Test func tooManyAndTooFewFields() throws {
        try expectRejected(header + "0,chat-8b,us-east-1,requests,1,9\n0,chat-8b,us-east-1,requests\n", [
            "line 2: row has 6 fields, the header has 5",
            "line 3: row has 4 fields, the header has 5",
        ])
    }

    @Test func fileCutOffMidRow() throws {
        try expectRejected(header + "0,chat-8b,us-east-1,requests,1\n300,chat-8b,us-ea", [
            "line 3: row has 3 fields, the header has 5; the file ends in the middle of this row",
        ])
    }

    @Test func emptyFile() throws {
        try expectRejected("", ["the file is empty: expected a header line naming timestamp, model, region, metric, value"])
    }

    @Test func headerOnlyFile() throws {
        try expectRejected(header, ["the file has a header but no data rows"])
    }

    @Test(arguments: [1, 1 << 20])
    func duplicateRowUnderReject(capacity: Int) throws {
        var options = IngestOptions(onDuplicate: .reject, source: "bad.csv")
        options.stagingCapacity = capacity
        try expectRejected(header + "600,chat-8b,us-east-1,requests,1\n600,chat-8b,us-east-1,requests,2\n",
                           options: options, [
            "line 3: duplicate of line 2 (same model, region, metric and timestamp); --on-duplicate reject refuses it (use replace or sum)",
        ])
    }

    @Test(arguments: [1, 1 << 20])
    func storedDuplicateUnderReject(capacity: Int) throws {
        var options = IngestOptions(onDuplicate: .reject, source: "bad.csv")
        options.stagingCapacity = capacity
        try expectRejected(header + "2024-05-01T00:00:00Z,chat-8b,us-east-1,requests,5\n",
                           options: options, [
            "line 2: chat-8b/us-east-1/requests already has a stored point for the step starting 2024-05-01T00:00:00Z; --on-duplicate reject refuses it (use replace or sum)",
        ])
    }

    @Test func stepThatDisagreesWithTheStoredSeries() throws {
        try expectRejected(header + "2024-05-02T00:00:00Z,chat-8b,us-east-1,requests,5\n",
                           options: IngestOptions(step: Step(seconds: 3_600), source: "bad.csv"), [
            "line 2: series chat-8b/us-east-1/requests is stored at a 5m step, not 1h; ingest it with --step 5m (or without --step)",
        ])
    }

    @Test func lineLongerThanTheLimit() throws {
        var bytes = Array((header + "0,").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: TrafficCSVReader.maximumLineBytes + 10)
        bytes += Array(",us-east-1,requests,1\n0,chat-8b,us-east-1,requests,1\n".utf8)
        try expectRejected(bytes, ["line 2: line is longer than 1048576 bytes (1 MiB), the limit; no row is that long"])
    }

    @Test func listsTwentyProblemsAndCountsAll() throws {
        var text = header
        for line in 0..<30 { text += "\(line),chat-8b,us-east-1,requests,-1\n" }
        let expected = (2...21).map { "line \($0), column 5 (value): value -1 is negative; counts are never below 0" }
        try expectRejected(Array(text.utf8), expected, total: 30)
    }

    @Test func corruptGzipIsRefused() throws {
        let database = try seededDatabase()
        let before = try snapshot(database)
        let directory = try TemporaryDirectory()
        let path = try directory.file("t.csv.gz", [0x1F, 0x8B, 0x09, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x03, 0xAB, 0xCD])
        #expect {
            try TrafficIngestor(database: database).ingestFile(path: path, options: IngestOptions(source: "t"))
        } throws: { error in
            "\(error)".hasPrefix("\(path): the gzip data is corrupt near compressed byte")
        }
        #expect(try snapshot(database) == before)
    }

    @Test func missingFile() throws {
        let database = try AppDatabase.inMemory()
        do {
            _ = try TrafficIngestor(database: database).ingestFile(path: "/nonexistent/x.csv", options: IngestOptions(source: "x"))
            Issue.record("should fail")
        } catch {
            #expect("\(error)" == "/nonexistent/x.csv: no such file; nothing stored")
        }
    }
}
