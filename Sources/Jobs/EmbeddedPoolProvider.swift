public import Allocation
import Foundation
public import Store
import Traffic

/// The default provider: the node pool lives in the database, as its tables `node` and
/// `replica` (Migrations/0007_pool_tables.sql) and as the action log `pool_action` (its event
/// log). Applying an action changes the tables and marks the action applied in one
/// transaction, so the tables always equal the applied actions replayed on an empty pool, and
/// loading the pool reads the tables rather than replaying the log.
///
/// Its nodes are ready on schedule (when their provisioning delay has passed). News about them
/// comes from whoever runs the machines, through ``receive(_:)`` (`POST /v1/pool/events`,
/// `headroom pool event`), and waits in `pool_event` (Migrations/0009_pool_events.sql) until a
/// round takes it. SQLite work runs off the cooperative pool.
public struct EmbeddedPoolProvider: PoolProvider {
    public let database: AppDatabase
    private let arrived = ArrivalSignal()

    public init(database: AppDatabase) {
        self.database = database
    }

    public var nodeReadiness: NodeReadiness { .scheduled }

    public func load() async throws -> NodePool {
        try await offThePool("headroom-pool") { [self] in try loadNow() }
    }

    public func pending() async throws -> [Action] {
        try await offThePool("headroom-pool") { [database] in try database.poolActions(applied: false).map(Self.decode) }
    }

    public func events() async throws -> [ProviderEvent] {
        try await offThePool("headroom-pool") { [database] in try database.untakenPoolEvents().map(Self.event) }
    }

    public func record(_ actions: [Action], round: Int, taking events: [ProviderEvent], planRunID: Int64?) async throws {
        let records = try actions.map(Self.encode)
        try await offThePool("headroom-pool") { [database] in
            try database.recordPoolRound(records, planRunID: planRunID, takingEvents: events.map(\.id), round: round)
        }
    }

    /// Applies `action` to the pool's tables and marks it applied, in one transaction (once: an
    /// applied action changes nothing).
    public func apply(_ action: Action) async throws {
        try await offThePool("headroom-pool") { [self] in try applyNow(action) }
    }

    public func arrivals() -> AsyncStream<Void> { arrived.stream() }

    /// Stores news about a node for the next round and wakes this provider's listeners.
    /// - Throws: ``PoolEventError`` for a node the pool never held or one already terminated,
    ///   or a reclaim time before the notice (nothing is stored then).
    @discardableResult
    public func receive(_ event: PoolEvent) async throws -> ProviderEvent {
        let stored = try await offThePool("headroom-pool") { [self] in
            let pool = try loadNow()
            guard let node = pool.nodes[event.node] else { throw PoolEventError.unknownNode(event.node) }
            guard node.isAlive else { throw PoolEventError.terminated(event.node, at: node.terminatedAt ?? event.at) }
            if case .interruptionNotice(_, let at, let reclaimAt) = event, reclaimAt < at {
                throw PoolEventError.reclaimBeforeNotice(event.node)
            }
            return try database.receivePoolEvent(Self.record(event))
        }
        arrived.signal()
        return try Self.event(stored)
    }

    /// The pool from its tables, on the calling thread. Tables that reflect fewer applied
    /// actions than the log holds (a database whose log predates the tables) are first rebuilt
    /// from the log, in one transaction.
    public func loadNow() throws -> NodePool {
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

    func applyNow(_ action: Action) throws {
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

extension EmbeddedPoolProvider {
    /// An event as stored in `pool_event`.
    static func record(_ event: PoolEvent) -> PoolEventRecord {
        switch event {
        case .nodeReady(let id, let at): PoolEventRecord(kind: PoolEventName.nodeReady.rawValue, node: id.number, at: at, reclaimAt: nil)
        case .nodeLost(let id, let at): PoolEventRecord(kind: PoolEventName.nodeLost.rawValue, node: id.number, at: at, reclaimAt: nil)
        case .interruptionNotice(let id, let at, let reclaimAt):
            PoolEventRecord(kind: PoolEventName.interruptionNotice.rawValue, node: id.number, at: at, reclaimAt: reclaimAt)
        }
    }

    /// A stored event.
    /// - Throws: ``ExecuteJobError/unreadablePoolTables(_:)`` for a kind this version does not know.
    static func event(_ record: PoolEventRecord) throws -> ProviderEvent {
        let node = NodeID(record.node)
        let event: PoolEvent
        switch (PoolEventName(rawValue: record.kind), record.reclaimAt) {
        case (.nodeReady?, _): event = .nodeReady(node, at: record.at)
        case (.nodeLost?, _): event = .nodeLost(node, at: record.at)
        case (.interruptionNotice?, let reclaimAt?): event = .interruptionNotice(node, at: record.at, reclaimAt: reclaimAt)
        default: throw ExecuteJobError.unreadablePoolTables("pool event \(record.id ?? 0) kind '\(record.kind)'")
        }
        return ProviderEvent(id: record.id ?? 0, event: event)
    }
}

/// The names of provider events, as `pool_event.kind`, `POST /v1/pool/events` and
/// `headroom pool event --kind` spell them.
public enum PoolEventName: String, CaseIterable, Sendable {
    case nodeReady = "node-ready"
    case nodeLost = "node-lost"
    case interruptionNotice = "interruption-notice"
}

/// Why an event was refused; nothing was stored.
public enum PoolEventError: Error, Equatable, CustomStringConvertible {
    case unknownNode(NodeID)
    case terminated(NodeID, at: Int64)
    case reclaimBeforeNotice(NodeID)

    public var description: String {
        switch self {
        case .unknownNode(let id): "the pool has no \(id): `headroom pool show` lists its nodes"
        case .terminated(let id, let at): "\(id) was terminated at \(Timestamp.format(at)); events about it change nothing"
        case .reclaimBeforeNotice(let id): "the interruption notice for \(id) reclaims it before the notice itself: reclaim_at must be at or after at"
        }
    }
}
