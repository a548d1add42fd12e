import Foundation
import GRDB

/// A signed-in browser. Only the SHA-256 of the cookie's token is stored, so a copy of the
/// database does not let anyone sign in.
public struct SessionRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "sessions"

    public var id: Int64?
    public var tokenHash: String
    public var userId: Int64
    public var companyId: Int64
    public var csrfToken: String
    public var ip: String
    public var userAgent: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date

    public init(id: Int64? = nil, tokenHash: String, userId: Int64, companyId: Int64, csrfToken: String,
                ip: String, userAgent: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date) {
        self.id = id
        self.tokenHash = tokenHash
        self.userId = userId
        self.companyId = companyId
        self.csrfToken = csrfToken
        self.ip = ip
        self.userAgent = userAgent
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }

    /// Decoded by hand: GRDB's Codable path with snake_case conversion cost a third of a
    /// list page's time (measured by `make bench`).
    public init(row: Row) throws {
        id = row["id"]
        tokenHash = row["token_hash"]
        userId = row["user_id"]
        companyId = row["company_id"]
        csrfToken = row["csrf_token"]
        ip = row["ip"]
        userAgent = row["user_agent"]
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        lastSeenAt = DatabaseDate.decodeRequired(row, "last_seen_at")
        expiresAt = DatabaseDate.decodeRequired(row, "expires_at")
    }

    /// `sessions`'s columns in the order `init(row:startingAt:)` reads them by position, for
    /// joins that decode several records from one row without GRDB's name lookups (`make bench`).
    static let positionalColumns = ["id", "token_hash", "user_id", "company_id", "csrf_token", "ip", "user_agent", "created_at", "last_seen_at", "expires_at"]

    init(row: Row, startingAt first: Int) {
        id = row[first]
        tokenHash = row[first + 1]
        userId = row[first + 2]
        companyId = row[first + 3]
        csrfToken = row[first + 4]
        ip = row[first + 5]
        userAgent = row[first + 6]
        createdAt = DatabaseDate.decodeRequired(row, first + 7)
        lastSeenAt = DatabaseDate.decodeRequired(row, first + 8)
        expiresAt = DatabaseDate.decodeRequired(row, first + 9)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
