import Foundation
import GRDB

/// The signed-in session with what every request needs to authorize, in one indexed read.
public struct SessionLookup: Sendable {
    public let session: SessionRecord
    public let user: UserRecord
    public let company: CompanyRecord
    public let membership: MembershipRecord
}

public enum SessionQueries {
    public static func lookup(_ db: Database, tokenHash: String) throws -> SessionLookup? {
        guard let session = try SessionRecord.fetchOne(db, sql: "SELECT * FROM sessions WHERE token_hash = ?",
                                                       arguments: [tokenHash]),
              let user = try UserRecord.fetchOne(db, key: session.userId),
              let company = try CompanyRecord.fetchOne(db, key: session.companyId),
              let membership = try IdentityQueries.membership(db, userId: session.userId, companyId: session.companyId)
        else { return nil }
        return SessionLookup(session: session, user: user, company: company, membership: membership)
    }

    public static func insert(_ db: Database, _ session: inout SessionRecord) throws {
        try session.insert(db)
    }

    public static func touch(_ db: Database, id: Int64, at date: Date) throws {
        try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE id = ?", arguments: [date, id])
    }

    public static func delete(_ db: Database, id: Int64) throws {
        try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [id])
    }

    public static func deleteAll(_ db: Database, userId: Int64) throws {
        try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userId])
    }

    /// Sessions past their absolute expiry or idle for longer than `idleCutoff` allows.
    public static func deleteExpired(_ db: Database, now: Date, idleCutoff: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?",
                       arguments: [now, idleCutoff])
        return db.changesCount
    }
}
