import Foundation
import GRDB

/// Email-verification and password-reset tokens.
public enum UserTokenQueries {
    public static func insert(_ db: Database, _ token: inout UserTokenRecord) throws {
        try token.insert(db)
    }

    public static func find(_ db: Database, tokenHash: String, purpose: UserTokenRecord.Purpose) throws -> UserTokenRecord? {
        try UserTokenRecord.fetchOne(db, sql: "SELECT * FROM user_tokens WHERE token_hash = ? AND purpose = ?",
                                     arguments: [tokenHash, purpose])
    }

    /// When the user was last sent a link for `purpose` (the rate limit).
    public static func lastCreatedAt(_ db: Database, userId: Int64, purpose: UserTokenRecord.Purpose) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT max(created_at) FROM user_tokens WHERE user_id = ? AND purpose = ?",
                          arguments: [userId, purpose])
    }

    /// Marks the token used; false when another request used it first.
    public static func markUsed(_ db: Database, id: Int64, at date: Date) throws -> Bool {
        try db.execute(sql: "UPDATE user_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL", arguments: [date, id])
        return db.changesCount == 1
    }

    /// Every other unused link of the user for `purpose` stops working (a reset consumes them all).
    public static func invalidateAll(_ db: Database, userId: Int64, purpose: UserTokenRecord.Purpose, at date: Date) throws {
        try db.execute(sql: "UPDATE user_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
                       arguments: [date, userId, purpose])
    }

    public static func setEmailVerified(_ db: Database, userId: Int64, at date: Date) throws {
        try db.execute(sql: "UPDATE users SET email_verified_at = ?, updated_at = ? WHERE id = ? AND email_verified_at IS NULL",
                       arguments: [date, date, userId])
    }
}
