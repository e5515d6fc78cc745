import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// Query parameters whose values are secrets: tokens, keys, passwords, signatures. Their values
/// are never logged, and a request carrying one is refused (``CredentialQueryMiddleware``).
enum CredentialQuery {
    static let exactNames: Set<String> = ["key", "apikey", "api_key", "sig", "signature", "jwt", "code", "bearer"]
    static let nameParts = ["token", "secret", "password", "passwd", "auth", "credential", "session"]

    /// Whether the (decoded, any case) parameter name looks like a credential.
    static func isCredential(_ name: String) -> Bool {
        let name = name.lowercased()
        return exactNames.contains(name) || nameParts.contains { name.contains($0) }
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

    /// The first credential-like parameter name of the request, if any.
    static func first(in uri: URI) -> String? {
        uri.queryParameters.first { isCredential(String($0.key)) }.map { String($0.key) }
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
        if let name = CredentialQuery.first(in: request.uri) {
            throw Problem(.credentialsInQuery, "query parameter '\(name)' looks like a credential, and credentials are never "
                + "accepted in the URL (URLs are kept in logs): send 'Authorization: Bearer <token>' instead, and revoke "
                + "this token (headroom token revoke), since it may have been logged on the way")
        }
        return try await next(request, context)
    }
}
