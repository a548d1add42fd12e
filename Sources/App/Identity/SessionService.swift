import Domain
import Foundation
import GRDB
import Store

/// "Your sessions": the signed-in user's own sessions in the current company, and ending them.
/// Only the user's own sessions are ever found: another user's session id is `.notFound`.
public struct SessionService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig

    public func list(for actor: Actor) throws -> [SessionRecord] {
        guard let userId = actor.userId else { throw AppError.forbidden }
        let now = clock.now()
        // Sessions already past their idle or absolute timeout are dead (deleted when next
        // presented); do not list them as if they were alive.
        return try database.read { try SessionQueries.list($0, userId: userId, companyId: actor.companyId) }
            .filter { $0.expiresAt > now && now < $0.lastSeenAt.addingTimeInterval(config.sessionIdleTimeout) }
    }

    /// Ends one of the actor's sessions. Audited as `session.revoked`.
    public func revoke(_ sessionId: Int64, by actor: Actor) throws {
        guard let userId = actor.userId else { throw AppError.forbidden }
        try database.pool.write { db in
            guard try SessionQueries.find(db, id: sessionId, userId: userId, companyId: actor.companyId) != nil
            else { throw AppError.notFound }
            try SessionQueries.delete(db, id: sessionId)
            try AuditLog.append(db, Audit.event("session.revoked", by: actor, objectType: "session", objectId: sessionId,
                                                at: clock.now()))
        }
    }

    /// "Sign out everywhere else": ends every session of the actor in this company but
    /// `current`. One transaction, one `session.revoked` event per session ended.
    @discardableResult
    public func revokeOthers(keeping current: Int64, by actor: Actor) throws -> Int {
        guard let userId = actor.userId else { throw AppError.forbidden }
        return try database.pool.write { db in
            let now = clock.now()
            let ended = try SessionQueries.endAll(db, userId: userId, companyId: actor.companyId, keeping: current)
            for id in ended {
                try AuditLog.append(db, Audit.event("session.revoked", by: actor, objectType: "session", objectId: id,
                                                    changes: ["scope": (nil, "everywhere_else")], at: now))
            }
            return ended.count
        }
    }
}
