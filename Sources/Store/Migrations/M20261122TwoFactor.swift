import GRDB

/// 2026-11-22 — TOTP two-factor sign-in, recovery codes, pending sign-ins and the company
/// policy "require 2FA for owner, admin and manager". Never edit once landed: add a new
/// migration instead.
enum M20261122TwoFactor {
    static let identifier = "2026-11-22-005-two-factor"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- A user's TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s). Not a tenant table: 2FA
            -- belongs to the person, whatever company they sign in to. enabled_at is NULL while
            -- the enrolment waits for its first code; last_used_step is the newest time step
            -- accepted, and codes of that step or older are refused (no replay).
            CREATE TABLE user_two_factor (
                user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                secret BLOB NOT NULL CHECK (length(secret) BETWEEN 10 AND 64),
                enabled_at TEXT,
                last_used_step INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );

            -- Ten single-use recovery codes per enrolment; only their SHA-256 is stored.
            CREATE TABLE two_factor_recovery_codes (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                code_hash TEXT NOT NULL CHECK (length(code_hash) = 64),
                used_at TEXT,
                UNIQUE (user_id, code_hash)
            );

            -- A sign-in whose password was right and that waits for its second factor: a
            -- random token (only its SHA-256 stored) in a short-lived cookie, 5 minutes, at most
            -- 5 wrong codes. Completing it opens a session with a new token.
            CREATE TABLE pending_sign_ins (
                id INTEGER PRIMARY KEY,
                token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
                next_path TEXT NOT NULL DEFAULT '/',
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            CREATE INDEX pending_sign_ins_by_expiry ON pending_sign_ins(expires_at);

            -- Company policy: owners, admins and managers must use 2FA (set at creation: on in
            -- production; `ez360 company set --require-2fa on|off`).
            ALTER TABLE companies ADD COLUMN require_two_factor INTEGER NOT NULL DEFAULT 0
                CHECK (require_two_factor IN (0, 1));
            """)
    }
}
