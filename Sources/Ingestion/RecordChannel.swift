import Foundation
import Traffic

/// Hands batches of records from an ingest's reading thread to its transaction, holding at most
/// ``capacity`` batches so that memory stays bounded when one side is faster.
///
/// Shared by exactly two threads; every field is guarded by `condition` (hence
/// `@unchecked Sendable`).
final class RecordChannel: @unchecked Sendable {
    /// Records per batch.
    static let batchSize = 4_096
    let capacity = 8
    private let condition = NSCondition()
    private var batches: [[TrafficRecord]] = []
    private var end: Result<String, any Error>?
    private var cancelled = false
    private var producerDone = false

    /// Reader side: waits for room, then queues the batch.
    /// - Returns: false when the transaction gave up; the reader should stop.
    func put(_ batch: [TrafficRecord]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Reader side: no more batches; `result` is the SHA-256 of the bytes read, or the error.
    func finish(_ result: Result<String, any Error>) {
        condition.lock()
        end = result
        producerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Transaction side: the next batch, or nil once the reader finished and all were taken.
    func take() -> [TrafficRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, end == nil { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    /// Transaction side: what the reader ended with (call after `take()` returned nil).
    func outcome() throws -> String {
        condition.lock()
        defer { condition.unlock() }
        return try end?.get() ?? ""
    }

    /// Transaction side: stop the reader (on an error) and wait until it has let go of the input.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}
