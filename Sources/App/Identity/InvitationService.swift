import Domain
import Foundation
import GRDB
import Store

/// Inviting people into a company by email, and accepting an invitation. Permission to
/// invite: manageMembers (admin and up); only owners may invite owners.
public struct InvitationService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig
    let outbox: OutboxService

    public static let lifetime: TimeInterval = 7 * 24 * 3600

    public struct Overview: Sendable {
        public let members: [MemberRow]
        public let pending: [InvitationRecord]
        public let seatLimit: Int
    }

    /// An invitation the accept page can show: what it is for, and whether the email
    /// already has an account (then accepting asks for that account's password).
    public struct Pending: Sendable {
        public let invitation: InvitationRecord
        public let companyName: String
        public let hasAccount: Bool
    }

    public func overview(for actor: Actor) throws -> Overview {
        try require(.manageMembers, actor)
        return try database.read { db in
            guard let company = try IdentityQueries.company(db, id: actor.companyId) else { throw AppError.notFound }
            return Overview(members: try InvitationQueries.members(db, companyId: actor.companyId),
                            pending: try InvitationQueries.pending(db, companyId: actor.companyId, now: clock.now()),
                            seatLimit: company.seatLimit)
        }
    }

    /// Records the invitation and queues its mail in one transaction, audited
    /// `invitation.created`. Returns the link's token (only the mail and the caller see it).
    @discardableResult
    public func invite(email rawEmail: String, role: Role, by actor: Actor) throws -> String {
        try require(.manageMembers, actor)
        if role == .owner && actor.role != .owner { throw AppError.forbidden }
        let email = EmailAddress.normalized(rawEmail)
        var errors = ValidationErrors()
        if !EmailAddress.isValid(email) { errors.add("email", "Enter an email address like name@example.com.") }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let token = SecureRandom.token()
        try database.pool.write { db in
            let now = clock.now()
            guard let company = try IdentityQueries.company(db, id: actor.companyId) else { throw AppError.notFound }
            if let user = try IdentityQueries.user(db, email: email), let userId = user.id,
               try IdentityQueries.membership(db, userId: userId, companyId: actor.companyId) != nil {
                throw AppError.conflict("\(email) is already a member of \(company.name).")
            }
            if try InvitationQueries.hasPending(db, companyId: actor.companyId, email: email, now: now) {
                throw AppError.conflict("\(email) already has a pending invitation to \(company.name).")
            }
            let used = try IdentityQueries.memberCount(db, companyId: actor.companyId)
                + InvitationQueries.pendingCount(db, companyId: actor.companyId, now: now)
            if used >= company.seatLimit {
                throw AppError.conflict("\(company.name) has used all \(company.seatLimit) seats (members and pending "
                                        + "invitations); the system administrator can raise them with `ez360 company set --seats`.")
            }
            var invitation = InvitationRecord(companyId: actor.companyId, email: email, role: role,
                                              tokenHash: TokenHash.sha256Hex(token), invitedBy: actor.userId,
                                              createdAt: now, expiresAt: now.addingTimeInterval(Self.lifetime))
            try InvitationQueries.insert(db, &invitation)
            try AuditLog.append(db, Audit.event("invitation.created", by: actor, objectType: "invitation",
                                                objectId: invitation.id,
                                                changes: ["email": (nil, email), "role": (nil, role.rawValue)], at: now))
            let link = config.publicBaseURL + "/invitations/" + token
            try outbox.enqueue(OutboxMessage(
                companyId: actor.companyId, kind: .invitation, toAddress: email,
                subject: "You are invited to join \(company.name) on EZ360PM",
                textBody: """
                    You have been invited to join \(company.name) on EZ360PM as \(role.rawValue).

                    Accept the invitation (the link works once, for 7 days):
                    \(link)

                    If you did not expect this, ignore this message.
                    """), in: db, by: actor)
        }
        return token
    }

    /// The invitation behind a link, or why it does not work.
    public func pending(token: String) throws -> Pending {
        try database.read { db in
            let invitation = try usable(db, token: token)
            let company = try IdentityQueries.company(db, id: invitation.companyId)
            return Pending(invitation: invitation, companyName: company?.name ?? "",
                           hasAccount: try IdentityQueries.user(db, email: invitation.email) != nil)
        }
    }

    /// Accepts: creates the user (name + password, checked by PasswordPolicy) or, when the
    /// email already has an account, checks that account's password; adds the membership,
    /// marks the email verified (the link came to it) and the invitation used, and opens a
    /// session for a new account. An existing account gets no session here (nil): it signs in
    /// through /login, so its second factor, if any, is still asked for. One transaction,
    /// audited `invitation.accepted` and `membership.created`.
    public func accept(token: String, displayName rawName: String, password: String, ip: String, userAgent: String,
                       requestId: String) throws -> NewSession? {
        let found = try pending(token: token)
        let displayName = rawName.trimmingWhitespace()
        var passwordHash: String?
        if found.hasAccount {
            let user = try database.read { try IdentityQueries.user($0, email: found.invitation.email) }
            guard let user, user.disabledAt == nil, config.passwordHasher.verify(password, against: user.passwordHash) else {
                var errors = ValidationErrors()
                errors.add("password", "That is not the password of the account \(found.invitation.email).")
                throw AppError.invalid(errors)
            }
        } else {
            var errors = ValidationErrors()
            if displayName.unicodeScalars.count > 200 { errors.add("name", "Your name can be at most 200 characters.") }
            PasswordPolicy.check(password, email: found.invitation.email, into: &errors)
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            passwordHash = try config.passwordHasher.hash(password)
        }
        return try database.pool.write { db -> NewSession? in
            let now = clock.now()
            let invitation = try usable(db, token: token)
            guard let invitationId = invitation.id,
                  let company = try IdentityQueries.company(db, id: invitation.companyId) else { throw LinkProblem.unknown }
            var user: UserRecord
            if let existing = try IdentityQueries.user(db, email: invitation.email) {
                user = existing
            } else {
                guard let passwordHash else { throw LinkProblem.unknown }
                user = UserRecord(email: invitation.email, displayName: displayName, passwordHash: passwordHash,
                                  emailVerifiedAt: now, createdAt: now, updatedAt: now)
                try IdentityQueries.insert(db, &user)
            }
            guard let userId = user.id else { throw AppError.notFound }
            if try IdentityQueries.membership(db, userId: userId, companyId: invitation.companyId) != nil {
                throw AppError.conflict("\(invitation.email) is already a member of \(company.name).")
            }
            if try IdentityQueries.memberCount(db, companyId: invitation.companyId) >= company.seatLimit {
                throw AppError.conflict("\(company.name) has used all \(company.seatLimit) seats; ask the owner to free one.")
            }
            guard try InvitationQueries.markAccepted(db, id: invitationId, userId: userId, at: now) else { throw LinkProblem.used }
            try UserTokenQueries.setEmailVerified(db, userId: userId, at: now)
            user.emailVerifiedAt = user.emailVerifiedAt ?? now
            var membership = MembershipRecord(companyId: invitation.companyId, userId: userId, role: invitation.role, createdAt: now)
            try IdentityQueries.insert(db, &membership)
            let actor = Actor(userId: userId, companyId: invitation.companyId, role: invitation.role,
                              requestId: requestId, ip: ip)
            try AuditLog.append(db, Audit.event("invitation.accepted", by: actor, objectType: "invitation",
                                                objectId: invitationId, changes: ["email": (nil, invitation.email)], at: now))
            try AuditLog.append(db, Audit.event("membership.created", by: actor, objectType: "user", objectId: userId,
                                                changes: ["email": (nil, invitation.email),
                                                          "role": (nil, invitation.role.rawValue)], at: now))
            if found.hasAccount { return nil }
            return try SessionOpener.open(db, user: user, company: company, role: invitation.role, ip: ip,
                                          userAgent: userAgent, now: now, config: config)
        }
    }

    private func usable(_ db: Database, token: String) throws -> InvitationRecord {
        guard !token.isEmpty, token.utf8.count <= 128,
              let invitation = try InvitationQueries.find(db, tokenHash: TokenHash.sha256Hex(token)) else { throw LinkProblem.unknown }
        if invitation.acceptedAt != nil { throw LinkProblem.used }
        if clock.now() >= invitation.expiresAt { throw LinkProblem.expired }
        return invitation
    }
}
