import Synchronization

/// Wakes every listener when something arrives: each `stream()` is a new subscriber whose
/// buffer keeps at most one pending wake-up (arrivals between two reads count once).
final class ArrivalSignal: Sendable {
    private let listeners = Mutex<[Int: AsyncStream<Void>.Continuation]>([:])
    private let next = Atomic<Int>(0)

    /// A stream that yields after each `signal()` until it is dropped.
    func stream() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let key = next.add(1, ordering: .relaxed).newValue
        listeners.withLock { $0[key] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.listeners.withLock { $0.removeValue(forKey: key) }
        }
        return stream
    }

    /// Wakes every listener.
    func signal() {
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.yield() }
    }
}
