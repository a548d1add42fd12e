import Domain
import Foundation
import GRDB

/// Users, companies and memberships: who may sign in, and to which company with what role.
public enum IdentityQueries {
    public static func user(_ db: Database, email: String) throws -> UserRecord? {
        try UserRecord.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [email])
    }

    public static func user(_ db: Database, id: Int64) throws -> UserRecord? {
        try UserRecord.fetchOne(db, key: id)
    }

    public static func company(_ db: Database, id: Int64) throws -> CompanyRecord? {
        try CompanyRecord.fetchOneCached(db, sql: "SELECT * FROM companies WHERE id = ?", arguments: [id])
    }

    public static func company(_ db: Database, name: String) throws -> CompanyRecord? {
        try CompanyRecord.fetchOne(db, sql: "SELECT * FROM companies WHERE name = ? COLLATE NOCASE", arguments: [name])
    }

    public static func companies(_ db: Database) throws -> [CompanyRecord] {
        try CompanyRecord.fetchAll(db, sql: "SELECT * FROM companies ORDER BY name COLLATE NOCASE")
    }

    public static func membership(_ db: Database, userId: Int64, companyId: Int64) throws -> MembershipRecord? {
        try MembershipRecord.fetchOne(db, sql: "SELECT * FROM memberships WHERE user_id = ? AND company_id = ?",
                                      arguments: [userId, companyId])
    }

    /// The user's first company (oldest membership): where a fresh sign-in lands.
    public static func firstMembership(_ db: Database, userId: Int64) throws -> MembershipRecord? {
        try MembershipRecord.fetchOne(db, sql: "SELECT * FROM memberships WHERE user_id = ? ORDER BY id LIMIT 1",
                                      arguments: [userId])
    }

    public static func memberCount(_ db: Database, companyId: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM memberships WHERE company_id = ?", arguments: [companyId]) ?? 0
    }

    public static func userCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0
    }

    public static func insert<Record: MutablePersistableRecord>(_ db: Database, _ record: inout Record) throws {
        try record.insert(db)
    }

    public static func setPasswordHash(_ db: Database, userId: Int64, hash: String, at date: Date) throws {
        try db.execute(sql: "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                       arguments: [hash, date, userId])
    }

    public static func setSeatLimit(_ db: Database, companyId: Int64, seats: Int, at date: Date) throws {
        try db.execute(sql: "UPDATE companies SET seat_limit = ?, updated_at = ? WHERE id = ?",
                       arguments: [seats, date, companyId])
    }
}

extension IdentityQueries {
    public static func setRole(_ db: Database, userId: Int64, companyId: Int64, role: Role) throws {
        try db.execute(sql: "UPDATE memberships SET role = ? WHERE user_id = ? AND company_id = ?",
                       arguments: [role, userId, companyId])
    }

    public static func ownerCount(_ db: Database, companyId: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM memberships WHERE company_id = ? AND role = 'owner'",
                         arguments: [companyId]) ?? 0
    }
}
