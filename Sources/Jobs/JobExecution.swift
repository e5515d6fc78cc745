import Foundation
public import Store
import Synchronization

/// A job run in progress: the run as recorded when it started, and its end.
public final class JobExecution: Sendable {
    /// The run as recorded at its start (status running).
    public let started: JobRunRecord

    struct State {
        var outcome: Result<JobRunRecord, any Error>?
        var waiters: [UInt64: CheckedContinuation<Result<JobRunRecord, any Error>?, Never>] = [:]
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    let state = Mutex(State())


    init(started: JobRunRecord) {
        self.started = started
    }

    /// Whether the job has ended and its outcome is recorded.
    public var isFinished: Bool { state.withLock { $0.outcome != nil } }

    /// Waits for the job to end, however long it takes (cancelling the waiting task does not
    /// stop the job or the wait).
    /// - Returns: the run as recorded at its end (succeeded or failed, or interrupted if a
    ///   shutdown marked it so first).
    /// - Throws: the store's error when the outcome could not be recorded.
    public func finished() async throws -> JobRunRecord {
        guard let outcome = await outcome(cancellable: false) else { throw CancellationError() }
        return try outcome.get()
    }

    /// Waits for the job to end; nil when the calling task is cancelled first (when
    /// `cancellable`), the job going on.
    func outcome(cancellable: Bool) async -> Result<JobRunRecord, any Error>? {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let wait = {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<JobRunRecord, any Error>?, Never>) in
                let ready = self.state.withLock { state -> Result<JobRunRecord, any Error>?? in
                    if let outcome = state.outcome { return .some(outcome) }
                    if state.cancelled.remove(id) != nil { return .some(nil) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
        guard cancellable else { return await wait() }
        return await withTaskCancellationHandler(operation: wait) {
            let waiter = state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: id) else {
                    state.cancelled.insert(id)
                    return nil as CheckedContinuation<Result<JobRunRecord, any Error>?, Never>?
                }
                return waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Records the job's end and wakes every waiter.
    func complete(_ outcome: Result<JobRunRecord, any Error>) {
        let waiters = state.withLock { state in
            state.outcome = outcome
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: outcome) }
    }
}

extension JobExecution {
    /// Waits for the job to end until `deadline` by `clock`; nil when the deadline comes first.
    func outcome(before deadline: Date, clock: any SchedulerClock) async -> Result<JobRunRecord, any Error>? {
        let first = await withTaskGroup(of: Result<JobRunRecord, any Error>?.self) { group in
            group.addTask { await self.outcome(cancellable: true) }
            group.addTask {
                try? await clock.sleep(until: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        return first ?? finishedOutcome
    }

    /// The outcome, if the job has ended.
    var finishedOutcome: Result<JobRunRecord, any Error>? { state.withLock { $0.outcome } }
}
