import Foundation
import Hummingbird
import Store

extension Routes {
    /// Token management, scope `admin`: `GET /v1/tokens`, `POST /v1/tokens` (the token's text is
    /// in the answer, once), `DELETE /v1/tokens/{id}`.
    var tokenRoutes: [Route] {
        [
            Route(.get, "/v1/tokens", .token(.admin)) { request, _ -> Response in
                _ = try Query(request, allowed: [])
                let database = self.database
                let tokens = try await offload { try database.accessTokens() }
                return try JSONCoding.response(TokenList(tokens: tokens.map(TokenDocument.init)))
            },
            Route(.post, "/v1/tokens", .token(.admin)) { request, _ -> Response in
                _ = try Query(request, allowed: [])
                guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                    throw Problem(.unsupportedMediaType, "send the new token's scope and name as application/json")
                }
                var request = request
                let body = try await request.collectBody(upTo: 4096)
                let wanted: TokenRequest
                do {
                    wanted = try JSONCoding.decoder.decode(TokenRequest.self, from: Data(body.readableBytesView))
                } catch {
                    throw Problem(.invalidBody, "the body must be {\"scope\": \"read|write|admin\", \"name\": \"...\"}")
                }
                guard let scope = Scope(rawValue: wanted.scope) else {
                    throw Problem(.invalidBody, "scope: '\(wanted.scope)' is not one of read, write, admin")
                }
                let name = wanted.name ?? "api"
                guard !name.isEmpty, name.count <= 100 else {
                    throw Problem(.invalidBody, "name: must be 1 to 100 characters")
                }
                let database = self.database
                let created = try await offload { try AccessToken.create(scope: scope, name: name, in: database) }
                self.verifier.invalidate()
                return try JSONCoding.response(CreatedToken(token: created.token, details: TokenDocument(created.stored)),
                                               status: .created)
            },
            Route(.delete, "/v1/tokens/{id}", .token(.admin)) { request, context -> Response in
                _ = try Query(request, allowed: [])
                let id = try identifier(context)
                let database = self.database
                guard let revoked = try await offload({ try database.revokeAccessToken(id: id) }) else {
                    throw Problem(.notFound, "there is no token \(id)")
                }
                self.verifier.invalidate()
                return try JSONCoding.response(TokenDocument(revoked))
            },
        ]
    }
}

struct TokenRequest: Decodable {
    var scope: String
    var name: String?
}

/// A token as listed: never its text nor its hash.
struct TokenDocument: Encodable {
    var id: Int64
    var name: String
    var scope: String
    var createdAt: String
    var revokedAt: String?

    init(_ stored: StoredAccessToken) {
        id = stored.id
        name = stored.name
        scope = stored.scope
        createdAt = stored.createdAt
        revokedAt = stored.revokedAt
    }
}

struct TokenList: Encodable {
    var tokens: [TokenDocument]
}

/// A new token: its text, shown this once.
struct CreatedToken: Encodable {
    var token: String
    var details: TokenDocument
}
