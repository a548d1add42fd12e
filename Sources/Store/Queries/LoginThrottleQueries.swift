import Foundation
import GRDB

/// Sign-in failure counters and lockouts. The table is not per company (an email may belong to
/// several companies or to none); what a company's staff may see is chosen here, scoped by
/// company: account rows for its members' emails, and IP rows from which one of its members'
/// sign-ins failed (the audit log says so).
public enum LoginThrottleQueries {
    public static func find(_ db: Database, kind: LoginThrottleKind, key: String) throws -> LoginThrottleRecord? {
        try LoginThrottleRecord.fetchOne(db, sql: "SELECT * FROM login_throttles WHERE kind = ? AND key = ?",
                                         arguments: [kind, key])
    }

    public static func save(_ db: Database, _ record: LoginThrottleRecord) throws {
        try db.execute(sql: """
            INSERT INTO login_throttles (kind, key, failures, locked_until, last_failure_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind, key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
                last_failure_at = excluded.last_failure_at
            """, arguments: [record.kind, record.key, record.failures, record.lockedUntil, record.lastFailureAt])
    }

    @discardableResult
    public static func delete(_ db: Database, kind: LoginThrottleKind, key: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM login_throttles WHERE kind = ? AND key = ?", arguments: [kind, key])
        return db.changesCount > 0
    }

    /// Rows whose last failure is older than `forgottenBefore` and that hold no current lock.
    @discardableResult
    public static func prune(_ db: Database, forgottenBefore: Date, now: Date) throws -> Int {
        try db.execute(sql: """
            DELETE FROM login_throttles
            WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)
            """, arguments: [forgottenBefore, now])
        return db.changesCount
    }

    /// The locks in force that concern the company, latest-ending first.
    public static func locked(_ db: Database, companyId: Int64, now: Date) throws -> [LoginThrottleRecord] {
        try LoginThrottleRecord.fetchAll(db, sql: """
            SELECT t.* FROM login_throttles t
            WHERE t.locked_until > ? AND (
                (t.kind = 'account' AND EXISTS (
                    SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                    WHERE m.company_id = ? AND u.email = t.key))
                OR (t.kind = 'ip' AND EXISTS (
                    SELECT 1 FROM audit_events e
                    WHERE e.company_id = ? AND e.action = 'auth.login_failed' AND e.ip = t.key)))
            ORDER BY t.locked_until DESC, t.kind, t.key
            """, arguments: [now, companyId, companyId])
    }

    /// One lock in force that concerns the company, or nil (missing, expired or another company's).
    public static func locked(_ db: Database, companyId: Int64, kind: LoginThrottleKind, key: String,
                              now: Date) throws -> LoginThrottleRecord? {
        try locked(db, companyId: companyId, now: now).first { $0.kind == kind && $0.key == key }
    }
}
