import Foundation
import GRDB
import Ingestion
import Store
import Traffic

/// Every row of every table, as text: two equal snapshots mean an unchanged database.
func snapshot(_ database: AppDatabase) throws -> [String] {
    try database.writer.read { db in
        var lines: [String] = []
        for table in ["series", "traffic_point", "ingest_log"] {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") {
                lines.append("\(table): \(row)")
            }
        }
        return lines
    }
}

/// Stored points of one series as (Unix seconds, value).
func points(_ database: AppDatabase, _ model: String = "chat-8b", metric: String = "requests") throws -> [Int64: Double] {
    try database.writer.read { db in
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.ts, p.value FROM traffic_point p JOIN series s ON s.id = p.series_id
            WHERE s.model = ? AND s.metric = ?
            """, arguments: [model, metric])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as Double) })
    }
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "headroom-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = url.appending(path: name).path()
        try Data(bytes).write(to: URL(filePath: path))
        return path
    }

    func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }
}

let header = "timestamp,model,region,metric,value\n"

/// A database holding one earlier ingest, so "unchanged" is checked against real content.
func seededDatabase() throws -> AppDatabase {
    let database = try AppDatabase.inMemory()
    _ = try TrafficIngestor(database: database).ingest(
        bytes: Array((header + "2024-05-01T00:00:00Z,chat-8b,us-east-1,requests,10\n").utf8),
        options: IngestOptions(source: "seed"))
    return database
}
