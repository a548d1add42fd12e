import Domain
import Foundation
import GRDB
import Store

/// The signed-in state of one request, resolved from the session cookie.
public struct SignedIn: Sendable {
    public let sessionId: Int64
    public let csrfToken: String
    public let user: UserRecord
    public let company: CompanyRecord
    public let role: Role
    /// The user's running timer, from the session lookup's own statement (the navigation bar).
    public var runningTimer: RunningTimerSummary? = nil

    public func actor(requestId: String, ip: String) -> Actor {
        Actor(userId: user.id, companyId: company.id ?? 0, role: role, requestId: requestId, ip: ip)
    }
}

public struct NewSession: Sendable {
    /// The cookie value. Only its hash is stored.
    public let token: String
    public let signedIn: SignedIn
}

public enum AuthError: Error, Equatable, Sendable {
    /// Wrong email or password, or a disabled account: the same answer for each, on purpose.
    case invalidCredentials
    /// Too many failures for this email (known or not) or from this IP: attempts are refused
    /// without checking the password until `until`.
    case locked(until: Date)
    /// The password was right but the user has 2FA: sign in through `beginSignIn`.
    case secondFactorRequired
    /// The pending second-factor sign-in is unknown, expired or out of attempts: start again.
    case secondFactorExpired
}

public struct AuthService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig

    /// Checks the password and opens a new session (a fresh token: rotation at sign-in).
    /// A user with 2FA gets `AuthError.secondFactorRequired`: use `beginSignIn` for them.
    public func signIn(email rawEmail: String, password: String, ip: String, userAgent: String,
                       requestId: String) throws -> NewSession {
        switch try beginSignIn(email: rawEmail, password: password, ip: ip, userAgent: userAgent, requestId: requestId) {
        case .signedIn(let session): return session
        case .secondFactorRequired: throw AuthError.secondFactorRequired
        }
    }

    /// Checks the password; opens a new session, or — for a user with 2FA — a pending sign-in
    /// that `completeSecondFactor` finishes (AuthService+TwoFactor.swift).
    public func beginSignIn(email rawEmail: String, password: String, ip: String, userAgent: String,
                            requestId: String, next: String = "/") throws -> SignInStep {
        let email = EmailAddress.normalized(rawEmail)
        let keys = LoginThrottle.keys(email: email, ip: ip)
        let (user, lockedUntil) = try database.read { db -> (UserRecord?, Date?) in
            (try IdentityQueries.user(db, email: email), try throttle.lockedUntil(db, keys: keys, now: clock.now()))
        }
        // Locked: refuse without hashing (a brute force then costs us nothing), the same way for
        // a known and an unknown email.
        if let lockedUntil {
            try recordFailure(email: email, user: user, ip: ip, requestId: requestId, keys: keys, whileLocked: true)
            throw AuthError.locked(until: lockedUntil)
        }
        // Hash even for an unknown email so that timing does not tell which emails exist.
        let storedHash = user?.passwordHash ?? unknownUserHash
        let passwordMatches = config.passwordHasher.verify(password, against: storedHash)
        guard let user, let userId = user.id, passwordMatches, user.disabledAt == nil else {
            if let until = try recordFailure(email: email, user: user, ip: ip, requestId: requestId, keys: keys,
                                             whileLocked: false) {
                throw AuthError.locked(until: until)
            }
            throw AuthError.invalidCredentials
        }
        let token = SecureRandom.token()
        let rehash = config.passwordHasher.needsRehash(user.passwordHash) ? try config.passwordHasher.hash(password) : nil
        return try database.pool.write { db in
            let now = clock.now()
            // A lock another request set while this one was hashing still holds.
            if let until = try throttle.lockedUntil(db, keys: keys, now: now) { throw AuthError.locked(until: until) }
            guard let membership = try IdentityQueries.firstMembership(db, userId: userId),
                  let company = try IdentityQueries.company(db, id: membership.companyId)
            else { throw AuthError.invalidCredentials }
            if let rehash { try IdentityQueries.setPasswordHash(db, userId: userId, hash: rehash, at: now) }
            if try TwoFactorQueries.isEnabled(db, userId: userId) {
                return .secondFactorRequired(pendingToken: try startPendingSignIn(
                    db, userId: userId, companyId: membership.companyId, next: next, ip: ip, requestId: requestId, now: now))
            }
            try throttle.recordSuccess(db, email: email)
            var session = SessionRecord(tokenHash: TokenHash.sha256Hex(token), userId: userId,
                                        companyId: membership.companyId, csrfToken: SecureRandom.token(),
                                        ip: ip, userAgent: String(userAgent.prefix(300)), createdAt: now,
                                        lastSeenAt: now, expiresAt: now.addingTimeInterval(config.sessionAbsoluteTimeout))
            try SessionQueries.insert(db, &session)
            try AuditLog.append(db, AuditEventRecord(companyId: membership.companyId, userId: userId, action: "auth.login",
                                                     objectType: "session", objectId: session.id, requestId: requestId,
                                                     ip: ip, createdAt: now))
            let signedIn = SignedIn(sessionId: session.id ?? 0, csrfToken: session.csrfToken, user: user,
                                    company: company, role: membership.role)
            return .signedIn(NewSession(token: token, signedIn: signedIn))
        }
    }

    /// The session behind a cookie token, or nil when it is unknown, expired or idle too long
    /// (an expired one is deleted). Refreshes last-seen at most once a minute.
    public func resolve(token: String) throws -> SignedIn? {
        guard !token.isEmpty, token.utf8.count <= 128 else { return nil }
        let hash = TokenHash.sha256Hex(token)
        guard let found = try database.readOneStatement({ try SessionQueries.lookup($0, tokenHash: hash) }),
              let sessionId = found.session.id else { return nil }
        let now = clock.now()
        let idleDeadline = found.session.lastSeenAt.addingTimeInterval(config.sessionIdleTimeout)
        if now >= found.session.expiresAt || now >= idleDeadline || found.user.disabledAt != nil {
            try database.pool.write { try SessionQueries.delete($0, id: sessionId) }
            return nil
        }
        if now.timeIntervalSince(found.session.lastSeenAt) >= 60 {
            try database.pool.write { try SessionQueries.touch($0, id: sessionId, at: now) }
        }
        return SignedIn(sessionId: sessionId, csrfToken: found.session.csrfToken, user: found.user,
                        company: found.company, role: found.membership.role, runningTimer: found.runningTimer)
    }

    public func signOut(_ signedIn: SignedIn, requestId: String, ip: String) throws {
        try database.pool.write { db in
            try SessionQueries.delete(db, id: signedIn.sessionId)
            try AuditLog.append(db, AuditEventRecord(companyId: signedIn.company.id, userId: signedIn.user.id,
                                                     action: "auth.logout", objectType: "session",
                                                     objectId: signedIn.sessionId, requestId: requestId, ip: ip,
                                                     createdAt: clock.now()))
        }
    }

    var throttle: LoginThrottle { LoginThrottle(policy: config.loginThrottle) }

    /// Audits the failure and, unless the attempt was refused by a lock already in force,
    /// counts it; returns the end of the lock this failure started, if it started one. Each
    /// new lock is an `auth.locked_out` event. One transaction.
    @discardableResult
    func recordFailure(email: String, user: UserRecord?, ip: String, requestId: String,
                               keys: [LoginThrottle.Key], whileLocked: Bool) throws -> Date? {
        try database.pool.write { db in
            let now = clock.now()
            let companyId = try user?.id.flatMap { try IdentityQueries.firstMembership(db, userId: $0)?.companyId }
            var details: [String: (before: String?, after: String?)] = ["email": (nil, String(email.prefix(254)))]
            if whileLocked { details["locked"] = (nil, "true") }
            try AuditLog.append(db, AuditEventRecord(companyId: companyId, userId: user?.id, action: "auth.login_failed",
                                                     objectType: "user", objectId: user?.id, details: Audit.json(details),
                                                     requestId: requestId, ip: ip, createdAt: now))
            guard !whileLocked else { return nil }
            let locked = try throttle.recordFailure(db, keys: keys, now: now)
            for row in locked {
                try AuditLog.append(db, AuditEventRecord(
                    companyId: companyId, userId: user?.id, action: "auth.locked_out", objectType: "login_throttle",
                    details: Audit.json(["kind": (nil, row.kind.rawValue), "key": (nil, row.key),
                                         "failures": (nil, String(row.failures)),
                                         "locked_until": (nil, Audit.timestamp(row.lockedUntil))]),
                    requestId: requestId, ip: ip, createdAt: now))
            }
            return locked.compactMap(\.lockedUntil).max()
        }
    }

    /// A well-formed hash with the current parameters whose key no password derives (all
    /// zeros): checking against it costs exactly what a real check costs.
    private var unknownUserHash: String {
        let hasher = config.passwordHasher
        return "$scrypt$ln=\(hasher.logN),r=\(hasher.blockSize),p=\(hasher.parallelism)$"
            + Data(count: 16).base64EncodedString() + "$" + Data(count: 32).base64EncodedString()
    }
}
