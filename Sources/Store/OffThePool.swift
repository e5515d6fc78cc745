import Foundation
import Synchronization

/// Runs synchronous `work` (SQLite, a job) on a new thread and awaits its result, so that the
/// cooperative pool is never blocked by it. The thread ends with the work, and lets go of
/// `work` (and what it holds, such as the database) before the caller resumes.
public func offThePool<T: Sendable>(_ name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
    let pending = Mutex<(@Sendable () throws -> T)?>(work)
    return try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            let result: Result<T, any Error>? = {
                guard let work = pending.withLock({ $0.take() }) else { return nil }
                return Result(catching: work)
            }()
            if let result { continuation.resume(with: result) }
        }
        thread.name = name
        thread.start()
    }
}
