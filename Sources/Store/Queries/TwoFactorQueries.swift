import Foundation
import GRDB

/// TOTP enrolments, recovery codes, pending second-factor sign-ins and the company 2FA policy.
/// Enrolments belong to users (not companies); callers pass the signed-in user's own id.
public enum TwoFactorQueries {
    public static func enrolment(_ db: Database, userId: Int64) throws -> UserTwoFactorRecord? {
        try UserTwoFactorRecord.fetchOne(db, sql: "SELECT * FROM user_two_factor WHERE user_id = ?", arguments: [userId])
    }

    public static func isEnabled(_ db: Database, userId: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT enabled_at IS NOT NULL FROM user_two_factor WHERE user_id = ?",
                          arguments: [userId]) ?? false
    }

    /// Starts (or restarts) an enrolment with a new secret, not yet enabled.
    public static func saveUnconfirmed(_ db: Database, userId: Int64, secret: Data, at date: Date) throws {
        try db.execute(sql: """
            INSERT INTO user_two_factor (user_id, secret, enabled_at, last_used_step, created_at, updated_at)
            VALUES (?, ?, NULL, 0, ?, ?)
            ON CONFLICT(user_id) DO UPDATE SET secret = excluded.secret, enabled_at = NULL, last_used_step = 0,
                updated_at = excluded.updated_at
            """, arguments: [userId, secret, date, date])
    }

    public static func enable(_ db: Database, userId: Int64, step: Int64, at date: Date) throws {
        try db.execute(sql: "UPDATE user_two_factor SET enabled_at = ?, last_used_step = ?, updated_at = ? WHERE user_id = ?",
                       arguments: [date, step, date, userId])
    }

    /// Records the accepted step, only if it is newer than the last one; false means a replay.
    public static func advanceStep(_ db: Database, userId: Int64, to step: Int64, at date: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE user_two_factor SET last_used_step = ?, updated_at = ? WHERE user_id = ? AND last_used_step < ?
            """, arguments: [step, date, userId, step])
        return db.changesCount == 1
    }

    public static func delete(_ db: Database, userId: Int64) throws {
        try db.execute(sql: "DELETE FROM user_two_factor WHERE user_id = ?", arguments: [userId])
        try db.execute(sql: "DELETE FROM two_factor_recovery_codes WHERE user_id = ?", arguments: [userId])
    }

    public static func replaceRecoveryCodes(_ db: Database, userId: Int64, hashes: [String]) throws {
        try db.execute(sql: "DELETE FROM two_factor_recovery_codes WHERE user_id = ?", arguments: [userId])
        for hash in hashes {
            try db.execute(sql: "INSERT INTO two_factor_recovery_codes (user_id, code_hash) VALUES (?, ?)",
                           arguments: [userId, hash])
        }
    }

    /// Marks an unused recovery code used; false when there is no such unused code.
    public static func useRecoveryCode(_ db: Database, userId: Int64, hash: String, at date: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE two_factor_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL
            """, arguments: [date, userId, hash])
        return db.changesCount == 1
    }

    public static func unusedRecoveryCodes(_ db: Database, userId: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM two_factor_recovery_codes WHERE user_id = ? AND used_at IS NULL",
                         arguments: [userId]) ?? 0
    }

    // MARK: Pending sign-ins

    public static func insertPending(_ db: Database, _ pending: inout PendingSignInRecord) throws {
        try db.execute(sql: "DELETE FROM pending_sign_ins WHERE expires_at <= ?", arguments: [pending.createdAt])
        try pending.insert(db)
    }

    public static func pending(_ db: Database, tokenHash: String) throws -> PendingSignInRecord? {
        try PendingSignInRecord.fetchOne(db, sql: "SELECT * FROM pending_sign_ins WHERE token_hash = ?", arguments: [tokenHash])
    }

    public static func countAttempt(_ db: Database, pendingId: Int64) throws {
        try db.execute(sql: "UPDATE pending_sign_ins SET attempts = attempts + 1 WHERE id = ?", arguments: [pendingId])
    }

    public static func deletePending(_ db: Database, id: Int64) throws {
        try db.execute(sql: "DELETE FROM pending_sign_ins WHERE id = ?", arguments: [id])
    }

    // MARK: Company policy

    public static func setRequireTwoFactor(_ db: Database, companyId: Int64, required: Bool, at date: Date) throws {
        try db.execute(sql: "UPDATE companies SET require_two_factor = ?, updated_at = ? WHERE id = ?",
                       arguments: [required, date, companyId])
    }
}
