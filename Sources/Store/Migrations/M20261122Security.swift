import GRDB

/// 2026-11-22 — login throttling, lockout and security settings. Never edit once landed: add a new migration instead.
enum M20261122Security {
    static let identifier = "2026-11-22-003-security"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- Consecutive sign-in failures per account (key: the normalized email, whether or
            -- not a user has it) and per client IP (key: REMOTE_ADDR). Not a tenant table: an
            -- email may belong to several companies or to none. A row goes when the account
            -- signs in, when staff unlock it, or once its failures are old and it is unlocked.
            CREATE TABLE login_throttles (
                kind TEXT NOT NULL CHECK (kind IN ('account', 'ip')),
                key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
                failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
                locked_until TEXT,
                last_failure_at TEXT NOT NULL,
                PRIMARY KEY (kind, key)
            ) WITHOUT ROWID;
            CREATE INDEX login_throttles_by_last_failure ON login_throttles(last_failure_at);
            CREATE INDEX login_throttles_locked ON login_throttles(locked_until) WHERE locked_until IS NOT NULL;

            -- Content-Security-Policy violations reported by browsers (POST /csp-report,
            -- anonymous). Not a tenant table; query strings are stripped before storing so no
            -- company's search terms land here. Kept to the newest 1,000 rows.
            CREATE TABLE csp_reports (
                id INTEGER PRIMARY KEY,
                document_uri TEXT NOT NULL DEFAULT '',
                violated_directive TEXT NOT NULL DEFAULT '',
                blocked_uri TEXT NOT NULL DEFAULT '',
                user_agent TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL
            );

            -- The owner's audit page filters by action or by user within a company, newest first.
            CREATE INDEX audit_events_by_company_action ON audit_events(company_id, action, id);
            CREATE INDEX audit_events_by_company_user ON audit_events(company_id, user_id, id);
            """)
    }
}
