public import GRDB
internal import GRDBSQLite
import Synchronization

/// Headroom's SQLite database: owns the connection, applies the migrations from `Migrations/`
/// when opened, and offers intention-named operations instead of raw SQL.
///
/// Production opens a `DatabasePool` (WAL mode: readers never wait for the writer); tests use
/// ``AppDatabase/inMemory()``. A database opened from a file can be opened again in place
/// (``recover()``): a file that was read-only when opened stays read-only to its connection
/// until then.
public struct AppDatabase: Sendable {
    private let slot: WriterSlot
    /// The storage failure not yet recovered from, if any.
    public let health: StoreHealth

    /// The connection. Exposed for tests and for read-only inspection; writes go through the
    /// operations on this type so that their invariants hold.
    public var writer: any DatabaseWriter { slot.writer }

    /// Wraps `writer` and brings its schema up to date.
    /// - Throws: ``StoreError/newerDatabase(path:unknown:)`` when the file was written by a newer
    ///   Headroom, or the underlying SQLite error.
    public init(_ writer: any DatabaseWriter) throws {
        try self.init(writer, reopen: nil)
    }

    init(_ writer: any DatabaseWriter, reopen: (@Sendable () throws -> any DatabaseWriter)?) throws {
        try Self.migrate(writer)
        self.slot = WriterSlot(writer, reopen: reopen)
        self.health = StoreHealth()
    }

    /// Opens (creating if needed) the database file at `path` in WAL mode and migrates it. A
    /// file that cannot be written is opened read-only by SQLite; the store then starts with
    /// that failure recorded in ``health``.
    public static func open(path: String) throws -> AppDatabase {
        do {
            let database = try AppDatabase(pool(path: path), reopen: { try pool(path: path) })
            if try database.isReadOnly() {
                database.health.record(.readOnly(cause: "SQLite opened \(path) read-only (the file or its directory is not writable)"))
            }
            return database
        } catch let error as StoreError {
            throw error.at(path: path)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    static func pool(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        return try DatabasePool(path: path, configuration: configuration)
    }

    /// An empty, migrated database in memory.
    public static func inMemory() throws -> AppDatabase {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try AppDatabase(DatabaseQueue(configuration: configuration))
    }

    /// Whether the writer's connection can only read (`sqlite3_db_readonly`).
    func isReadOnly() throws -> Bool {
        try writer.writeWithoutTransaction { db in sqlite3_db_readonly(db.sqliteConnection, "main") == 1 }
    }

    /// Tries to get past the outstanding storage failure in ``health``: a read-only database is
    /// opened again (permissions may have been fixed), a full disk is probed with a write that
    /// needs new pages (64 KiB, rolled back by a delete). Clears the failure when the store
    /// writes again.
    /// - Returns: the failure still outstanding; nil when the store is writable.
    @discardableResult
    public func recover() -> StorageFailure? {
        guard let failure = health.failure else { return nil }
        do {
            if case .readOnly = failure {
                try slot.reopen()
                if try isReadOnly() {
                    return failure
                }
            }
            try writer.write { db in
                try db.execute(sql: "INSERT INTO job_lease (name, holder, expires_at) VALUES ('storage-probe', ?, 0)",
                               arguments: [String(repeating: " ", count: 65_536)])
                try db.execute(sql: "DELETE FROM job_lease WHERE name = 'storage-probe'")
            }
            health.clear()
            return nil
        } catch {
            let still = StorageFailure(error) ?? failure
            health.record(still)
            return still
        }
    }
}

/// The current writer, replaceable by opening the file again.
final class WriterSlot: Sendable {
    private let current: Mutex<any DatabaseWriter>
    private let opener: (@Sendable () throws -> any DatabaseWriter)?

    init(_ writer: any DatabaseWriter, reopen: (@Sendable () throws -> any DatabaseWriter)?) {
        current = Mutex(writer)
        opener = reopen
    }

    var writer: any DatabaseWriter { current.withLock { $0 } }

    /// Opens the file again and uses the new connection from now on (in-flight work finishes on
    /// the old one). In memory, nothing changes.
    func reopen() throws {
        guard let opener else { return }
        let fresh = try opener()
        current.withLock { $0 = fresh }
    }
}
