/// Why the store refused to open or to write.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The database has migrations this build does not know: a newer Headroom wrote it.
    case newerDatabase(path: String?, unknown: [String])
    /// SQLite could not open the file.
    case cannotOpen(path: String, reason: String)
    /// A `job_run` row holds a value this build does not know (written by a newer Headroom).
    case unreadableJobRun(id: Int64)
    /// A provider event was already taken by another reconcile round.
    case poolEventTaken(id: Int64)

    func at(path: String) -> StoreError {
        switch self {
        case .newerDatabase(_, let unknown): .newerDatabase(path: path, unknown: unknown)
        case .cannotOpen, .unreadableJobRun, .poolEventTaken: self
        }
    }

    public var description: String {
        switch self {
        case .newerDatabase(let path, let unknown):
            "database \(path ?? "(in memory)") was written by a newer Headroom (unknown migrations: "
                + unknown.joined(separator: ", ")
                + "); upgrade Headroom or use another --db file"
        case .cannotOpen(let path, let reason):
            "cannot open database \(path): \(reason)"
        case .unreadableJobRun(let id):
            "job run \(id) cannot be read by this version of Headroom (written by a newer one?)"
        case .poolEventTaken(let id):
            "pool event \(id) was taken by another reconcile round; run the execute job again"
        }
    }
}
