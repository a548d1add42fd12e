import Domain
import Foundation
import GRDB
import Store

/// "Forgot your password?": a single-use, one-hour link by mail, then a new password that
/// ends every session of the user. The request answers the same whether or not the email
/// has an account (the page never tells).
public struct PasswordResetService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig
    let outbox: OutboxService

    public static let lifetime: TimeInterval = 3600
    public static let resendInterval: TimeInterval = 5 * 60

    /// Queues a reset link when the email belongs to an enabled user who was not sent one in
    /// the last 5 minutes; otherwise does nothing. Audited `auth.password_reset_requested`.
    public func request(email rawEmail: String, requestId: String, ip: String) throws {
        let email = EmailAddress.normalized(rawEmail)
        guard EmailAddress.isValid(email) else { return }
        let token = SecureRandom.token()
        try database.pool.write { db in
            let now = clock.now()
            guard let user = try IdentityQueries.user(db, email: email), let userId = user.id, user.disabledAt == nil else { return }
            if let last = try UserTokenQueries.lastCreatedAt(db, userId: userId, purpose: .reset),
               now < last.addingTimeInterval(Self.resendInterval) { return }
            var record = UserTokenRecord(userId: userId, purpose: .reset, tokenHash: TokenHash.sha256Hex(token),
                                         createdAt: now, expiresAt: now.addingTimeInterval(Self.lifetime))
            try UserTokenQueries.insert(db, &record)
            let companyId = try IdentityQueries.firstMembership(db, userId: userId)?.companyId
            try AuditLog.append(db, AuditEventRecord(companyId: companyId, userId: userId, action: "auth.password_reset_requested",
                                                     objectType: "user", objectId: userId, requestId: requestId, ip: ip,
                                                     createdAt: now))
            try outbox.enqueue(OutboxMessage(
                companyId: nil, kind: .passwordReset, toAddress: user.email, subject: "Reset your EZ360PM password",
                textBody: """
                    Someone (hopefully you) asked to reset the password of \(user.email) on EZ360PM.
                    Choose a new password here (the link works once, for 1 hour):
                    \(config.publicBaseURL)/password/reset/\(token)

                    If you did not ask for this, ignore this message: your password stays as it is.
                    """), in: db, by: nil)
        }
    }

    /// Whether the link works (for the form), or why not.
    public func check(token: String) throws {
        _ = try database.read { try UserTokenLinks.usable($0, token: token, purpose: .reset, now: clock.now()) }
    }

    /// Sets the new password (PasswordPolicy), consumes every reset link of the user, ends
    /// all their sessions, marks the email verified (the link came to it). One transaction,
    /// audited `auth.password_reset`.
    public func reset(token: String, password: String, requestId: String, ip: String) throws {
        let (record, user) = try database.read { db -> (UserTokenRecord, UserRecord) in
            let record = try UserTokenLinks.usable(db, token: token, purpose: .reset, now: clock.now())
            guard let user = try IdentityQueries.user(db, id: record.userId) else { throw LinkProblem.unknown }
            return (record, user)
        }
        var errors = ValidationErrors()
        PasswordPolicy.check(password, email: user.email, into: &errors)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let hash = try config.passwordHasher.hash(password)
        try database.pool.write { db in
            let now = clock.now()
            guard let id = record.id, try UserTokenQueries.markUsed(db, id: id, at: now) else { throw LinkProblem.used }
            try UserTokenQueries.invalidateAll(db, userId: record.userId, purpose: .reset, at: now)
            try IdentityQueries.setPasswordHash(db, userId: record.userId, hash: hash, at: now)
            try UserTokenQueries.setEmailVerified(db, userId: record.userId, at: now)
            try SessionQueries.deleteAll(db, userId: record.userId)
            let companyId = try IdentityQueries.firstMembership(db, userId: record.userId)?.companyId
            try AuditLog.append(db, AuditEventRecord(companyId: companyId, userId: record.userId, action: "auth.password_reset",
                                                     objectType: "user", objectId: record.userId, requestId: requestId,
                                                     ip: ip, createdAt: now))
        }
    }
}
