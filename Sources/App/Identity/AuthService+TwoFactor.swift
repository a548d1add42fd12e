import Domain
import Foundation
import GRDB
import Store

/// What a right password leads to: a session, or (2FA) a pending sign-in whose token the
/// browser keeps in a short-lived cookie until it sends a code.
public enum SignInStep: Sendable {
    case signedIn(NewSession)
    case secondFactorRequired(pendingToken: String)
}

extension AuthService {
    /// How long a pending second-factor sign-in lives, and how many wrong codes it allows.
    public static let pendingSignInLifetime: TimeInterval = 5 * 60
    public static let pendingSignInAttempts = 5

    func startPendingSignIn(_ db: Database, userId: Int64, companyId: Int64, next: String, ip: String,
                            requestId: String, now: Date) throws -> String {
        let token = SecureRandom.token()
        var pending = PendingSignInRecord(tokenHash: TokenHash.sha256Hex(token), userId: userId, companyId: companyId,
                                          nextPath: String(next.prefix(500)), createdAt: now,
                                          expiresAt: now.addingTimeInterval(Self.pendingSignInLifetime))
        try TwoFactorQueries.insertPending(db, &pending)
        try AuditLog.append(db, AuditEventRecord(companyId: companyId, userId: userId, action: "auth.second_factor_requested",
                                                 objectType: "pending_sign_in", objectId: pending.id, requestId: requestId,
                                                 ip: ip, createdAt: now))
        return token
    }

    /// The local path the pending sign-in will go to, or nil when it is unknown or expired.
    public func pendingSignInNext(token: String) throws -> String? {
        guard !token.isEmpty, token.utf8.count <= 128 else { return nil }
        let now = clock.now()
        return try database.read { try TwoFactorQueries.pending($0, tokenHash: TokenHash.sha256Hex(token)) }
            .flatMap { $0.expiresAt > now ? $0.nextPath : nil }
    }

    /// Finishes a pending sign-in with a TOTP code or a recovery code: deletes the pending row
    /// and opens a session with a new token (rotation at 2FA completion). A wrong code counts
    /// on the pending sign-in (5 at most) and on the login throttle (account and IP).
    public func completeSecondFactor(pendingToken: String, code: String, ip: String, userAgent: String,
                                     requestId: String) throws -> (session: NewSession, next: String) {
        guard !pendingToken.isEmpty, pendingToken.utf8.count <= 128 else { throw AuthError.secondFactorExpired }
        let hash = TokenHash.sha256Hex(pendingToken)
        let found = try database.read { db -> (PendingSignInRecord, UserRecord)? in
            guard let pending = try TwoFactorQueries.pending(db, tokenHash: hash),
                  let user = try UserRecord.fetchOne(db, key: pending.userId) else { return nil }
            return (pending, user)
        }
        guard let (pending, user) = found, let pendingId = pending.id, pending.expiresAt > clock.now(),
              pending.attempts < Self.pendingSignInAttempts, user.disabledAt == nil
        else { throw AuthError.secondFactorExpired }
        let keys = LoginThrottle.keys(email: user.email, ip: ip)
        if let until = try database.read({ try throttle.lockedUntil($0, keys: keys, now: clock.now()) }) {
            try recordFailure(email: user.email, user: user, ip: ip, requestId: requestId, keys: keys, whileLocked: true)
            throw AuthError.locked(until: until)
        }
        let token = SecureRandom.token()
        let outcome = try database.pool.write { db -> (NewSession, String)? in
            let now = clock.now()
            guard let accepted = try SecondFactor.verify(db, userId: pending.userId, code: code, now: now) else {
                try TwoFactorQueries.countAttempt(db, pendingId: pendingId)
                return nil
            }
            guard let membership = try IdentityQueries.membership(db, userId: pending.userId, companyId: pending.companyId),
                  let company = try IdentityQueries.company(db, id: pending.companyId)
            else { throw AuthError.secondFactorExpired }
            try TwoFactorQueries.deletePending(db, id: pendingId)
            try throttle.recordSuccess(db, email: user.email)
            if accepted == .recoveryCode {
                try AuditLog.append(db, AuditEventRecord(companyId: pending.companyId, userId: pending.userId,
                                                         action: "2fa.recovery_code_used", objectType: "user",
                                                         objectId: pending.userId, requestId: requestId, ip: ip, createdAt: now))
            }
            var session = SessionRecord(tokenHash: TokenHash.sha256Hex(token), userId: pending.userId,
                                        companyId: pending.companyId, csrfToken: SecureRandom.token(),
                                        ip: ip, userAgent: String(userAgent.prefix(300)), createdAt: now,
                                        lastSeenAt: now, expiresAt: now.addingTimeInterval(config.sessionAbsoluteTimeout))
            try SessionQueries.insert(db, &session)
            try AuditLog.append(db, AuditEventRecord(companyId: pending.companyId, userId: pending.userId, action: "auth.login",
                                                     objectType: "session", objectId: session.id,
                                                     details: Audit.json(["second_factor": (nil, accepted == .recoveryCode
                                                                                            ? "recovery_code" : "totp")]),
                                                     requestId: requestId, ip: ip, createdAt: now))
            let signedIn = SignedIn(sessionId: session.id ?? 0, csrfToken: session.csrfToken, user: user,
                                    company: company, role: membership.role)
            return (NewSession(token: token, signedIn: signedIn), pending.nextPath)
        }
        guard let outcome else {
            if let until = try recordFailure(email: user.email, user: user, ip: ip, requestId: requestId, keys: keys,
                                             whileLocked: false) {
                throw AuthError.locked(until: until)
            }
            throw AuthError.invalidCredentials
        }
        return (outcome.0, outcome.1)
    }
}
