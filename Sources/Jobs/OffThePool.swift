import Foundation

/// Runs synchronous `work` (SQLite, a job) on a new thread and awaits its result, so that the
/// cooperative pool is never blocked by it. The thread ends with the work.
func offThePool<T: Sendable>(_ name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result(catching: work)) }
        thread.name = name
        thread.start()
    }
}
