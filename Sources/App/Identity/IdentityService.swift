import Domain
import Foundation
import GRDB
import Store

/// Companies, users and memberships as the admin CLI and the demo seed create them.
public struct IdentityService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig

    public static let minimumPasswordLength = PasswordPolicy.minimumLength

    public struct CreatedUser: Sendable {
        public let user: UserRecord
        public let company: CompanyRecord
        public let role: Role
        public let companyWasCreated: Bool
    }

    /// Creates the user (or adds an existing one) as a member of the company named `companyName`,
    /// creating the company when no company has that name. One transaction, audited.
    public func createUser(email rawEmail: String, password: String, companyName rawCompanyName: String, role: Role,
                           displayName: String = "", requestId: String = "cli") throws -> CreatedUser {
        let email = EmailAddress.normalized(rawEmail)
        let companyName = rawCompanyName.trimmingWhitespace()
        var errors = ValidationErrors()
        if !EmailAddress.isValid(email) { errors.add("email", "Enter an email address like name@example.com.") }
        if companyName.isEmpty || companyName.unicodeScalars.count > 200 { errors.add("company", "A company name of 1 to 200 characters is required.") }
        PasswordPolicy.check(password, email: email, into: &errors)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let passwordHash = try config.passwordHasher.hash(password)

        return try database.pool.write { db in
            let now = clock.now()
            var companyWasCreated = false
            var company: CompanyRecord
            if let existing = try IdentityQueries.company(db, name: companyName) {
                company = existing
            } else {
                company = CompanyRecord(name: companyName, createdAt: now, updatedAt: now)
                company.requireTwoFactor = config.requireTwoFactorByDefault
                try IdentityQueries.insert(db, &company)
                companyWasCreated = true
            }
            guard let companyId = company.id else { throw AppError.notFound }
            let actor = Actor.system(companyId: companyId, requestId: requestId)
            if companyWasCreated {
                try AuditLog.append(db, Audit.event("company.created", by: actor, objectType: "company",
                                                    objectId: companyId, changes: ["name": (nil, companyName)], at: now))
            }

            var user: UserRecord
            if let existing = try IdentityQueries.user(db, email: email) {
                user = existing
            } else {
                // The sysadmin (CLI) or the demo seed vouches for the address: verified from the start.
                user = UserRecord(email: email, displayName: displayName, passwordHash: passwordHash,
                                  emailVerifiedAt: now, createdAt: now, updatedAt: now)
                try IdentityQueries.insert(db, &user)
            }
            guard let userId = user.id else { throw AppError.notFound }
            if try IdentityQueries.membership(db, userId: userId, companyId: companyId) != nil {
                throw AppError.conflict("\(email) is already a member of \(company.name).")
            }
            if try IdentityQueries.memberCount(db, companyId: companyId) >= company.seatLimit {
                throw AppError.conflict("\(company.name) has used all \(company.seatLimit) seats; raise them with `ez360 company set --seats`.")
            }
            var membership = MembershipRecord(companyId: companyId, userId: userId, role: role, createdAt: now)
            try IdentityQueries.insert(db, &membership)
            try AuditLog.append(db, Audit.event("membership.created", by: actor, objectType: "user", objectId: userId,
                                                changes: ["email": (nil, email), "role": (nil, role.rawValue)], at: now))
            return CreatedUser(user: user, company: company, role: role, companyWasCreated: companyWasCreated)
        }
    }

    public func companies() throws -> [CompanyRecord] {
        try database.read { try IdentityQueries.companies($0) }
    }

    public func setSeats(companyName: String, seats: Int, requestId: String = "cli") throws -> CompanyRecord {
        guard (1...10_000).contains(seats) else {
            var errors = ValidationErrors()
            errors.add("seats", "Seats must be between 1 and 10000.")
            throw AppError.invalid(errors)
        }
        return try database.pool.write { db in
            guard var company = try IdentityQueries.company(db, name: companyName), let companyId = company.id
            else { throw AppError.notFound }
            let now = clock.now()
            let before = company.seatLimit
            try IdentityQueries.setSeatLimit(db, companyId: companyId, seats: seats, at: now)
            try AuditLog.append(db, Audit.event("company.seats_changed", by: .system(companyId: companyId, requestId: requestId),
                                                objectType: "company", objectId: companyId,
                                                changes: ["seat_limit": (String(before), String(seats))], at: now))
            company.seatLimit = seats
            return company
        }
    }

    public func isEmpty() throws -> Bool {
        try database.read { try IdentityQueries.userCount($0) } == 0
    }
}
