import GRDB

/// 2026-11-22 — invitations, email verification and password reset tokens. Never edit once
/// landed: add a new migration instead.
enum M20261122Invitations {
    static let identifier = "2026-11-22-004-invitations"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- An invitation to join a company with a role: a single-use link whose token only
            -- the mail knows (the SHA-256 of it is stored). Pending while accepted_at is NULL
            -- and expires_at is in the future; pending invitations count against the seats.
            CREATE TABLE invitations (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
                email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
                role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'staff', 'viewer')),
                token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                accepted_at TEXT,
                accepted_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL
            );
            CREATE INDEX invitations_by_company ON invitations(company_id, accepted_at, expires_at);

            -- Single-use links mailed to a user: 'verify' (email verification, 48 h) and
            -- 'reset' (password reset, 1 h). Only the SHA-256 of the token is stored. The
            -- newest row per user and purpose also rate-limits sending (one per 5 minutes).
            CREATE TABLE user_tokens (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
                token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            );
            CREATE INDEX user_tokens_by_user ON user_tokens(user_id, purpose, created_at);

            -- Users that exist before this migration were created by the sysadmin with
            -- `ez360 user create`, who vouches for their address (docs/decisions.md).
            UPDATE users SET email_verified_at = created_at WHERE email_verified_at IS NULL;
            """)
    }
}
