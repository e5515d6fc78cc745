import Foundation
import Ingestion
import Store
import Testing
import Traffic

/// Issue 10's ingest findings: sums that overflow, binary input, rejects files, symbolic links.
@Suite struct IngestHardeningTests {
    func expectNothingStored(_ text: String, onDuplicate: DuplicatePolicy, database: AppDatabase,
                             containing expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try snapshot(database)
        do {
            _ = try TrafficIngestor(database: database).ingest(
                bytes: Array(text.utf8), options: IngestOptions(onDuplicate: onDuplicate, source: "big.csv"))
            Issue.record("the ingest should have been refused", sourceLocation: sourceLocation)
        } catch let IngestError.rejected(_, problems, _) {
            let text = problems.map(\.description).joined(separator: "\n")
            for part in expected { #expect(text.contains(part), "\(text)", sourceLocation: sourceLocation) }
        }
        #expect(try snapshot(database) == before, "nothing stored", sourceLocation: sourceLocation)
        for (_, value) in try points(database) { #expect(value.isFinite, sourceLocation: sourceLocation) }
    }

    @Test func sumsThatOverflowAreRefusedNamingTheRows() throws {
        let database = try seededDatabase()
        // Two rows of one timestamp under `sum`.
        try expectNothingStored(header + "2024-05-01T00:10:00Z,chat-8b,us-east-1,requests,1e308\n"
            + "2024-05-01T00:10:00Z,chat-8b,us-east-1,requests,1e308\n", onDuplicate: .sum, database: database,
            containing: ["line 3", "chat-8b/us-east-1/requests", "would hold more than the largest storable value"])
        // Two rows of one step (different timestamps) add up under any policy.
        try expectNothingStored(header + "2024-05-01T00:10:00Z,chat-8b,us-east-1,requests,1e308\n"
            + "2024-05-01T00:11:00Z,chat-8b,us-east-1,requests,1e308\n", onDuplicate: .replace, database: database,
            containing: ["lines 2, 3 add up past it"])
        // The stored point plus a new one under `sum`.
        _ = try TrafficIngestor(database: database).ingest(
            bytes: Array((header + "2024-05-01T00:20:00Z,chat-8b,us-east-1,requests,1e308\n").utf8),
            options: IngestOptions(source: "one.csv"))
        try expectNothingStored(header + "2024-05-01T00:20:00Z,chat-8b,us-east-1,requests,1e308\n",
                                onDuplicate: .sum, database: database,
                                containing: ["the stored point plus line 2 under --on-duplicate sum"])
    }

    @Test func binaryInputIsEscapedInMessages() throws {
        let database = try seededDatabase()
        var bytes = Array(header.utf8)
        bytes += [0x1B, 0x5B, 0x32, 0x4A, 0xFF, 0x00, 0x07] + Array(",chat-8b,us-east-1,requests,1\n".utf8)
        do {
            _ = try TrafficIngestor(database: database).ingest(bytes: bytes, options: IngestOptions(source: "bin"))
            Issue.record("binary input should be refused")
        } catch let IngestError.rejected(_, problems, _) {
            let text = problems.map(\.description).joined()
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{FFFD}" }, "\(text)")
            #expect(text.contains("\\u{1B}[2J\\u{FFFD}\\u{0}\\u{7}"), "\(text)")
        }
    }

    @Test func theRejectsFileIsCappedAndSaysSo() throws {
        let database = try seededDatabase()
        let directory = try TemporaryDirectory()
        let rejects = directory.url.appending(path: "rejects.csv").path
        var text = header
        for _ in 0..<20_000 { text += "x,m,r,requests,1\n" }
        let input = try directory.file("in.csv", text)
        var ingestor = TrafficIngestor(database: database)
        ingestor.rejectsLimit = 100_000
        let summary = try ingestor.ingestFile(path: input, options: IngestOptions(skipInvalid: true, source: "in.csv"),
                                              rejectsPath: rejects)
        #expect(summary.rowsRejected == 20_000)
        #expect(summary.rejectsNotListed > 0)
        let written = try Data(contentsOf: URL(filePath: rejects))
        #expect(written.count <= 100_000 + 200)
        let last = String(decoding: written, as: UTF8.self).split(separator: "\r\n").last ?? ""
        #expect(last.contains("\(summary.rejectsNotListed) more rejected rows are not listed"))
    }

    @Test func aSymbolicLinkLoopIsNamedAsSuch() throws {
        let database = try seededDatabase()
        let directory = try TemporaryDirectory()
        let a = directory.url.appending(path: "a.csv").path, b = directory.url.appending(path: "b.csv").path
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: b)
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: a)
        func reason(_ path: String) -> String {
            do {
                _ = try TrafficIngestor(database: database).ingestFile(path: path, options: IngestOptions(source: "x"))
                return "ingested"
            } catch {
                return "\(error)"
            }
        }
        #expect(reason(a) == "\(a): too many levels of symbolic links (a symbolic link loop?); nothing stored")
        #expect(reason(directory.url.path) == "\(directory.url.path): is a directory, not a file; nothing stored")
        let missing = directory.url.appending(path: "none.csv").path
        #expect(reason(missing) == "\(missing): no such file; nothing stored")
    }
}
