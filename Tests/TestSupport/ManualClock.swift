public import Foundation
public import Jobs
import Synchronization

/// A clock that only moves when told to: for tests that drive the scheduler through days
/// without sleeping. Sleepers wake when ``advance(to:)`` reaches their deadline, or throw
/// `CancellationError` when their task is cancelled.
public final class ManualClock: SchedulerClock {
    private struct Sleeper {
        var id: UInt64
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Waiter {
        var count: Int
        var continuation: CheckedContinuation<[Date], Never>
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
        var waiters: [Waiter] = []
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// A clock standing at `now`.
    public init(now: Date) {
        state = Mutex(State(now: now))
    }

    public func now() -> Date { state.withLock { $0.now } }

    public func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (resume, ready) = state.withLock { state -> (Result<Void, any Error>?, [Waiter]) in
                    if state.cancelled.remove(id) != nil { return (.failure(CancellationError()), []) }
                    if deadline <= state.now { return (.success(()), []) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return (nil, Self.readyWaiters(&state))
                }
                if let resume { continuation.resume(with: resume) }
                for waiter in ready { waiter.continuation.resume(returning: deadlines()) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else {
                    state.cancelled.insert(id)
                    return nil
                }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock to `date` (never back) and wakes every sleeper whose deadline it reaches.
    public func advance(to date: Date) {
        let woken = state.withLock { state -> [Sleeper] in
            state.now = max(state.now, date)
            let now = state.now
            let woken = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return woken
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        advance(to: now().addingTimeInterval(seconds))
    }

    /// Waits until at least `count` tasks are sleeping on this clock.
    /// - Returns: their deadlines, earliest first.
    public func sleepers(atLeast count: Int = 1) async -> [Date] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.sleepers.count >= count { return true }
                state.waiters.append(Waiter(count: count, continuation: continuation))
                return false
            }
            if ready { continuation.resume(returning: deadlines()) }
        }
    }

    private func deadlines() -> [Date] {
        state.withLock { $0.sleepers.map(\.deadline).sorted() }
    }

    /// Removes and returns the waiters whose count the sleepers now reach.
    private static func readyWaiters(_ state: inout State) -> [Waiter] {
        let count = state.sleepers.count
        let ready = state.waiters.filter { $0.count <= count }
        state.waiters.removeAll { $0.count <= count }
        return ready
    }
}
