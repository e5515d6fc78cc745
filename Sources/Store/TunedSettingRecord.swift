public import GRDB

/// One row of `tuned_setting` (Migrations/0010_tuned_settings.sql): the plan settings a tune
/// found for one model in one region, with its replay's evidence. Shares are in (0, 1], costs
/// in USD over the replayed days, times Unix seconds.
public struct TunedSettingRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "tuned_setting"

    public var tuneRunID: Int64
    public var model: String
    public var region: String
    /// `tuned` (plans use the settings) or `unreached` (no setting served `sloServed`).
    public var status: String
    public var sloServed: Double
    public var quantile: Double
    public var utilization: Double
    public var servedFraction: Double
    public var costUSD: Double
    public var reactiveUtilization: Double
    public var reactiveServedFraction: Double
    public var reactiveReached: Bool
    public var reactiveCostUSD: Double
    public var floorCostUSD: Double?
    public var replays: Int
    public var replayStart: Int64
    public var replayEnd: Int64
    public var trainDays: Int

    public init(tuneRunID: Int64 = 0, model: String, region: String, status: String, sloServed: Double,
                quantile: Double, utilization: Double, servedFraction: Double, costUSD: Double,
                reactiveUtilization: Double, reactiveServedFraction: Double, reactiveReached: Bool,
                reactiveCostUSD: Double, floorCostUSD: Double?, replays: Int, replayStart: Int64, replayEnd: Int64,
                trainDays: Int) {
        self.tuneRunID = tuneRunID
        self.model = model
        self.region = region
        self.status = status
        self.sloServed = sloServed
        self.quantile = quantile
        self.utilization = utilization
        self.servedFraction = servedFraction
        self.costUSD = costUSD
        self.reactiveUtilization = reactiveUtilization
        self.reactiveServedFraction = reactiveServedFraction
        self.reactiveReached = reactiveReached
        self.reactiveCostUSD = reactiveCostUSD
        self.floorCostUSD = floorCostUSD
        self.replays = replays
        self.replayStart = replayStart
        self.replayEnd = replayEnd
        self.trainDays = trainDays
    }

    enum CodingKeys: String, CodingKey {
        case model, region, status, quantile, utilization, replays
        case tuneRunID = "tune_run_id", sloServed = "slo_served", servedFraction = "served_fraction", costUSD = "cost_usd"
        case reactiveUtilization = "reactive_utilization", reactiveServedFraction = "reactive_served_fraction"
        case reactiveReached = "reactive_reached", reactiveCostUSD = "reactive_cost_usd", floorCostUSD = "floor_cost_usd"
        case replayStart = "replay_start", replayEnd = "replay_end", trainDays = "train_days"
    }
}

/// A tune run: when it ran, how many days it replayed, and its settings (one per model and
/// region it replayed).
public struct StoredTuneRun: Sendable, Equatable {
    public var id: Int64
    /// RFC 3339, UTC.
    public var createdAt: String
    public var days: Int
    public var settings: [TunedSettingRecord]
}

extension AppDatabase {
    /// Stores a tune run of `days` with `settings`, in one transaction, and returns it.
    public func saveTuneRun(days: Int, settings: [TunedSettingRecord]) throws -> StoredTuneRun {
        try writer.write { db in
            let createdAt = Self.now()
            try db.execute(sql: "INSERT INTO tune_run (created_at, days) VALUES (?, ?)", arguments: [createdAt, days])
            let id = db.lastInsertedRowID
            let stored = settings.map { setting in
                var setting = setting
                setting.tuneRunID = id
                return setting
            }
            for setting in stored { try setting.insert(db) }
            return StoredTuneRun(id: id, createdAt: createdAt, days: days, settings: stored)
        }
    }

    /// The newest tuned setting of every model and region, with the time its run was stored
    /// (RFC 3339), ordered by model and region.
    public func latestTunedSettings() throws -> [(setting: TunedSettingRecord, tunedAt: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, r.created_at AS tuned_at FROM tuned_setting s JOIN tune_run r ON r.id = s.tune_run_id
                WHERE s.tune_run_id = (SELECT MAX(tune_run_id) FROM tuned_setting l WHERE l.model = s.model AND l.region = s.region)
                ORDER BY s.model, s.region
                """).map { row in (try TunedSettingRecord(row: row), row["tuned_at"]) }
        }
    }
}
