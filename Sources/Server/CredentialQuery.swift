import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// Query parameters whose values are secrets: tokens, keys, passwords, signatures. Their values
/// are never logged, and a request carrying one is refused (``CredentialQueryMiddleware``).
enum CredentialQuery {
    static let exactNames: [[UInt8]] = ["key", "apikey", "api_key", "sig", "signature", "jwt", "code", "bearer"]
        .map { Array($0.utf8) }
    static let nameParts: [[UInt8]] = ["token", "secret", "password", "passwd", "auth", "credential", "session"]
        .map { Array($0.utf8) }

    /// Whether the (decoded, any case) parameter name looks like a credential. Compares ASCII
    /// bytes, not Foundation strings: it runs for every parameter of every request.
    static func isCredential(_ name: some StringProtocol) -> Bool {
        let name = name.utf8.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }  // ASCII lowercase
        return exactNames.contains(name) || nameParts.contains { part in
            name.count >= part.count && (0...(name.count - part.count)).contains { start in
                name[start..<(start + part.count)].elementsEqual(part)
            }
        }
    }

    /// The request target with the value of every credential-like parameter replaced by
    /// `REDACTED`, for logs.
    static func redacted(_ uri: URI) -> String {
        guard let query = uri.query, !query.isEmpty else { return uri.path }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            guard parts.count == 2, isCredential(name) else { return String(pair) }
            return "\(parts[0])=REDACTED"
        }
        return uri.path + "?" + pairs.joined(separator: "&")
    }

    /// The first credential-like parameter name in a request target (path and query), if any.
    /// Scans the raw bytes (no URL parsing, no dictionary: this runs on every request).
    static func first(inTarget target: String) -> String? {
        let bytes = target.utf8
        guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        let query = bytes[bytes.index(after: mark)...].prefix { $0 != UInt8(ascii: "#") }
        for pair in query.split(separator: UInt8(ascii: "&")) {
            let raw = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let text = String(raw) else { continue }
            let name = text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding ?? text : text
            if isCredential(name) { return name }
        }
        return nil
    }
}

/// Logs each request (method and target) at `level`, with credential values redacted; the
/// service's replacement for Hummingbird's `LogRequestsMiddleware`, which logs the raw URI.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.log(level: level, "Request", metadata: [
            "hb.request.method": .string(request.method.rawValue),
            "hb.request.path": .string(CredentialQuery.redacted(request.uri)),
        ])
        return try await next(request, context)
    }
}

/// Refuses a request that carries a credential in its query string, before authentication:
/// URLs end up in proxy and server logs, so tokens go only in the `Authorization` header.
struct CredentialQueryMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let target = request.head.path, let name = CredentialQuery.first(inTarget: target) {
            throw Problem(.credentialsInQuery, "query parameter '\(name)' looks like a credential, and credentials are never "
                + "accepted in the URL (URLs are kept in logs): send 'Authorization: Bearer <token>' instead, and revoke "
                + "this token (headroom token revoke), since it may have been logged on the way")
        }
        return try await next(request, context)
    }
}
