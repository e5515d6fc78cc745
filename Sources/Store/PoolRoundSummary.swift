import GRDB

/// One execution (reconcile round) of the pool-action log, summarised: what
/// `GET /v1/executions` lists.
public struct PoolRoundSummary: Sendable, Equatable {
    public var round: Int
    /// The plan whose targets the round pursued.
    public var planRunID: Int64?
    /// When the round's first and last actions take effect (Unix seconds).
    public var firstAt: Int64
    public var lastAt: Int64
    public var actions: Int
    public var appliedActions: Int
    /// Actions per kind (`provision`, `place`, `drain`, ...).
    public var kinds: [String: Int]
    /// RFC 3339, UTC.
    public var recordedAt: String
    /// When its last action was applied (RFC 3339, UTC); nil while any is pending.
    public var completedAt: String?
}

extension AppDatabase {
    /// The newest `limit` rounds, newest first, starting below round `before` when given.
    public func poolRounds(limit: Int, before: Int? = nil) throws -> [PoolRoundSummary] {
        try writer.read { db in
            let rounds = try Row.fetchAll(db, sql: """
                SELECT round, MAX(plan_run_id) AS plan_run_id, MIN(at) AS first_at, MAX(at) AS last_at,
                       COUNT(*) AS actions, COUNT(applied_at) AS applied, MIN(recorded_at) AS recorded_at,
                       CASE WHEN COUNT(applied_at) = COUNT(*) THEN MAX(applied_at) END AS completed_at
                FROM pool_action WHERE round < ? GROUP BY round ORDER BY round DESC LIMIT ?
                """, arguments: [before ?? Int.max, limit])
            return try rounds.map { row in
                let round: Int = row["round"]
                var kinds: [String: Int] = [:]
                for kind in try Row.fetchAll(db, sql: """
                    SELECT kind, COUNT(*) AS n FROM pool_action WHERE round = ? GROUP BY kind
                    """, arguments: [round]) {
                    kinds[kind["kind"]] = kind["n"]
                }
                return PoolRoundSummary(round: round, planRunID: row["plan_run_id"], firstAt: row["first_at"],
                                        lastAt: row["last_at"], actions: row["actions"], appliedActions: row["applied"],
                                        kinds: kinds, recordedAt: row["recorded_at"], completedAt: row["completed_at"])
            }
        }
    }
}
