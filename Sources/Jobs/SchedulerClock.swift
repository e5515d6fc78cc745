public import Foundation

/// The time source of the scheduler and the job runner: wall-clock time and sleeping until a
/// wall-clock time. ``WallClock`` is the real one; `ManualClock` (in the TestSupport target) is moved by tests.
public protocol SchedulerClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Returns at or after `deadline` (by this clock).
    /// - Throws: `CancellationError` when the task is cancelled first.
    func sleep(until deadline: Date) async throws
}

/// The system's wall clock. Sleeps in slices of at most a minute and re-reads the time after
/// each, so that a clock set forward or back (NTP) is followed.
public struct WallClock: SchedulerClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return try Task.checkCancellation() }
            try await Task.sleep(for: .seconds(min(remaining, 60)))
        }
    }
}
