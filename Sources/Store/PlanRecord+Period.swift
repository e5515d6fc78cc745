import GRDB

extension AppDatabase {
    /// The plan runs whose planned span `[start, start + steps × step_seconds)` overlaps
    /// `[from, to)` (Unix seconds), oldest first, plans included. Runs outside the period are
    /// filtered by SQLite, not loaded.
    public func planRuns(overlapping from: Int64, to: Int64) throws -> [StoredPlanRun] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM plan_run WHERE start < ? AND start + steps * step_seconds > ? ORDER BY id
                """, arguments: [to, from]).map(StoredPlanRun.init(row:))
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

extension StoredPlanRun {
    /// A `plan_run` row.
    init(row: Row) {
        self.init(id: row["id"], forecastRunID: row["forecast_run_id"], createdAt: row["created_at"],
                  configSHA256: row["config_sha256"], start: row["start"], stepSeconds: row["step_seconds"],
                  steps: row["steps"], monthlyCostUSD: row["monthly_cost_usd"], onDemandCostUSD: row["on_demand_cost_usd"],
                  staticPeakCostUSD: row["static_peak_cost_usd"], withinBudget: row["within_budget"], plan: row["plan"])
    }
}
