public import GRDB

/// A plan run as stored: its version, what it was planned from, its headline costs, and the
/// plan itself as JSON (encoded and decoded by the caller, which owns the plan's types). A
/// `plan_run` row (Migrations/0003_plans.sql); `id` is 0 until the run is stored.
public struct StoredPlanRun: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "plan_run"

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

    enum CodingKeys: String, CodingKey {
        case id, start, steps, plan
        case forecastRunID = "forecast_run_id", createdAt = "created_at", configSHA256 = "config_sha256"
        case stepSeconds = "step_seconds", monthlyCostUSD = "monthly_cost_usd", onDemandCostUSD = "on_demand_cost_usd"
        case staticPeakCostUSD = "static_peak_cost_usd", withinBudget = "within_budget"
    }

    /// The run's columns; `id` only once it has one (SQLite assigns it on insert).
    public func encode(to container: inout PersistenceContainer) throws {
        if id != 0 { container[CodingKeys.id.rawValue] = id }
        container[CodingKeys.forecastRunID.rawValue] = forecastRunID
        container[CodingKeys.createdAt.rawValue] = createdAt
        container[CodingKeys.configSHA256.rawValue] = configSHA256
        container[CodingKeys.start.rawValue] = start
        container[CodingKeys.stepSeconds.rawValue] = stepSeconds
        container[CodingKeys.steps.rawValue] = steps
        container[CodingKeys.monthlyCostUSD.rawValue] = monthlyCostUSD
        container[CodingKeys.onDemandCostUSD.rawValue] = onDemandCostUSD
        container[CodingKeys.staticPeakCostUSD.rawValue] = staticPeakCostUSD
        container[CodingKeys.withinBudget.rawValue] = withinBudget
        container[CodingKeys.plan.rawValue] = plan
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
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
            stored.id = 0
            try stored.insert(db)
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
            if let id {
                return try StoredPlanRun.fetchOne(db, sql: "SELECT * FROM plan_run WHERE id = ?", arguments: [id])
            }
            return try StoredPlanRun.fetchOne(db, sql: "SELECT * FROM plan_run ORDER BY id DESC LIMIT 1")
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
