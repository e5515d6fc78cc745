import GRDB

/// One action of the allocation engine's log, as stored: its place in the log and its JSON.
public struct PoolActionRecord: Sendable, Equatable {
    public var round: Int
    public var position: Int
    /// When it takes effect, Unix seconds.
    public var at: Int64
    public var kind: String
    /// The action, JSON (encoded and decoded by the caller, which owns the action's type).
    public var action: String
    public var applied: Bool

    public init(round: Int, position: Int, at: Int64, kind: String, action: String, applied: Bool = false) {
        self.round = round
        self.position = position
        self.at = at
        self.kind = kind
        self.action = action
        self.applied = applied
    }
}

extension AppDatabase {
    /// Records a whole round as pending and marks the provider events it took (`pool_event`
    /// ids) taken by `round`, in one transaction.
    /// - Throws: a constraint error when any (round, position) is recorded already: a round is
    ///   never recorded twice; ``StoreError/poolEventTaken(id:)`` when an event was taken by
    ///   another round (nothing is recorded then).
    public func recordPoolRound(_ actions: [PoolActionRecord], planRunID: Int64?, takingEvents events: [Int64] = [],
                                round: Int? = nil) throws {
        try writer.write { db in
            for id in events {
                try db.execute(sql: "UPDATE pool_event SET taken_round = ? WHERE id = ? AND taken_round IS NULL",
                               arguments: [round ?? actions.first?.round ?? 0, id])
                guard db.changesCount == 1 else { throw StoreError.poolEventTaken(id: id) }
            }
            let recorded = Self.now()
            let insert = try db.makeStatement(sql: """
                INSERT INTO pool_action (round, position, at, kind, action, plan_run_id, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for action in actions {
                try insert.execute(arguments: [action.round, action.position, action.at, action.kind, action.action,
                                               planRunID, recorded])
            }
        }
    }

    /// Marks one action applied (once: marking it again changes nothing).
    public func markPoolActionApplied(round: Int, position: Int) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE pool_action SET applied_at = ? WHERE round = ? AND position = ? AND applied_at IS NULL
                """, arguments: [Self.now(), round, position])
        }
    }

    /// The log in order; only the applied actions when `applied` is true, only the pending ones
    /// when false, all when nil.
    public func poolActions(applied: Bool? = nil) throws -> [PoolActionRecord] {
        try writer.read { db in
            let filter = switch applied {
            case true?: "WHERE applied_at IS NOT NULL"
            case false?: "WHERE applied_at IS NULL"
            case nil: ""
            }
            return try Row.fetchAll(db, sql: """
                SELECT round, position, at, kind, action, applied_at IS NOT NULL AS applied
                FROM pool_action \(filter) ORDER BY round, position
                """).map {
                PoolActionRecord(round: $0["round"], position: $0["position"], at: $0["at"], kind: $0["kind"],
                                 action: $0["action"], applied: $0["applied"])
            }
        }
    }
}
