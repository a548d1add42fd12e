import Domain
import Foundation
import GRDB
import Store

/// TOTP two-factor enrolment for the signed-in user: start (a new secret), confirm with a
/// code (enabled; ten recovery codes shown once), disable (password and a code). Also the
/// company policy "require 2FA for owner, admin and manager".
public struct TwoFactorService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig

    public struct Status: Sendable {
        public let enabled: Bool
        /// The secret of an enrolment waiting for its first code (nil once enabled or never started).
        public let pendingSecret: [UInt8]?
        public let unusedRecoveryCodes: Int
    }

    /// Roles the company policy applies to.
    public static func policyApplies(to role: Role) -> Bool { role >= .manager }

    public func status(for actor: Actor) throws -> Status {
        guard let userId = actor.userId else { throw AppError.forbidden }
        return try database.read { db in
            let enrolment = try TwoFactorQueries.enrolment(db, userId: userId)
            let enabled = enrolment?.enabledAt != nil
            return Status(enabled: enabled, pendingSecret: enabled ? nil : enrolment.map { Array($0.secret) },
                          unusedRecoveryCodes: try TwoFactorQueries.unusedRecoveryCodes(db, userId: userId))
        }
    }

    public func isEnabled(userId: Int64) throws -> Bool {
        try database.read { try TwoFactorQueries.isEnabled($0, userId: userId) }
    }

    /// A new 160-bit secret, stored unconfirmed (replacing an unconfirmed one). Audited
    /// `2fa.enrolment_started`. Refused while 2FA is on: disable it first.
    public func begin(by actor: Actor) throws -> [UInt8] {
        guard let userId = actor.userId else { throw AppError.forbidden }
        let secret = SecureRandom.bytes(20)
        try database.pool.write { db in
            if try TwoFactorQueries.isEnabled(db, userId: userId) { throw AppError.conflict("Two-factor sign-in is already on.") }
            let now = clock.now()
            try TwoFactorQueries.saveUnconfirmed(db, userId: userId, secret: Data(secret), at: now)
            try AuditLog.append(db, Audit.event("2fa.enrolment_started", by: actor, objectType: "user", objectId: userId, at: now))
        }
        return secret
    }

    /// Turns 2FA on when `code` is current for the unconfirmed secret; returns the ten recovery
    /// codes (only their hashes are kept). Audited `2fa.enrolled`.
    public func confirm(code: String, by actor: Actor) throws -> [String] {
        guard let userId = actor.userId else { throw AppError.forbidden }
        let codes = RecoveryCodes.generate()
        try database.pool.write { db in
            let now = clock.now()
            guard let enrolment = try TwoFactorQueries.enrolment(db, userId: userId), enrolment.enabledAt == nil
            else { throw AppError.conflict("Start the enrolment again: there is no code to confirm.") }
            guard case .totp(let step)? = try SecondFactor.verify(db, userId: userId, code: code, now: now) else {
                throw Self.codeError("That code is not right. Type the 6 digits your app shows now.")
            }
            try TwoFactorQueries.enable(db, userId: userId, step: step, at: now)
            try TwoFactorQueries.replaceRecoveryCodes(db, userId: userId,
                                                      hashes: codes.compactMap(RecoveryCodes.normalized).map(TokenHash.sha256Hex))
            try AuditLog.append(db, Audit.event("2fa.enrolled", by: actor, objectType: "user", objectId: userId, at: now))
        }
        return codes
    }

    /// Turns 2FA off; needs the password and a current code (or a recovery code). Audited `2fa.disabled`.
    public func disable(password: String, code: String, by actor: Actor) throws {
        guard let userId = actor.userId else { throw AppError.forbidden }
        let hash = try database.read { try UserRecord.fetchOne($0, key: userId)?.passwordHash } ?? ""
        let passwordMatches = config.passwordHasher.verify(password, against: hash)
        try database.pool.write { db in
            let now = clock.now()
            guard try TwoFactorQueries.isEnabled(db, userId: userId) else { throw AppError.conflict("Two-factor sign-in is off.") }
            // Check the code only with the right password, so a wrong password cannot burn a code.
            guard passwordMatches, try SecondFactor.verify(db, userId: userId, code: code, now: now) != nil else {
                throw Self.codeError("The password or the code is not right.")
            }
            try TwoFactorQueries.delete(db, userId: userId)
            try AuditLog.append(db, Audit.event("2fa.disabled", by: actor, objectType: "user", objectId: userId, at: now))
        }
    }

    static func codeError(_ message: String) -> AppError {
        var errors = ValidationErrors()
        errors.add("code", message)
        return .invalid(errors)
    }

    /// `ez360 company set --require-2fa on|off`. Audited `company.require_2fa_changed`.
    public func setPolicy(companyName: String, required: Bool) throws -> CompanyRecord {
        try database.pool.write { db in
            guard var company = try IdentityQueries.company(db, name: companyName), let companyId = company.id
            else { throw AppError.notFound }
            let now = clock.now()
            try TwoFactorQueries.setRequireTwoFactor(db, companyId: companyId, required: required, at: now)
            try AuditLog.append(db, Audit.event("company.require_2fa_changed", by: .system(companyId: companyId, requestId: "cli"),
                                                objectType: "company", objectId: companyId,
                                                changes: ["require_two_factor": (String(company.requireTwoFactor), String(required))],
                                                at: now))
            company.requireTwoFactor = required
            return company
        }
    }
}
