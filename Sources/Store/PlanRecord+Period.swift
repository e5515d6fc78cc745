import GRDB

extension AppDatabase {
    /// The plan runs whose planned span `[start, start + steps × step_seconds)` overlaps
    /// `[from, to)` (Unix seconds), oldest first, plans included. Runs outside the period are
    /// filtered by SQLite, not loaded.
    public func planRuns(overlapping from: Int64, to: Int64) throws -> [StoredPlanRun] {
        try writer.read { db in
            try StoredPlanRun.fetchAll(db, sql: """
                SELECT * FROM plan_run WHERE start < ? AND start + steps * step_seconds > ? ORDER BY id
                """, arguments: [to, from])
        }
    }

    /// The planned span of all stored runs, Unix seconds `[first start, last end)`; nil when no
    /// run plans a step.
    public func plannedSpan() throws -> (start: Int64, end: Int64)? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT MIN(start) AS first, MAX(start + steps * step_seconds) AS last FROM plan_run WHERE steps > 0
                """), let first: Int64 = row["first"], let last: Int64 = row["last"]
            else { return nil }
            return (first, last)
        }
    }
}
