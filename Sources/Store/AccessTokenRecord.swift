import GRDB

/// A bearer token as stored: never its text, only the hex SHA-256 of it.
public struct StoredAccessToken: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// `read`, `write` or `admin`.
    public var scope: String
    /// Hex SHA-256 of the token's text (64 characters).
    public var sha256: String
    /// RFC 3339, UTC.
    public var createdAt: String
    /// RFC 3339, UTC; nil while the token is valid.
    public var revokedAt: String?

    public init(id: Int64 = 0, name: String, scope: String, sha256: String, createdAt: String = "",
                revokedAt: String? = nil) {
        self.id = id
        self.name = name
        self.scope = scope
        self.sha256 = sha256
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    init(row: Row) {
        self.init(id: row["id"], name: row["name"], scope: row["scope"], sha256: row["sha256"],
                  createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}

extension AppDatabase {
    /// Stores a new token's hash.
    /// - Returns: the token as stored, with its id and creation time.
    public func saveAccessToken(_ token: StoredAccessToken) throws -> StoredAccessToken {
        try writer.write { db in
            var stored = token
            stored.createdAt = Self.now()
            try db.execute(sql: "INSERT INTO access_token (name, scope, sha256, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [token.name, token.scope, token.sha256, stored.createdAt])
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Every token, valid and revoked, oldest first.
    public func accessTokens() throws -> [StoredAccessToken] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM access_token ORDER BY id").map(StoredAccessToken.init(row:))
        }
    }

    /// The tokens that are not revoked.
    public func validAccessTokens() throws -> [StoredAccessToken] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM access_token WHERE revoked_at IS NULL ORDER BY id")
                .map(StoredAccessToken.init(row:))
        }
    }

    /// Revokes token `id`.
    /// - Returns: the token as it now stands, or nil when there is no such token.
    public func revokeAccessToken(id: Int64) throws -> StoredAccessToken? {
        try writer.write { db in
            try db.execute(sql: "UPDATE access_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [Self.now(), id])
            return try Row.fetchOne(db, sql: "SELECT * FROM access_token WHERE id = ?", arguments: [id])
                .map(StoredAccessToken.init(row:))
        }
    }
}
