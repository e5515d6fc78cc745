import GRDB

extension AppDatabase {
    /// The pool's tables (`node`, `replica`, `pool_state`), nodes and replicas in number order.
    public func poolTables() throws -> PoolTables {
        try writer.read { db in try Self.poolTables(db) }
    }

    /// The ids `(round, position)` of the applied actions of the log, in order.
    public func appliedPoolActionIDs() throws -> [(round: Int, position: Int)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT round, position FROM pool_action WHERE applied_at IS NOT NULL ORDER BY round, position")
                .map { (round: $0["round"], position: $0["position"]) }
        }
    }

    /// Applies one recorded action to the pool's tables and marks it applied, in one
    /// transaction: `change` gets the tables as they are and returns them with the action
    /// applied; the rows that differ are written, replicas no longer returned are deleted, and
    /// `applied_actions` goes up by one. An action already applied (or not recorded) changes
    /// nothing and `change` is not called.
    /// - Throws: what `change` throws (nothing is written then), or a database error.
    public func applyPoolAction(round: Int, position: Int, change: (PoolTables) throws -> PoolTables) throws {
        try writer.write { db in
            let pending = try Bool.fetchOne(db, sql: """
                SELECT applied_at IS NULL FROM pool_action WHERE round = ? AND position = ?
                """, arguments: [round, position]) ?? false
            guard pending else { return }
            let before = try Self.poolTables(db)
            var after = try change(before)
            after.appliedActions = before.appliedActions + 1
            try Self.write(after, over: before, db)
            try db.execute(sql: "UPDATE pool_action SET applied_at = ? WHERE round = ? AND position = ?",
                           arguments: [Self.now(), round, position])
        }
    }

    /// Replaces the pool's tables with `tables` in one transaction, if they still reflect
    /// `expectedAppliedActions` applied actions (so a concurrent apply is never overwritten);
    /// returns whether it wrote them. Used to bring tables written before the log up to date.
    public func replacePoolTables(_ tables: PoolTables, ifReflecting expectedAppliedActions: Int) throws -> Bool {
        try writer.write { db in
            let before = try Self.poolTables(db)
            guard before.appliedActions == expectedAppliedActions else { return false }
            try Self.write(tables, over: before, db)
            return true
        }
    }

    static func poolTables(_ db: Database) throws -> PoolTables {
        let state = try Row.fetchOne(db, sql: """
            SELECT applied_actions, next_node_number, next_replica_number FROM pool_state WHERE id = 1
            """)
        return PoolTables(
            nodes: try PoolNodeRecord.order(Column("number")).fetchAll(db),
            replicas: try PoolReplicaRecord.order(Column("number")).fetchAll(db),
            nextNodeNumber: state?["next_node_number"] ?? 0, nextReplicaNumber: state?["next_replica_number"] ?? 0,
            appliedActions: state?["applied_actions"] ?? 0)
    }

    /// Writes the rows of `after` that differ from `before`: nodes first (replicas refer to
    /// them), then replicas; deletes the replicas `after` no longer holds.
    static func write(_ after: PoolTables, over before: PoolTables, _ db: Database) throws {
        let oldNodes = Dictionary(before.nodes.map { ($0.number, $0) }, uniquingKeysWith: { $1 })
        for node in after.nodes where oldNodes[node.number] != node { try node.upsert(db) }
        let oldReplicas = Dictionary(before.replicas.map { ($0.number, $0) }, uniquingKeysWith: { $1 })
        let kept = Set(after.replicas.map(\.number))
        for replica in before.replicas where !kept.contains(replica.number) { _ = try replica.delete(db) }
        for replica in after.replicas where oldReplicas[replica.number] != replica { try replica.upsert(db) }
        try db.execute(sql: """
            UPDATE pool_state SET applied_actions = ?, next_node_number = ?, next_replica_number = ? WHERE id = 1
            """, arguments: [after.appliedActions, after.nextNodeNumber, after.nextReplicaNumber])
    }
}
