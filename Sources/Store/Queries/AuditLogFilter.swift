import Domain
import Foundation
import GRDB

/// What the owner's audit page narrows the log to; nil means "any".
public struct AuditLogFilter: Sendable, Equatable {
    public var action: String?
    public var userId: Int64?
    /// Inclusive lower bound.
    public var from: Date?
    /// Exclusive upper bound.
    public var before: Date?

    public init(action: String? = nil, userId: Int64? = nil, from: Date? = nil, before: Date? = nil) {
        self.action = action
        self.userId = userId
        self.from = from
        self.before = before
    }
}

/// An audit event with the email of the user who caused it (nil for the CLI or a visitor).
public struct AuditEntry: Sendable {
    public let event: AuditEventRecord
    public let userEmail: String?
}

extension AuditLog {
    /// One page of the company's log, newest first. LIMIT/OFFSET walks `audit_events_by_company`
    /// (or the action/user index) backwards, so a page reads only its rows and the skipped index entries.
    public static func page(_ db: Database, companyId: Int64, filter: AuditLogFilter, page: PageRequest) throws -> Page<AuditEntry> {
        let conditions: SQL = """
            e.company_id = \(companyId)
            AND (\(filter.action) IS NULL OR e.action = \(filter.action))
            AND (\(filter.userId) IS NULL OR e.user_id = \(filter.userId))
            AND (\(filter.from) IS NULL OR e.created_at >= \(filter.from))
            AND (\(filter.before) IS NULL OR e.created_at < \(filter.before))
            """
        let total = try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT count(*) FROM audit_events e WHERE \(conditions)")) ?? 0
        let rows = try Row.fetchAll(db, SQLRequest<Row>(literal: """
            SELECT e.*, u.email AS user_email FROM audit_events e LEFT JOIN users u ON u.id = e.user_id
            WHERE \(conditions)
            ORDER BY e.id DESC LIMIT \(page.size) OFFSET \(page.offset)
            """))
        let items = try rows.map { row in
            AuditEntry(event: try AuditEventRecord(row: row), userEmail: row["user_email"])
        }
        return Page(items: items, number: page.number, size: page.size, totalCount: total)
    }

    /// The actions the company's log holds, for the filter's select.
    public static func actions(_ db: Database, companyId: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT action FROM audit_events WHERE company_id = ? ORDER BY action",
                            arguments: [companyId])
    }

    /// The company's members (id, email), for the filter's select.
    public static func members(_ db: Database, companyId: Int64) throws -> [(id: Int64, email: String)] {
        try Row.fetchAll(db, sql: """
            SELECT u.id, u.email FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.company_id = ? ORDER BY u.email
            """, arguments: [companyId]).map { (id: $0["id"], email: $0["email"]) }
    }
}
