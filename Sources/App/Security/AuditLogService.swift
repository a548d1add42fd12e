import Domain
import Foundation
import GRDB
import Store

/// The owner's view of the company's audit log: filtered, paginated at the database.
public struct AuditLogService: Sendable {
    let database: AppDatabase

    public struct Listing: Sendable {
        public let page: Page<AuditEntry>
        public let actions: [String]
        public let members: [(id: Int64, email: String)]
    }

    public func list(for actor: Actor, filter: AuditLogFilter, page: PageRequest) throws -> Listing {
        try require(.viewAuditLog, actor)
        return try database.read { db in
            Listing(page: try AuditLog.page(db, companyId: actor.companyId, filter: filter, page: page),
                    actions: try AuditLog.actions(db, companyId: actor.companyId),
                    members: try AuditLog.members(db, companyId: actor.companyId))
        }
    }

    /// The filter's choices alone (for a form shown with an error, without results).
    public func choices(for actor: Actor) throws -> (actions: [String], members: [(id: Int64, email: String)]) {
        try require(.viewAuditLog, actor)
        return try database.read { db in
            (try AuditLog.actions(db, companyId: actor.companyId), try AuditLog.members(db, companyId: actor.companyId))
        }
    }
}
