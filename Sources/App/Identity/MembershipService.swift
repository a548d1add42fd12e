import Domain
import Foundation
import GRDB
import Store

/// Changing a member's role. Permission: manageMembers (admin and up); only an owner may make
/// or unmake an owner, and a company always keeps at least one owner. A role change ends the
/// member's sessions in the company (privilege change → sign in again), in the same transaction.
public struct MembershipService: Sendable {
    let database: AppDatabase
    let clock: Clock

    public struct RoleChange: Sendable {
        public let email: String
        public let before: Role
        public let after: Role
        public let endedSessions: Int
    }

    public func changeRole(userId: Int64, to newRole: Role?, by actor: Actor) throws -> RoleChange {
        try require(.manageMembers, actor)
        return try database.pool.write { db in
            guard let membership = try IdentityQueries.membership(db, userId: userId, companyId: actor.companyId),
                  let user = try IdentityQueries.user(db, id: userId) else { throw AppError.notFound }
            guard let newRole else {
                var errors = ValidationErrors()
                errors.add("role", "Choose a role.")
                throw AppError.invalid(errors)
            }
            let before = membership.role
            guard before != newRole else {
                return RoleChange(email: user.email, before: before, after: newRole, endedSessions: 0)
            }
            if (before == .owner || newRole == .owner) && actor.role != .owner {
                throw AppError.conflict("Only an owner can make someone an owner or change an owner's role.")
            }
            if before == .owner, try IdentityQueries.ownerCount(db, companyId: actor.companyId) <= 1 {
                throw AppError.conflict("\(user.email) is the company's only owner; make someone else an owner first.")
            }
            let now = clock.now()
            try IdentityQueries.setRole(db, userId: userId, companyId: actor.companyId, role: newRole)
            let ended = try SessionQueries.endAll(db, userId: userId, companyId: actor.companyId)
            try AuditLog.append(db, Audit.event("membership.role_changed", by: actor, objectType: "user", objectId: userId,
                                                changes: ["role": (before.rawValue, newRole.rawValue),
                                                          "sessions_ended": (nil, String(ended.count))], at: now))
            return RoleChange(email: user.email, before: before, after: newRole, endedSessions: ended.count)
        }
    }
}
