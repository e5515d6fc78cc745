-- Bearer tokens for the REST service. A token is shown once when created and stored only as the
-- hex SHA-256 of its text; requests are checked by hashing the presented token and comparing
-- digests in constant time. Scopes nest: admin includes write, write includes read.

CREATE TABLE access_token (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    scope        TEXT    NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    sha256       TEXT    NOT NULL UNIQUE CHECK (length(sha256) = 64),
    created_at   TEXT    NOT NULL,                   -- RFC 3339, UTC
    revoked_at   TEXT                                -- NULL while the token is valid
);
