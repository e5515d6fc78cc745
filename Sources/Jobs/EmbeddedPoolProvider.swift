public import Allocation
import Foundation
public import Store

/// The default provider: the node pool lives in the database, as its tables `node` and
/// `replica` (Migrations/0007_pool_tables.sql) and as the action log `pool_action` (its event
/// log). Applying an action changes the tables and marks the action applied in one
/// transaction, so the tables always equal the applied actions replayed on an empty pool, and
/// loading the pool reads the tables rather than replaying the log.
public struct EmbeddedPoolProvider: PoolProvider {
    public let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The pool from its tables. Tables that reflect fewer applied actions than the log holds
    /// (a database whose log predates the tables) are first rebuilt from the log, in one
    /// transaction.
    public func load() throws -> NodePool {
        let tables = try database.poolTables()
        let applied = try database.appliedPoolActionIDs().map { ActionID(round: $0.round, index: $0.position) }
        guard tables.appliedActions == applied.count else {
            let pool = try replay()
            _ = try database.replacePoolTables(Self.tables(pool, appliedActions: applied.count),
                                               ifReflecting: tables.appliedActions)
            return pool
        }
        return try Self.pool(tables, appliedActions: Set(applied))
    }

    /// The pool as the applied actions of the log, replayed in order on an empty pool.
    public func replay() throws -> NodePool {
        var pool = NodePool()
        for record in try database.poolActions(applied: true) {
            try pool.apply(try Self.decode(record))
        }
        return pool
    }

    public func pending() throws -> [Action] {
        try database.poolActions(applied: false).map(Self.decode)
    }

    public func record(_ round: [Action], planRunID: Int64?) throws {
        try database.recordPoolRound(try round.map(Self.encode), planRunID: planRunID)
    }

    /// Applies `action` to the pool's tables and marks it applied, in one transaction (once: an
    /// applied action changes nothing).
    public func apply(_ action: Action) throws {
        try database.applyPoolAction(round: action.id.round, position: action.id.index) { tables in
            var pool = try Self.pool(tables, appliedActions: [])
            try pool.apply(action)
            return Self.tables(pool, appliedActions: tables.appliedActions)
        }
    }

    static func encode(_ action: Action) throws -> PoolActionRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return PoolActionRecord(round: action.id.round, position: action.id.index, at: action.at,
                                kind: action.kind.name.rawValue, action: String(decoding: try encoder.encode(action), as: UTF8.self))
    }

    static func decode(_ record: PoolActionRecord) throws -> Action {
        do {
            return try JSONDecoder().decode(Action.self, from: Data(record.action.utf8))
        } catch {
            throw ExecuteJobError.unreadableLog(round: record.round, position: record.position)
        }
    }
}
