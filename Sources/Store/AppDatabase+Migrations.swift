import GRDB

extension AppDatabase {
    /// The migrator over the SQL files of `Migrations/`, embedded at build time, in file order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in embeddedMigrations {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    /// Identifiers of the migrations this build knows, oldest first.
    public static var knownMigrations: [String] { embeddedMigrations.map(\.name) }

    /// Applies the migrations not yet applied, after refusing a database that a newer Headroom
    /// has migrated past what this build knows.
    static func migrate(_ writer: any DatabaseWriter) throws {
        let migrator = Self.migrator
        let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
        let unknown = applied.subtracting(knownMigrations).sorted()
        if !unknown.isEmpty {
            throw StoreError.newerDatabase(path: nil, unknown: unknown)
        }
        // Up to date: take no write lock (a read-only file still opens, to be reported and recovered).
        guard !applied.isSuperset(of: knownMigrations) else { return }
        try migrator.migrate(writer)
    }

    /// The migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        let migrator = Self.migrator
        return try writer.read { db in try migrator.appliedIdentifiers(db) }.sorted()
    }
}
