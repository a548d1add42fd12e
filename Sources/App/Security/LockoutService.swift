import Domain
import Foundation
import GRDB
import Store

/// The login lockouts an owner or admin can see (those concerning the company: its members'
/// emails, and IPs its members' sign-ins failed from) and lift.
public struct LockoutService: Sendable {
    let database: AppDatabase
    let clock: Clock

    public func locked(for actor: Actor) throws -> [LoginThrottleRecord] {
        try require(.manageLockouts, actor)
        return try database.read { try LoginThrottleQueries.locked($0, companyId: actor.companyId, now: clock.now()) }
    }

    /// Lifts a lock and forgets its failures. A lock that is not in force or does not concern
    /// the company is `.notFound`. Audited as `auth.unlocked`.
    public func unlock(kind: LoginThrottleKind, key: String, by actor: Actor) throws {
        try require(.manageLockouts, actor)
        try database.pool.write { db in
            let now = clock.now()
            guard let row = try LoginThrottleQueries.locked(db, companyId: actor.companyId, kind: kind, key: key, now: now)
            else { throw AppError.notFound }
            try LoginThrottleQueries.delete(db, kind: kind, key: key)
            try AuditLog.append(db, Audit.event("auth.unlocked", by: actor, objectType: "login_throttle", objectId: nil,
                                                changes: ["kind": (nil, kind.rawValue), "key": (nil, key),
                                                          "locked_until": (Audit.timestamp(row.lockedUntil), nil)],
                                                at: now))
        }
    }
}
