import Crypto
import Foundation
import NIOCore
import Planning
import Store
import Synchronization
import Traffic

/// Rendered plan documents by (plan id, model, region, from, to), and the newest plan's id. A plan
/// version never changes once stored, so an entry never goes stale; the cache only bounds its
/// size. The newest id is read from the database at most once per ``latestIDSeconds``, so a plan
/// stored by another process (or this one) is served as "latest" within that time.
final class PlanCache: Sendable {
    /// A rendered body and its strong ETag (the first 128 bits of its SHA-256, in hex, quoted).
    /// The body is kept as a `ByteBuffer`, so every answer shares its bytes instead of copying them.
    struct Entry: Sendable {
        var body: ByteBuffer
        var etag: String
    }

    static let capacity = 256
    /// How long the newest plan id is trusted before it is read again, seconds.
    static let latestIDSeconds = 1.0
    private let entries = Mutex<[String: Entry]>([:])
    private let latest = Mutex<(id: Int64, read: ContinuousClock.Instant)?>(nil)

    /// The newest plan id if it was read less than ``latestIDSeconds`` ago.
    func freshLatestID() -> Int64? {
        latest.withLock { cached in
            guard let cached, ContinuousClock.now - cached.read < .seconds(Self.latestIDSeconds) else { return nil }
            return cached.id
        }
    }

    /// Remembers `id` as the newest plan id, read just now.
    func noteLatestID(_ id: Int64) {
        latest.withLock { $0 = (id, ContinuousClock.now) }
    }

    /// The rendered entry, if cached.
    func cached(id: Int64, model: String?, region: String?, from: Int64?, to: Int64?) -> Entry? {
        entries.withLock { $0[Self.key(id, model, region, from, to)] }
    }

    static func key(_ id: Int64, _ model: String?, _ region: String?, _ from: Int64?, _ to: Int64?) -> String {
        "\(id)\u{0}\(model ?? "")\u{0}\(region ?? "")\u{0}\(from ?? .min)\u{0}\(to ?? .max)"
    }

    /// The document for plan `id` filtered to `model`, `region` and `[from, to)`, rendered by
    /// `render` on a miss.
    func entry(id: Int64, model: String?, region: String?, from: Int64?, to: Int64?,
               render: () throws -> Data) rethrows -> Entry {
        let key = Self.key(id, model, region, from, to)
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let body = try render()
        let digest = Hex.lowercase(SHA256.hash(data: body).prefix(16))
        let entry = Entry(body: ByteBuffer(bytes: body), etag: "\"\(digest)\"")
        entries.withLock {
            if $0.count >= Self.capacity { $0.removeAll() }
            $0[key] = entry
        }
        return entry
    }
}
