import GRDB

/// 2026-11-22 — the email outbox (owned by the outbox work). Never edit once landed: add a new migration instead.
///
/// Every mail the app sends is first a row here, written in the same transaction as the
/// change that caused it; `ez360 outbox deliver` (a timer) pipes due rows to sendmail.
/// `company_id` is NULL for system mail (e.g. `ez360 outbox test`). `kind` is not a CHECKed
/// list on purpose: a new kind of mail must not need a table rebuild.
/// `claimed_at` is when a runner marked the row 'sending', so a crashed runner's rows can be
/// returned to 'pending' after a while.
enum M20261122Outbox {
    static let identifier = "2026-11-22-002-outbox"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE outbox_messages (
                id INTEGER PRIMARY KEY,
                company_id INTEGER REFERENCES companies(id),
                kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
                to_address TEXT NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
                to_name TEXT NOT NULL DEFAULT '',
                subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
                text_body TEXT NOT NULL,
                html_body TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                next_attempt_at TEXT NOT NULL,
                claimed_at TEXT,
                last_error TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                sent_at TEXT,
                dead_at TEXT
            );
            -- The delivery query: status = 'pending' AND next_attempt_at <= now (and the
            -- recovery of stalled 'sending' rows).
            CREATE INDEX outbox_messages_due ON outbox_messages(status, next_attempt_at);
            -- The dead-letter page of one company, newest first.
            CREATE INDEX outbox_messages_dead_by_company ON outbox_messages(company_id, dead_at, id)
                WHERE status = 'dead';

            -- Files sent with a message (invoice PDFs). Bounded: 10 MB each (the app also
            -- limits their number and total size).
            CREATE TABLE outbox_attachments (
                id INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL REFERENCES outbox_messages(id) ON DELETE CASCADE,
                filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
                content_type TEXT NOT NULL CHECK (length(content_type) BETWEEN 3 AND 127),
                data BLOB NOT NULL CHECK (length(data) <= 10485760)
            );
            CREATE INDEX outbox_attachments_by_message ON outbox_attachments(message_id, id);
            """)
    }
}
