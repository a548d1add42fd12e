import Foundation
import GRDB

public struct ClientRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "clients"

    public var id: Int64?
    public var companyId: Int64
    public var name: String
    public var email: String
    public var companyName: String
    public var phone: String
    public var address: String
    public var notes: String
    public var createdAt: Date
    public var updatedAt: Date
    public var deletedAt: Date?

    public init(id: Int64? = nil, companyId: Int64, name: String, email: String = "", companyName: String = "",
                phone: String = "", address: String = "", notes: String = "", createdAt: Date, updatedAt: Date,
                deletedAt: Date? = nil) {
        self.id = id
        self.companyId = companyId
        self.name = name
        self.email = email
        self.companyName = companyName
        self.phone = phone
        self.address = address
        self.notes = notes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    public var isDeleted: Bool { deletedAt != nil }

    /// Decoded by hand: GRDB's Codable path with snake_case conversion cost a third of a
    /// list page's time (measured by `make bench`).
    public init(row: Row) throws {
        id = row["id"]
        companyId = row["company_id"]
        name = row["name"]
        email = row["email"]
        companyName = row["company_name"]
        phone = row["phone"]
        address = row["address"]
        notes = row["notes"]
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
        deletedAt = DatabaseDate.decode(row, "deleted_at")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
