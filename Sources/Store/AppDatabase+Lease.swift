public import Foundation
import GRDB

extension AppDatabase {
    /// Takes the lease `name` for `holder` until `now + seconds`, in one immediate transaction.
    /// - Returns: true when taken; false when another holder, or this one, holds it unexpired
    ///   (use ``renewLease(_:holder:at:seconds:)`` to extend one's own).
    public func acquireLease(_ name: String, holder: String, at now: Date, seconds: Double) throws -> Bool {
        try immediateWrite { db in try Self.acquireLease(db, name, holder: holder, at: now, seconds: seconds) == nil }
    }

    /// Extends `holder`'s lease `name` to `now + seconds`.
    /// - Returns: false when `holder` does not hold it (it expired and was taken, or was released).
    public func renewLease(_ name: String, holder: String, at now: Date, seconds: Double) throws -> Bool {
        try immediateWrite { db in
            try db.execute(sql: "UPDATE job_lease SET expires_at = ? WHERE name = ? AND holder = ?",
                           arguments: [now.timeIntervalSince1970 + seconds, name, holder])
            return db.changesCount > 0
        }
    }

    /// Gives up `holder`'s lease `name`; does nothing when another holder has it.
    public func releaseLease(_ name: String, holder: String) throws {
        try immediateWrite { db in
            try db.execute(sql: "DELETE FROM job_lease WHERE name = ? AND holder = ?", arguments: [name, holder])
        }
    }

    /// Takes the lease inside a transaction, after dropping it if expired.
    /// - Returns: nil when taken, else the current holder and its expiry.
    static func acquireLease(_ db: Database, _ name: String, holder: String, at now: Date,
                             seconds: Double) throws -> (holder: String, expires: Date)? {
        let instant = now.timeIntervalSince1970
        try db.execute(sql: "DELETE FROM job_lease WHERE name = ? AND expires_at <= ?", arguments: [name, instant])
        if let row = try Row.fetchOne(db, sql: "SELECT holder, expires_at FROM job_lease WHERE name = ?", arguments: [name]) {
            return (row["holder"], Date(timeIntervalSince1970: row["expires_at"]))
        }
        try db.execute(sql: "INSERT INTO job_lease (name, holder, expires_at) VALUES (?, ?, ?)",
                       arguments: [name, holder, instant + seconds])
        return nil
    }

    /// Runs `work` in a transaction that takes SQLite's write lock when it begins, so that two
    /// processes on one file serialize here (waiting up to the busy timeout) rather than fail
    /// when a read inside the transaction turns into a write.
    func immediateWrite<T>(_ work: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try work(db)
                return .commit
            }
            guard let result else { throw DatabaseError(resultCode: .SQLITE_ERROR, message: "transaction returned nothing") }
            return result
        }
    }
}
