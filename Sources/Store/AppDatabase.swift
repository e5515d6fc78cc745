public import GRDB

/// Headroom's SQLite database: owns the connection, applies the migrations from `Migrations/`
/// when opened, and offers intention-named operations instead of raw SQL.
///
/// Production opens a `DatabasePool` (WAL mode: readers never wait for the writer); tests use
/// ``AppDatabase/inMemory()``.
public struct AppDatabase: Sendable {
    /// The connection. Exposed for tests and for read-only inspection; writes go through the
    /// operations on this type so that their invariants hold.
    public let writer: any DatabaseWriter

    /// Wraps `writer` and brings its schema up to date.
    /// - Throws: ``StoreError/newerDatabase(path:unknown:)`` when the file was written by a newer
    ///   Headroom, or the underlying SQLite error.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrate(writer)
    }

    /// Opens (creating if needed) the database file at `path` in WAL mode and migrates it.
    public static func open(path: String) throws -> AppDatabase {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        do {
            return try AppDatabase(DatabasePool(path: path, configuration: configuration))
        } catch let error as StoreError {
            throw error.at(path: path)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// An empty, migrated database in memory.
    public static func inMemory() throws -> AppDatabase {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try AppDatabase(DatabaseQueue(configuration: configuration))
    }
}
