import Domain
import Foundation
import GRDB
import Store

/// A signed-in user changing their own password: the current password is checked, the new one
/// must pass the policy, and every other session of the user (in every company) ends in the
/// same transaction — whoever else knew the old password is signed out.
public struct PasswordChangeService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig

    public func change(current: String, new: String, for signedIn: SignedIn, requestId: String, ip: String) throws -> Int {
        guard let userId = signedIn.user.id else { throw AppError.notFound }
        let stored = try database.read { try IdentityQueries.user($0, id: userId)?.passwordHash } ?? ""
        var errors = ValidationErrors()
        if !config.passwordHasher.verify(current, against: stored) {
            errors.add("current_password", "That is not your current password.")
        } else if current == new {
            errors.add("new_password", "Choose a password different from the current one.")
        } else {
            PasswordPolicy.check(new, email: signedIn.user.email, field: "new_password", into: &errors)
        }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let hash = try config.passwordHasher.hash(new)
        return try database.pool.write { db in
            let now = clock.now()
            try IdentityQueries.setPasswordHash(db, userId: userId, hash: hash, at: now)
            let ended = try SessionQueries.endEverywhere(db, userId: userId, keeping: signedIn.sessionId)
            try AuditLog.append(db, Audit.event("auth.password_changed", by: signedIn.actor(requestId: requestId, ip: ip),
                                                objectType: "user", objectId: userId,
                                                changes: ["other_sessions_ended": (nil, String(ended))], at: now))
            return ended
        }
    }
}
