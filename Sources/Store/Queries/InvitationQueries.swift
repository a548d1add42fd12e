import Domain
import Foundation
import GRDB

/// A member as the Members page lists them.
public struct MemberRow: Sendable {
    public let userId: Int64
    public let email: String
    public let displayName: String
    public let role: Role
    public let since: Date
}

/// Invitations (company-scoped, except the lookup by token hash the accept link needs) and
/// the company's member list.
public enum InvitationQueries {
    public static func insert(_ db: Database, _ invitation: inout InvitationRecord) throws {
        try invitation.insert(db)
    }

    public static func find(_ db: Database, tokenHash: String) throws -> InvitationRecord? {
        try InvitationRecord.fetchOne(db, sql: "SELECT * FROM invitations WHERE token_hash = ?", arguments: [tokenHash])
    }

    /// Not accepted and not expired, newest first.
    public static func pending(_ db: Database, companyId: Int64, now: Date) throws -> [InvitationRecord] {
        try InvitationRecord.fetchAll(db, sql: """
            SELECT * FROM invitations WHERE company_id = ? AND accepted_at IS NULL AND expires_at > ?
            ORDER BY created_at DESC, id DESC
            """, arguments: [companyId, now])
    }

    public static func pendingCount(_ db: Database, companyId: Int64, now: Date) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM invitations WHERE company_id = ? AND accepted_at IS NULL AND expires_at > ?
            """, arguments: [companyId, now]) ?? 0
    }

    public static func hasPending(_ db: Database, companyId: Int64, email: String, now: Date) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM invitations WHERE company_id = ? AND email = ? COLLATE NOCASE
                           AND accepted_at IS NULL AND expires_at > ?)
            """, arguments: [companyId, email, now]) ?? false
    }

    /// Marks the invitation used; false when another request used it first.
    public static func markAccepted(_ db: Database, id: Int64, userId: Int64, at date: Date) throws -> Bool {
        try db.execute(sql: "UPDATE invitations SET accepted_at = ?, accepted_user_id = ? WHERE id = ? AND accepted_at IS NULL",
                       arguments: [date, userId, id])
        return db.changesCount == 1
    }

    public static func members(_ db: Database, companyId: Int64) throws -> [MemberRow] {
        try Row.fetchAll(db, sql: """
            SELECT u.id, u.email, u.display_name, m.role, m.created_at FROM memberships m
            JOIN users u ON u.id = m.user_id WHERE m.company_id = ? ORDER BY u.email
            """, arguments: [companyId]).map {
            MemberRow(userId: $0["id"], email: $0["email"], displayName: $0["display_name"],
                      role: Role(rawValue: $0["role"]) ?? .viewer, since: $0["created_at"])
        }
    }
}
