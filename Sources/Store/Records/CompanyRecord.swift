import Foundation
import GRDB

public struct CompanyRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "companies"

    public var id: Int64?
    public var name: String
    public var currency: String
    public var seatLimit: Int
    /// Owners, admins and managers must use 2FA (migration 2026-11-22-005).
    public var requireTwoFactor: Bool = false
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, name: String, currency: String = "USD", seatLimit: Int = 10, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.currency = currency
        self.seatLimit = seatLimit
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Decoded by hand: GRDB's Codable path with snake_case conversion cost a third of a
    /// list page's time (measured by `make bench`).
    public init(row: Row) throws {
        id = row["id"]
        name = row["name"]
        currency = row["currency"]
        seatLimit = row["seat_limit"]
        requireTwoFactor = row["require_two_factor"]
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
    }

    /// `companies`'s columns in the order `init(row:startingAt:)` reads them by position, for
    /// joins that decode several records from one row without GRDB's name lookups (`make bench`).
    static let positionalColumns = ["id", "name", "currency", "seat_limit", "require_two_factor", "created_at", "updated_at"]

    init(row: Row, startingAt first: Int) {
        id = row[first]
        name = row[first + 1]
        currency = row[first + 2]
        seatLimit = row[first + 3]
        requireTwoFactor = row[first + 4]
        createdAt = DatabaseDate.decodeRequired(row, first + 5)
        updatedAt = DatabaseDate.decodeRequired(row, first + 6)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
