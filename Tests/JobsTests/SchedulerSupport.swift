import Foundation
import Jobs
import Scheduling
import Store
import Synchronization

/// A barrier jobs wait at until the test opens it, and a count of the jobs that ran, by kind.
/// Jobs wait without blocking a thread (job work runs on the cooperative pool).
final class Gate: Sendable {
    private struct State {
        var open: Bool
        var ran: [JobKind] = []
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(open: Bool) {
        state = Mutex(State(open: open))
    }

    /// Waits until the gate is open, then counts `kind`.
    func pass(_ kind: JobKind) async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state in
                if !state.open { state.waiting.append(continuation) }
                return state.open
            }
            if open { continuation.resume() }
        }
        state.withLock { $0.ran.append(kind) }
    }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    var ran: [JobKind] { state.withLock { $0.ran } }

    /// Work for a ``JobRunner``: waits at the gate, then succeeds (fails for `failing` kinds).
    func work(failing: Set<JobKind> = []) -> JobRunner.Work {
        { kind, _ in
            await self.pass(kind)
            if failing.contains(kind) { throw ForecastJobError.noSeries }
            return "\(kind) done"
        }
    }
}

/// Collects a scheduler's events and lets a test wait for one.
final class Events: Sendable {
    private let state = Mutex<(events: [JobScheduler.Event], waiters: [(Int, CheckedContinuation<Void, Never>)])>(([], []))

    func record(_ event: JobScheduler.Event) {
        let ready = state.withLock { state in
            state.events.append(event)
            let count = state.events.count
            defer { state.waiters.removeAll { $0.0 <= count } }
            return state.waiters.filter { $0.0 <= count }.map(\.1)
        }
        for waiter in ready { waiter.resume() }
    }

    var all: [JobScheduler.Event] { state.withLock { $0.events } }

    /// Waits until `count` events have been recorded.
    func wait(for count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.events.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

/// `text` (RFC 3339) as a date.
func date(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad test date \(text)") }
    return date
}

/// A fresh database file (two processes share files, not memory), removed by `remove()`.
struct TemporaryDatabase {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("scheduler-\(UUID().uuidString).sqlite").path

    func open() throws -> AppDatabase { try AppDatabase.open(path: path) }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
