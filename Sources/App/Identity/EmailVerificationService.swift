import Domain
import Foundation
import GRDB
import Store

/// The email verification gate's use cases: sending a link (at most one per 5 minutes per
/// user) and following it. Gate policy: `AppConfig.requireEmailVerification`.
public struct EmailVerificationService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig
    let outbox: OutboxService

    public static let lifetime: TimeInterval = 48 * 3600
    public static let resendInterval: TimeInterval = 5 * 60

    public enum SendResult: Equatable, Sendable {
        case sent
        case alreadyVerified
        /// Rate-limited: the next link can be sent from this time on.
        case tooSoon(until: Date)
    }

    /// Mails the signed-in user a verification link, audited `auth.verification_sent`.
    public func send(for signedIn: SignedIn, requestId: String, ip: String) throws -> SendResult {
        guard let userId = signedIn.user.id else { throw AppError.forbidden }
        let token = SecureRandom.token()
        return try database.pool.write { db in
            let now = clock.now()
            guard let user = try IdentityQueries.user(db, id: userId) else { throw AppError.notFound }
            if user.emailVerifiedAt != nil { return .alreadyVerified }
            if let last = try UserTokenQueries.lastCreatedAt(db, userId: userId, purpose: .verify),
               now < last.addingTimeInterval(Self.resendInterval) {
                return .tooSoon(until: last.addingTimeInterval(Self.resendInterval))
            }
            var record = UserTokenRecord(userId: userId, purpose: .verify, tokenHash: TokenHash.sha256Hex(token),
                                         createdAt: now, expiresAt: now.addingTimeInterval(Self.lifetime))
            try UserTokenQueries.insert(db, &record)
            let actor = signedIn.actor(requestId: requestId, ip: ip)
            try AuditLog.append(db, Audit.event("auth.verification_sent", by: actor, objectType: "user", objectId: userId, at: now))
            try outbox.enqueue(OutboxMessage(
                companyId: actor.companyId, kind: .verification, toAddress: user.email,
                subject: "Verify your email address for EZ360PM",
                textBody: """
                    Confirm that \(user.email) is your address by opening this link (it works once, for 48 hours):
                    \(config.publicBaseURL)/verify-email/\(token)

                    If you did not ask for this, ignore this message.
                    """), in: db, by: actor)
            return .sent
        }
    }

    /// Follows a verification link as the signed-in user (a link of another user is
    /// `.unknown`): sets `email_verified_at`, consumes the token, audited `auth.email_verified`.
    public func verify(token: String, for signedIn: SignedIn, requestId: String, ip: String) throws {
        guard let userId = signedIn.user.id else { throw AppError.forbidden }
        try database.pool.write { db in
            let now = clock.now()
            let record = try UserTokenLinks.usable(db, token: token, purpose: .verify, now: now)
            guard record.userId == userId, let id = record.id else { throw LinkProblem.unknown }
            guard try UserTokenQueries.markUsed(db, id: id, at: now) else { throw LinkProblem.used }
            try UserTokenQueries.setEmailVerified(db, userId: userId, at: now)
            try AuditLog.append(db, Audit.event("auth.email_verified", by: signedIn.actor(requestId: requestId, ip: ip),
                                                objectType: "user", objectId: userId, at: now))
        }
    }

    /// Whether the gate holds this user back.
    public func isGated(_ signedIn: SignedIn) -> Bool {
        config.requireEmailVerification && signedIn.user.emailVerifiedAt == nil
    }
}

/// Looking up a mailed user link by its token.
enum UserTokenLinks {
    static func usable(_ db: Database, token: String, purpose: UserTokenRecord.Purpose, now: Date) throws -> UserTokenRecord {
        guard !token.isEmpty, token.utf8.count <= 128,
              let record = try UserTokenQueries.find(db, tokenHash: TokenHash.sha256Hex(token), purpose: purpose)
        else { throw LinkProblem.unknown }
        if record.usedAt != nil { throw LinkProblem.used }
        if now >= record.expiresAt { throw LinkProblem.expired }
        return record
    }
}
