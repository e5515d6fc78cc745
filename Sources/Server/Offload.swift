import NIOPosix

/// Runs blocking work (SQLite through GRDB's synchronous API, JSON of whole plans) on NIO's
/// bounded thread pool, so route handlers never block Swift's cooperative threads.
func offload<T: Sendable>(_ work: @Sendable @escaping () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
}
