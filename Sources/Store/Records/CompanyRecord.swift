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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
