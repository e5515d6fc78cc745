import Synchronization

/// Admits at most `limit` traffic ingests at once. An ingest holds its body in memory while it
/// is validated and stored, so this bounds the service's memory whatever the number of clients:
/// one past the limit is refused (503, `Retry-After`) before its body is read.
final class IngestGate: Sendable {
    let limit: Int
    private let running = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a place; false when all `limit` are taken (call ``leave()`` only after a true).
    func enter() -> Bool {
        var current = running.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = running.compareExchange(expected: current, desired: current + 1,
                                                                ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    func leave() {
        running.subtract(1, ordering: .acquiringAndReleasing)
    }
}
