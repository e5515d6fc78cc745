import Synchronization

/// The storage failure the store last met and has not yet recovered from, shared by every copy
/// of an ``AppDatabase``: set when a write fails for storage reasons, cleared when
/// ``AppDatabase/recover()`` finds the store writable again.
public final class StoreHealth: Sendable {
    private let state = Mutex<StorageFailure?>(nil)

    init() {}

    /// The outstanding failure; nil when the store is believed writable.
    public var failure: StorageFailure? { state.withLock { $0 } }

    /// Records `failure` as outstanding.
    public func record(_ failure: StorageFailure) {
        state.withLock { $0 = failure }
    }

    func clear() {
        state.withLock { $0 = nil }
    }
}
