import Domain
import Foundation
import GRDB

public struct MembershipRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "memberships"

    public var id: Int64?
    public var companyId: Int64
    public var userId: Int64
    public var role: Role
    public var createdAt: Date

    public init(id: Int64? = nil, companyId: Int64, userId: Int64, role: Role, createdAt: Date) {
        self.id = id
        self.companyId = companyId
        self.userId = userId
        self.role = role
        self.createdAt = createdAt
    }

    /// Decoded by hand: GRDB's Codable path with snake_case conversion cost a third of a
    /// list page's time (measured by `make bench`).
    public init(row: Row) throws {
        id = row["id"]
        companyId = row["company_id"]
        userId = row["user_id"]
        role = row["role"]
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
    }

    /// `memberships`'s columns in the order `init(row:startingAt:)` reads them by position, for
    /// joins that decode several records from one row without GRDB's name lookups (`make bench`).
    static let positionalColumns = ["id", "company_id", "user_id", "role", "created_at"]

    init(row: Row, startingAt first: Int) {
        id = row[first]
        companyId = row[first + 1]
        userId = row[first + 2]
        role = row[first + 3]
        createdAt = DatabaseDate.decodeRequired(row, first + 4)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Role: DatabaseValueConvertible {}
