import Foundation
import GRDB

public enum AuditLog {
    public static func append(_ db: Database, _ event: AuditEventRecord) throws {
        var event = event
        try event.insert(db)
    }

    /// Newest first, for one company (the owner's audit page) — paginated by id.
    public static func recent(_ db: Database, companyId: Int64, limit: Int = 50) throws -> [AuditEventRecord] {
        try AuditEventRecord.fetchAll(db, sql: """
            SELECT * FROM audit_events WHERE company_id = ? ORDER BY id DESC LIMIT ?
            """, arguments: [companyId, limit])
    }

    public static func count(_ db: Database, companyId: Int64?, action: String? = nil) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM audit_events
            WHERE company_id IS ? AND (? IS NULL OR action = ?)
            """, arguments: [companyId, action, action]) ?? 0
    }
}
