import GRDB
import Traffic

/// The TEMP table a large ingest spills its staged rows to, keyed like the in-memory batch by
/// (series, exact timestamp), where later batches meet earlier ones by the duplicate policy.
/// SQLite keeps it in its temporary file, so memory stays bounded.
struct SpillTable {
    let insert: RawStatement
    let findLine: RawStatement
    let policy: DuplicatePolicy

    init(_ database: Database, policy: DuplicatePolicy) throws {
        self.policy = policy
        try database.execute(sql: """
            CREATE TEMP TABLE staging (
                series_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL, line INTEGER NOT NULL,
                PRIMARY KEY (series_id, ts)) WITHOUT ROWID
            """)
        let conflict = switch policy {
        case .replace: "DO UPDATE SET value = excluded.value, line = excluded.line"
        case .sum: "DO UPDATE SET value = value + excluded.value, line = excluded.line"
        case .reject: "DO NOTHING"  // and the caller reports the row as a duplicate
        }
        insert = try RawStatement(database, sql: """
            INSERT INTO temp.staging (series_id, ts, value, line) VALUES (?, ?, ?, ?)
            ON CONFLICT (series_id, ts) \(conflict)
            """)
        findLine = try RawStatement(database, sql: "SELECT line FROM temp.staging WHERE series_id = ? AND ts = ?")
    }

    /// Appends one settled row (batches arrive sorted, so the B-tree grows in order).
    /// - Returns: under `reject`, the line of an earlier batch's row with the same key, in
    ///   which case nothing was written; otherwise nil.
    func append(_ row: TrafficStager.Staged) throws -> Int? {
        insert.bind(1, row.series)
        insert.bind(2, row.timestamp)
        insert.bind(3, row.value)
        insert.bind(4, row.line)
        guard try insert.run() == 0, policy == .reject else { return nil }
        findLine.bind(1, row.series)
        findLine.bind(2, row.timestamp)
        return try findLine.firstInt().map(Int.init) ?? 0
    }
}
