import Foundation

/// Renews a job's lease on its own thread while the job runs, every `interval` seconds of real
/// time, until ``stop()``.
///
/// `@unchecked Sendable`: `stopped` is only read and written with `condition` locked (an
/// `NSCondition`, because the renewal thread waits on it with a timeout).
final class LeaseKeeper: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false

    init(every interval: TimeInterval, renew: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            condition.lock()
            while !stopped {
                let signalled = condition.wait(until: Date().addingTimeInterval(interval))
                if !signalled, !stopped {
                    condition.unlock()
                    renew()
                    condition.lock()
                }
            }
            condition.unlock()
        }
        thread.name = "headroom-lease"
        thread.start()
    }

    /// Stops renewing (the thread ends promptly).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
