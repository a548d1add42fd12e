import Domain
import Foundation
import GRDB

/// Which catalog items a list shows: the live ones (default) or the archived ones.
public enum CatalogListFilter: String, Sendable {
    case live, archived
}

/// The catalog, always scoped to one company.
public enum CatalogQueries {
    /// One page of items by name, LIMIT/OFFSET over the partial index of the filter.
    public static func page(_ db: Database, companyId: Int64, search: String, filter: CatalogListFilter,
                            page: PageRequest) throws -> Page<CatalogItemRecord> {
        // Spelled out per filter (not bound) so SQLite can prove the partial index applies.
        var condition: SQL = filter == .live
            ? "company_id = \(companyId) AND archived_at IS NULL"
            : "company_id = \(companyId) AND archived_at IS NOT NULL"
        if let pattern = ClientQueries.likePattern(search) {
            condition += " AND (name LIKE \(pattern) ESCAPE '\\' OR description LIKE \(pattern) ESCAPE '\\')"
        }
        let total = try SQLRequest<Int>(literal: "SELECT count(*) FROM catalog_items WHERE \(condition)", cached: true)
            .fetchOne(db) ?? 0
        let items = try SQLRequest<CatalogItemRecord>(literal: """
            SELECT * FROM catalog_items WHERE \(condition) ORDER BY name COLLATE NOCASE, id LIMIT \(page.size) OFFSET \(page.offset)
            """, cached: true).fetchAll(db)
        return Page(items: items, number: page.number, size: page.size, totalCount: total)
    }

    /// Live items by name, for a picker (a company's catalog is short: at most `limit`).
    public static func live(_ db: Database, companyId: Int64, limit: Int = 500) throws -> [CatalogItemRecord] {
        try CatalogItemRecord.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM catalog_items WHERE company_id = ? AND archived_at IS NULL ORDER BY name COLLATE NOCASE LIMIT ?
            """), arguments: [companyId, limit])
    }

    /// The live services' ids and names, by name (the timer's Start buttons).
    public static func liveServices(_ db: Database, companyId: Int64, limit: Int = 500) throws -> [(id: Int64, name: String)] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, name FROM catalog_items WHERE company_id = ? AND archived_at IS NULL AND kind = 'service'
            ORDER BY name COLLATE NOCASE LIMIT ?
            """), arguments: [companyId, limit]).map { (id: $0[0], name: $0[1]) }
    }

    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> CatalogItemRecord? {
        try CatalogItemRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM catalog_items WHERE id = ? AND company_id = ?"),
                                       arguments: [id, companyId])
    }

    /// Whether a live item other than `excluding` has this name (case-insensitively).
    public static func liveNameTaken(_ db: Database, companyId: Int64, name: String, excluding id: Int64?) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM catalog_items WHERE company_id = ? AND archived_at IS NULL
                           AND name = ? COLLATE NOCASE AND id IS NOT ?)
            """), arguments: [companyId, name, id]) ?? false
    }

    public static func insert(_ db: Database, _ item: inout CatalogItemRecord) throws {
        try item.insert(db)
    }

    public static func update(_ db: Database, _ item: CatalogItemRecord) throws {
        guard let id = item.id else { return }
        try db.execute(sql: """
            UPDATE catalog_items SET kind = ?, name = ?, description = ?, unit = ?, unit_price_cents = ?, tax_rate_id = ?,
                   updated_at = ?, archived_at = ?
            WHERE id = ? AND company_id = ?
            """, arguments: [item.kind.rawValue, item.name, item.description, item.unit, item.unitPriceCents, item.taxRateId,
                             item.updatedAt, item.archivedAt, id, item.companyId])
    }
}
