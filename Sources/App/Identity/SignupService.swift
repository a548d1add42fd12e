import Domain
import Foundation
import GRDB
import Store

/// Company signup, for installs that allow it (`EZ360_OPEN_SIGNUP=1`; off by default on a
/// self-hosted server, where the owner invites people instead). Creates the company, its
/// owner and the owner's first session in one transaction.
public struct SignupService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig

    public struct Draft: Sendable {
        public var companyName: String
        public var name: String
        public var email: String
        public var password: String

        public init(companyName: String = "", name: String = "", email: String = "", password: String = "") {
            self.companyName = companyName
            self.name = name
            self.email = email
            self.password = password
        }
    }

    public var isOpen: Bool { config.openSignup }

    public func signUp(_ draft: Draft, ip: String, userAgent: String, requestId: String) throws -> NewSession {
        guard config.openSignup else { throw AppError.notFound }
        let companyName = draft.companyName.trimmingWhitespace()
        let name = draft.name.trimmingWhitespace()
        let email = EmailAddress.normalized(draft.email)
        var errors = ValidationErrors()
        if companyName.isEmpty || companyName.unicodeScalars.count > 200 {
            errors.add("company_name", "A company name of 1 to 200 characters is required.")
        }
        if name.unicodeScalars.count > 200 { errors.add("name", "Your name must be at most 200 characters.") }
        if !EmailAddress.isValid(email) { errors.add("email", "Enter an email address like name@example.com.") }
        PasswordPolicy.check(draft.password, email: email, into: &errors)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let passwordHash = try config.passwordHasher.hash(draft.password)

        return try database.pool.write { db in
            if try IdentityQueries.company(db, name: companyName) != nil {
                errors.add("company_name", "A company with this name already exists here; choose another name.")
            }
            if try IdentityQueries.user(db, email: email) != nil {
                errors.add("email", "An account with this email already exists: sign in, or reset its password.")
            }
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let now = clock.now()
            var company = CompanyRecord(name: companyName, createdAt: now, updatedAt: now)
            company.requireTwoFactor = config.requireTwoFactorByDefault
            try IdentityQueries.insert(db, &company)
            var user = UserRecord(email: email, displayName: name, passwordHash: passwordHash, createdAt: now, updatedAt: now)
            try IdentityQueries.insert(db, &user)
            guard let companyId = company.id, let userId = user.id else { throw AppError.notFound }
            var membership = MembershipRecord(companyId: companyId, userId: userId, role: .owner, createdAt: now)
            try IdentityQueries.insert(db, &membership)
            let actor = Actor(userId: userId, companyId: companyId, role: .owner, requestId: requestId, ip: ip)
            try AuditLog.append(db, Audit.event("company.signed_up", by: actor, objectType: "company", objectId: companyId,
                                                changes: ["name": (nil, companyName), "owner": (nil, email)], at: now))
            return try SessionOpener.open(db, user: user, company: company, role: .owner, ip: ip, userAgent: userAgent,
                                          now: now, config: config)
        }
    }
}
