public import GRDB

/// One row of `pool_event` (Migrations/0009_pool_events.sql): provider news about a node, kept
/// until a reconcile round takes it. Kinds are the allocation engine's event names; times are
/// Unix seconds.
public struct PoolEventRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "pool_event"

    /// Assigned when stored: the order events arrived in.
    public var id: Int64?
    /// `node-ready`, `node-lost` or `interruption-notice`.
    public var kind: String
    /// The node's number (`node-<number>`).
    public var node: Int
    public var at: Int64
    /// Interruption notices only: when the provider takes the node back.
    public var reclaimAt: Int64?
    /// RFC 3339, UTC.
    public var receivedAt: String
    /// The round that took it; nil until taken.
    public var takenRound: Int?

    public init(id: Int64? = nil, kind: String, node: Int, at: Int64, reclaimAt: Int64?, receivedAt: String = "",
                takenRound: Int? = nil) {
        self.id = id
        self.kind = kind
        self.node = node
        self.at = at
        self.reclaimAt = reclaimAt
        self.receivedAt = receivedAt
        self.takenRound = takenRound
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, node, at
        case reclaimAt = "reclaim_at", receivedAt = "received_at", takenRound = "taken_round"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension AppDatabase {
    /// Stores an event as received now and not yet taken, and returns it with its id.
    public func receivePoolEvent(_ event: PoolEventRecord) throws -> PoolEventRecord {
        try writer.write { db in
            var stored = event
            stored.receivedAt = Self.now()
            stored.takenRound = nil
            try stored.insert(db)
            return stored
        }
    }

    /// The events no round has taken yet, in arrival order.
    public func untakenPoolEvents() throws -> [PoolEventRecord] {
        try writer.read { db in
            try PoolEventRecord.filter(sql: "taken_round IS NULL").order(Column("id")).fetchAll(db)
        }
    }

    /// Every stored event, newest first, at most `limit`.
    public func poolEvents(limit: Int = 100) throws -> [PoolEventRecord] {
        try writer.read { db in
            try PoolEventRecord.order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }
}
