import GRDB

/// A failure of the storage under the database rather than of the request: the file cannot be
/// written (read-only, permissions), the disk is full, or I/O failed. The service answers 503
/// for these (type `storage-unavailable` or `disk-full`), reports not ready until the store
/// writes again, and recovers without a restart (``AppDatabase/recover()``).
public enum StorageFailure: Sendable, Equatable, CustomStringConvertible {
    /// The database cannot be written: opened read-only (file permissions, a read-only mount),
    /// or SQLite refused the write (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN).
    case readOnly(cause: String)
    /// The disk (or SQLite's page limit) is full (SQLITE_FULL).
    case diskFull(cause: String)
    /// I/O failed, or the database is locked past its busy timeout (SQLITE_IOERR, SQLITE_BUSY).
    case unavailable(cause: String)

    /// The failure an error means, or nil when it is not about storage.
    public init?(_ error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        let cause = "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no message")"
        switch error.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: self = .readOnly(cause: cause)
        case .SQLITE_FULL: self = .diskFull(cause: cause)
        case .SQLITE_IOERR, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_PROTOCOL: self = .unavailable(cause: cause)
        default: return nil
        }
    }

    /// The SQLite code and message, for the log (never for clients).
    public var cause: String {
        switch self {
        case .readOnly(let cause), .diskFull(let cause), .unavailable(let cause): cause
        }
    }

    public var description: String {
        switch self {
        case .readOnly: "the database cannot be written (read-only file or mount, or permissions)"
        case .diskFull: "the disk holding the database is full"
        case .unavailable: "the database is unavailable (I/O error or locked)"
        }
    }
}
