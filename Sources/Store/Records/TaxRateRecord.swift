import Domain
import Foundation
import GRDB

/// A company's tax rate (`tax_rates`). Archived rates stay for the documents that used them.
public struct TaxRateRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "tax_rates"

    public var id: Int64?
    public var companyId: Int64
    public var name: String
    public var milliPercent: Int
    public var isDefault: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var archivedAt: Date?

    public init(id: Int64? = nil, companyId: Int64, name: String, milliPercent: Int, isDefault: Bool = false,
                createdAt: Date, updatedAt: Date, archivedAt: Date? = nil) {
        self.id = id
        self.companyId = companyId
        self.name = name
        self.milliPercent = milliPercent
        self.isDefault = isDefault
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.archivedAt = archivedAt
    }

    public var isArchived: Bool { archivedAt != nil }
    public var taxRate: TaxRate { TaxRate(name: name, milliPercent: milliPercent) }

    public init(row: Row) throws {
        id = row["id"]
        companyId = row["company_id"]
        name = row["name"]
        milliPercent = row["milli_percent"]
        isDefault = row["is_default"]
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
        archivedAt = DatabaseDate.decode(row, "archived_at")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
