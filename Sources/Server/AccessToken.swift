import Crypto
import Foundation
public import Store
import Traffic

/// Bearer tokens: made from 32 random bytes, shown once, stored only as their SHA-256.
public enum AccessToken {
    /// Every token starts with this, so a leaked one is easy to recognise and search for.
    public static let prefix = "hr_"

    /// A new token's text: the prefix and 32 random bytes in base64url (43 characters).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    /// The SHA-256 of `token`'s UTF-8 bytes.
    public static func digest(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }

    /// The stored form: hex of ``digest(_:)``.
    public static func hexDigest(_ token: String) -> String {
        Hex.lowercase(digest(token))
    }

    /// Creates a token with `scope` and stores its hash.
    /// - Returns: the token's text (to show once) and the stored record.
    public static func create(scope: Scope, name: String, in database: AppDatabase) throws
        -> (token: String, stored: StoredAccessToken)
    {
        let token = generate()
        let stored = try database.saveAccessToken(
            StoredAccessToken(name: name, scope: scope.rawValue, sha256: hexDigest(token)))
        return (token, stored)
    }

    /// Compares two digests in time that depends only on their length, not their contents.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
