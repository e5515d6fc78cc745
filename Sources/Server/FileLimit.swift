#if canImport(Glibc)
import Glibc
#endif
import Logging

/// The process's open-file limit, which bounds how many connections can be open at once.
enum FileLimit {
    /// Descriptors kept for everything but connections: SQLite files, the listening socket, logs.
    static let reserve = 256

    /// Raises the soft limit on open files to the hard one, then returns `wanted` capped so that
    /// connections can never exhaust descriptors (soft limit less ``reserve``); logs a cap.
    static func connectionsAllowed(_ wanted: Int, logger: Logger) -> Int {
        #if canImport(Glibc)
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return wanted }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        let available = Int(clamping: limit.rlim_cur) - reserve
        guard available < wanted else { return wanted }
        let allowed = max(1, available)
        logger.warning("max_connections capped by the open-file limit",
                       metadata: ["configured": "\(wanted)", "allowed": "\(allowed)", "file_limit": "\(limit.rlim_cur)"])
        return allowed
        #else
        return wanted
        #endif
    }
}
