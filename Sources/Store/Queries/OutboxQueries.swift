import Domain
import Foundation
import GRDB

/// The email outbox. Company-facing queries take the company id; the few that span every
/// company (`opsList`, `opsFind`, `opsReplay`) are for the admin CLI (Ops) only.
///
/// Every state change is guarded by the status it expects (`WHERE status = 'sending'` …),
/// so two runners, or a runner and an admin, can never both move the same row.
public enum OutboxQueries {
    /// Inserts the message and its attachments (inside the caller's transaction).
    public static func enqueue(_ db: Database, _ message: inout OutboxMessageRecord,
                               attachments: [(filename: String, contentType: String, data: Data)]) throws {
        try message.insert(db)
        guard let messageId = message.id else { return }
        for attachment in attachments {
            var record = OutboxAttachmentRecord(messageId: messageId, filename: attachment.filename,
                                                contentType: attachment.contentType, data: attachment.data)
            try record.insert(db)
        }
    }

    /// Claims the next due message (pending, `next_attempt_at <= now`) by marking it
    /// 'sending' in one statement: a second runner cannot claim it too.
    public static func claimNext(_ db: Database, now: Date) throws -> OutboxMessageRecord? {
        try OutboxMessageRecord.fetchOne(db, sql: """
            UPDATE outbox_messages SET status = 'sending', claimed_at = ?
            WHERE id = (SELECT id FROM outbox_messages
                        WHERE status = 'pending' AND next_attempt_at <= ?
                        ORDER BY next_attempt_at, id LIMIT 1)
              AND status = 'pending'
            RETURNING *
            """, arguments: [now, now])
    }

    /// Rows left in 'sending' by a runner that stopped (crash, kill) before recording the
    /// outcome, claimed at or before `claimedBefore`. The interrupted run counts as an
    /// attempt, so a message that crashes the runner cannot loop forever: those reaching
    /// `maxAttempts` become dead, the others pending again (due now). Returns the dead ones.
    public static func recoverStalled(_ db: Database, claimedBefore: Date, maxAttempts: Int, now: Date,
                                      error: String) throws -> (returned: Int, dead: [OutboxMessageRecord]) {
        let dead = try OutboxMessageRecord.fetchAll(db, sql: """
            UPDATE outbox_messages
            SET status = 'dead', attempts = attempts + 1, claimed_at = NULL, dead_at = ?, last_error = ?
            WHERE status = 'sending' AND claimed_at <= ? AND attempts + 1 >= ?
            RETURNING *
            """, arguments: [now, error, claimedBefore, maxAttempts])
        try db.execute(sql: """
            UPDATE outbox_messages
            SET status = 'pending', attempts = attempts + 1, claimed_at = NULL, next_attempt_at = ?, last_error = ?
            WHERE status = 'sending' AND claimed_at <= ?
            """, arguments: [now, error, claimedBefore])
        return (db.changesCount, dead)
    }

    public static func attachments(_ db: Database, messageId: Int64) throws -> [OutboxAttachmentRecord] {
        try OutboxAttachmentRecord.fetchAll(db, sql: "SELECT * FROM outbox_attachments WHERE message_id = ? ORDER BY id",
                                            arguments: [messageId])
    }

    /// Records a delivery. False when the row was not 'sending' (another runner recovered it).
    @discardableResult
    public static func markSent(_ db: Database, id: Int64, at date: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE outbox_messages SET status = 'sent', sent_at = ?, claimed_at = NULL, last_error = '',
                   attempts = attempts + 1
            WHERE id = ? AND status = 'sending'
            """, arguments: [date, id])
        return db.changesCount == 1
    }

    /// A failed attempt to be retried at `nextAttemptAt`.
    @discardableResult
    public static func markRetry(_ db: Database, id: Int64, attempts: Int, error: String, nextAttemptAt: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE outbox_messages SET status = 'pending', attempts = ?, last_error = ?, next_attempt_at = ?,
                   claimed_at = NULL
            WHERE id = ? AND status = 'sending'
            """, arguments: [attempts, error, nextAttemptAt, id])
        return db.changesCount == 1
    }

    /// The last allowed attempt failed (or the message can never be built): a dead letter.
    @discardableResult
    public static func markDead(_ db: Database, id: Int64, attempts: Int, error: String, at date: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE outbox_messages SET status = 'dead', attempts = ?, last_error = ?, dead_at = ?, claimed_at = NULL
            WHERE id = ? AND status = 'sending'
            """, arguments: [attempts, error, date, id])
        return db.changesCount == 1
    }

    /// The company's dead letters, most recently dead first.
    public static func deadLetters(_ db: Database, companyId: Int64, page: PageRequest) throws -> Page<OutboxMessageRecord> {
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox_messages WHERE company_id = ? AND status = 'dead'",
                                     arguments: [companyId]) ?? 0
        let items = try OutboxMessageRecord.fetchAll(db, sql: """
            SELECT * FROM outbox_messages WHERE company_id = ? AND status = 'dead'
            ORDER BY dead_at DESC, id DESC LIMIT ? OFFSET ?
            """, arguments: [companyId, page.size, page.offset])
        return Page(items: items, number: page.number, size: page.size, totalCount: total)
    }

    /// The message if it belongs to the company.
    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> OutboxMessageRecord? {
        try OutboxMessageRecord.fetchOne(db, sql: "SELECT * FROM outbox_messages WHERE id = ? AND company_id = ?",
                                         arguments: [id, companyId])
    }

    /// A dead letter of the company back to pending, due now, attempts reset. False when the
    /// message is not (or no longer) dead.
    @discardableResult
    public static func replay(_ db: Database, companyId: Int64, id: Int64, now: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE outbox_messages SET status = 'pending', attempts = 0, next_attempt_at = ?, dead_at = NULL,
                   claimed_at = NULL, last_error = ''
            WHERE id = ? AND company_id = ? AND status = 'dead'
            """, arguments: [now, id, companyId])
        return db.changesCount == 1
    }

    // MARK: - Ops (admin CLI): every company, and system mail

    /// Messages of every company, newest first; one status or all of them.
    public static func opsList(_ db: Database, status: OutboxStatus?, limit: Int) throws -> [OutboxMessageRecord] {
        try OutboxMessageRecord.fetchAll(db, sql: """
            SELECT * FROM outbox_messages WHERE (? IS NULL OR status = ?) ORDER BY id DESC LIMIT ?
            """, arguments: [status, status, limit])
    }

    public static func opsFind(_ db: Database, id: Int64) throws -> OutboxMessageRecord? {
        try OutboxMessageRecord.fetchOne(db, key: id)
    }

    @discardableResult
    public static func opsReplay(_ db: Database, id: Int64, now: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE outbox_messages SET status = 'pending', attempts = 0, next_attempt_at = ?, dead_at = NULL,
                   claimed_at = NULL, last_error = ''
            WHERE id = ? AND status = 'dead'
            """, arguments: [now, id])
        return db.changesCount == 1
    }

    public static func count(_ db: Database, status: OutboxStatus) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox_messages WHERE status = ?", arguments: [status]) ?? 0
    }
}
