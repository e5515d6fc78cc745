import Crypto
import Foundation
import Planning
import Store
import Synchronization

/// Rendered plan documents by (plan id, model, region, from, to). A plan version never changes once
/// stored, so an entry never goes stale; the cache only bounds its size.
final class PlanCache: Sendable {
    /// A rendered body and its strong ETag (the first 128 bits of its SHA-256, in hex, quoted).
    struct Entry: Sendable {
        var body: Data
        var etag: String
    }

    static let capacity = 256
    private let entries = Mutex<[String: Entry]>([:])

    /// The document for plan `id` filtered to `model`, `region` and `[from, to)`, rendered by
    /// `render` on a miss.
    func entry(id: Int64, model: String?, region: String?, from: Int64?, to: Int64?,
               render: () throws -> Data) rethrows -> Entry {
        let key = "\(id)\u{0}\(model ?? "")\u{0}\(region ?? "")\u{0}\(from ?? .min)\u{0}\(to ?? .max)"
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let body = try render()
        let digest = SHA256.hash(data: body).prefix(16).map { String(format: "%02x", $0) }.joined()
        let entry = Entry(body: body, etag: "\"\(digest)\"")
        entries.withLock {
            if $0.count >= Self.capacity { $0.removeAll() }
            $0[key] = entry
        }
        return entry
    }
}
