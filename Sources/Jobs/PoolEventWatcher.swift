import Foundation
public import Store

/// Reconciles as soon as the provider has news: each arrival (a spot interruption notice, a
/// lost node) runs the execute job through the runner, recorded like any other run, instead of
/// waiting for the next scheduled one. A run refused because another execute run holds the
/// lease is tried again after `retrySeconds` (that run may have read the pool before the news
/// came); a failed run (no plan covering now, say) leaves the news for the next run.
public struct PoolEventWatcher: Sendable {
    public let provider: any PoolProvider
    public let runner: JobRunner
    public var retrySeconds: Double = 1
    /// Told of each run's end.
    public var onRun: @Sendable (Result<JobRunRecord, any Error>) -> Void
    /// Subscribed at init, so that no news is missed before ``run()`` starts.
    let arrivals: AsyncStream<Void>

    public init(provider: any PoolProvider, runner: JobRunner,
                onRun: @escaping @Sendable (Result<JobRunRecord, any Error>) -> Void = { _ in }) {
        self.provider = provider
        self.runner = runner
        self.onRun = onRun
        arrivals = provider.arrivals()
    }

    /// Runs until the calling task is cancelled; once per watcher.
    public func run() async {
        for await _ in arrivals {
            while !Task.isCancelled {
                do {
                    onRun(.success(try await runner.runToEnd(.execute, trigger: .api)))
                    break
                } catch is JobRunRefused {
                    try? await Task.sleep(for: .seconds(retrySeconds))
                } catch {
                    onRun(.failure(error))
                    break
                }
            }
        }
    }
}
