import Domain
import Foundation
import GRDB

/// A service or product the company sells (`catalog_items`): the source of truth for names
/// and default prices. Time entries and invoice lines copy (snapshot) the name and price when
/// they are written, so editing or archiving an item never rewrites them.
public struct CatalogItemRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "catalog_items"

    public var id: Int64?
    public var companyId: Int64
    public var kind: CatalogItemKind
    public var name: String
    public var description: String
    public var unit: String
    public var unitPriceCents: Int64
    public var taxRateId: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    public var archivedAt: Date?

    public init(id: Int64? = nil, companyId: Int64, kind: CatalogItemKind, name: String, description: String = "",
                unit: String = "", unitPriceCents: Int64, taxRateId: Int64? = nil, createdAt: Date, updatedAt: Date,
                archivedAt: Date? = nil) {
        self.id = id
        self.companyId = companyId
        self.kind = kind
        self.name = name
        self.description = description
        self.unit = unit
        self.unitPriceCents = unitPriceCents
        self.taxRateId = taxRateId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.archivedAt = archivedAt
    }

    public var isArchived: Bool { archivedAt != nil }

    public init(row: Row) throws {
        id = row["id"]
        companyId = row["company_id"]
        kind = CatalogItemKind(rawValue: row["kind"]) ?? .service
        name = row["name"]
        description = row["description"]
        unit = row["unit"]
        unitPriceCents = row["unit_price_cents"]
        taxRateId = row["tax_rate_id"]
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
        archivedAt = DatabaseDate.decode(row, "archived_at")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
