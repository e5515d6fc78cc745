public import Allocation
import Foundation
public import Store

/// The default provider: the node pool lives in the database as the action log itself
/// (`pool_action`), so applying an action is marking it applied, and the pool is the applied
/// actions replayed on an empty pool.
public struct EmbeddedPoolProvider: PoolProvider {
    public let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func load() throws -> NodePool {
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

    public func apply(_ action: Action) throws {
        try database.markPoolActionApplied(round: action.id.round, position: action.id.index)
    }

    static func encode(_ action: Action) throws -> PoolActionRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return PoolActionRecord(round: action.id.round, position: action.id.index, at: action.at,
                                kind: action.kind.name, action: String(decoding: try encoder.encode(action), as: UTF8.self))
    }

    static func decode(_ record: PoolActionRecord) throws -> Action {
        do {
            return try JSONDecoder().decode(Action.self, from: Data(record.action.utf8))
        } catch {
            throw ExecuteJobError.unreadableLog(round: record.round, position: record.position)
        }
    }
}
