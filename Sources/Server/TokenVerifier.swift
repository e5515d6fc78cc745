import Foundation
import Store
import Synchronization

/// Checks presented bearer tokens against the stored hashes. The valid tokens are read from the
/// database at most every ``refreshSeconds`` (and at once after a change made through this
/// service), so a token revoked by the CLI in another process stops working within that time.
/// Every stored digest is compared, in constant time, so timing reveals nothing about which
/// bytes matched.
final class TokenVerifier: Sendable {
    struct Known: Sendable {
        var id: Int64
        var digest: [UInt8]
        var scope: Scope
    }

    static let refreshSeconds: Double = 2

    private let database: AppDatabase
    private let cache = Mutex<(loaded: ContinuousClock.Instant, tokens: [Known])?>(nil)

    init(database: AppDatabase) {
        self.database = database
    }

    /// The scope of `token` and its id, or nil when it matches no valid token.
    func verify(_ token: String) async throws -> (id: Int64, scope: Scope)? {
        let presented = AccessToken.digest(token)
        var match: Known?
        for known in try await tokens() where AccessToken.constantTimeEqual(known.digest, presented) {
            match = known
        }
        return match.map { ($0.id, $0.scope) }
    }

    /// Forgets the cached tokens (after a token is created or revoked here).
    func invalidate() {
        cache.withLock { $0 = nil }
    }

    private func tokens() async throws -> [Known] {
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0 }), now - cached.loaded < .seconds(Self.refreshSeconds) {
            return cached.tokens
        }
        let database = self.database
        let loaded = try await offload {
            try database.validAccessTokens().compactMap { stored -> Known? in
                guard let scope = Scope(rawValue: stored.scope), let digest = Self.bytes(hex: stored.sha256) else { return nil }
                return Known(id: stored.id, digest: digest, scope: scope)
            }
        }
        cache.withLock { $0 = (now, loaded) }
        return loaded
    }

    static func bytes(hex: String) -> [UInt8]? {
        let characters = Array(hex.utf8)
        guard characters.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: characters[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
