import GRDB

/// A plan run as stored: its version, what it was planned from, its headline costs, and the
/// plan itself as JSON (encoded and decoded by the caller, which owns the plan's types).
public struct StoredPlanRun: Sendable, Equatable {
    public var id: Int64
    public var forecastRunID: Int64
    public var createdAt: String
    public var configSHA256: String
    public var start: Int64
    public var stepSeconds: Int64
    public var steps: Int
    public var monthlyCostUSD: Double
    public var onDemandCostUSD: Double
    public var staticPeakCostUSD: Double
    public var withinBudget: Bool?
    public var plan: String

    public init(id: Int64 = 0, forecastRunID: Int64, createdAt: String = "", configSHA256: String, start: Int64,
                stepSeconds: Int64, steps: Int, monthlyCostUSD: Double, onDemandCostUSD: Double,
                staticPeakCostUSD: Double, withinBudget: Bool?, plan: String) {
        self.id = id
        self.forecastRunID = forecastRunID
        self.createdAt = createdAt
        self.configSHA256 = configSHA256
        self.start = start
        self.stepSeconds = stepSeconds
        self.steps = steps
        self.monthlyCostUSD = monthlyCostUSD
        self.onDemandCostUSD = onDemandCostUSD
        self.staticPeakCostUSD = staticPeakCostUSD
        self.withinBudget = withinBudget
        self.plan = plan
    }
}

/// One model's plan in one region, as stored with its run.
public struct StoredModelPlan: Sendable, Equatable {
    public var model: String
    public var region: String
    public var peakReplicas: Int
    public var plan: String

    public init(model: String, region: String, peakReplicas: Int, plan: String) {
        self.model = model
        self.region = region
        self.peakReplicas = peakReplicas
        self.plan = plan
    }
}

extension AppDatabase {
    /// Stores a plan run and its model plans in one transaction.
    /// - Returns: the run as stored (with its id, the plan version, and its creation time).
    public func savePlanRun(_ run: StoredPlanRun, models: [StoredModelPlan]) throws -> StoredPlanRun {
        try writer.write { db in
            var stored = run
            stored.createdAt = Self.now()
            try db.execute(sql: """
                INSERT INTO plan_run (forecast_run_id, created_at, config_sha256, start, step_seconds, steps,
                                      monthly_cost_usd, on_demand_cost_usd, static_peak_cost_usd, within_budget, plan)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.forecastRunID, stored.createdAt, run.configSHA256, run.start, run.stepSeconds,
                                 run.steps, run.monthlyCostUSD, run.onDemandCostUSD, run.staticPeakCostUSD,
                                 run.withinBudget, run.plan])
            stored.id = db.lastInsertedRowID
            for model in models {
                try db.execute(sql: """
                    INSERT INTO model_plan (plan_run_id, model, region, peak_replicas, plan) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [stored.id, model.model, model.region, model.peakReplicas, model.plan])
            }
            return stored
        }
    }

    /// The plan run `id`, or the newest when `id` is nil; nil when there is none.
    public func planRun(id: Int64? = nil) throws -> StoredPlanRun? {
        try writer.read { db in
            let row = if let id {
                try Row.fetchOne(db, sql: "SELECT * FROM plan_run WHERE id = ?", arguments: [id])
            } else {
                try Row.fetchOne(db, sql: "SELECT * FROM plan_run ORDER BY id DESC LIMIT 1")
            }
            guard let row else { return nil }
            return StoredPlanRun(
                id: row["id"], forecastRunID: row["forecast_run_id"], createdAt: row["created_at"],
                configSHA256: row["config_sha256"], start: row["start"], stepSeconds: row["step_seconds"],
                steps: row["steps"], monthlyCostUSD: row["monthly_cost_usd"], onDemandCostUSD: row["on_demand_cost_usd"],
                staticPeakCostUSD: row["static_peak_cost_usd"], withinBudget: row["within_budget"], plan: row["plan"])
        }
    }

    /// The newest plan run's id, or nil when none is stored (one index lookup).
    public func latestPlanRunID() throws -> Int64? {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM plan_run") }
    }

    /// One model's plan in one region from run `runID` (newest when nil); nil when not planned.
    public func modelPlan(model: String, region: String, runID: Int64? = nil) throws -> (run: Int64, plan: StoredModelPlan)? {
        try writer.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT * FROM model_plan WHERE model = ? AND region = ?
                  AND plan_run_id = COALESCE(?, (SELECT MAX(id) FROM plan_run))
                """, arguments: [model, region, runID])
            guard let row else { return nil }
            return (row["plan_run_id"], StoredModelPlan(model: row["model"], region: row["region"],
                                                        peakReplicas: row["peak_replicas"], plan: row["plan"]))
        }
    }

    /// The (model, region) pairs of run `runID` (newest when nil), sorted.
    public func plannedModels(runID: Int64? = nil) throws -> [(model: String, region: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT model, region FROM model_plan WHERE plan_run_id = COALESCE(?, (SELECT MAX(id) FROM plan_run))
                ORDER BY model, region
                """, arguments: [runID]).map { ($0["model"], $0["region"]) }
        }
    }
}
