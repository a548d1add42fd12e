import Domain
import Foundation
import GRDB

/// A company's tax rates. A company has a handful, so the list is read whole (no pages).
public enum TaxRateQueries {
    /// Live rates by name (the default first among equals is not special-cased); with
    /// `includeArchived`, the archived ones follow.
    public static func list(_ db: Database, companyId: Int64, includeArchived: Bool) throws -> [TaxRateRecord] {
        let live = try TaxRateRecord.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM tax_rates WHERE company_id = ? AND archived_at IS NULL ORDER BY name COLLATE NOCASE, id
            """), arguments: [companyId])
        guard includeArchived else { return live }
        let archived = try TaxRateRecord.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM tax_rates WHERE company_id = ? AND archived_at IS NOT NULL ORDER BY name COLLATE NOCASE, id
            """), arguments: [companyId])
        return live + archived
    }

    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> TaxRateRecord? {
        try TaxRateRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM tax_rates WHERE id = ? AND company_id = ?"),
                                   arguments: [id, companyId])
    }

    public static func findDefault(_ db: Database, companyId: Int64) throws -> TaxRateRecord? {
        try TaxRateRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM tax_rates WHERE company_id = ? AND is_default = 1"),
                                   arguments: [companyId])
    }

    public static func insert(_ db: Database, _ rate: inout TaxRateRecord) throws {
        try rate.insert(db)
    }

    /// Writes the record's fields, guarded by company id.
    public static func update(_ db: Database, _ rate: TaxRateRecord) throws {
        guard let id = rate.id else { return }
        try db.execute(sql: """
            UPDATE tax_rates SET name = ?, milli_percent = ?, is_default = ?, updated_at = ?, archived_at = ?
            WHERE id = ? AND company_id = ?
            """, arguments: [rate.name, rate.milliPercent, rate.isDefault, rate.updatedAt, rate.archivedAt, id, rate.companyId])
    }

    /// Clears the company's default (before another rate becomes it, in the same transaction).
    public static func clearDefault(_ db: Database, companyId: Int64, at date: Date) throws {
        try db.execute(sql: "UPDATE tax_rates SET is_default = 0, updated_at = ? WHERE company_id = ? AND is_default = 1",
                       arguments: [date, companyId])
    }
}
