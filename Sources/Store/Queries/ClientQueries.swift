import Domain
import Foundation
import GRDB

/// Which clients a list shows: the live ones (default) or the deleted ones awaiting restore.
public enum ClientListFilter: String, Sendable {
    case live, deleted
}

/// Every query takes the company id: there is no way to read another company's clients.
public enum ClientQueries {
    /// One page of clients ordered by name. The ids are chosen first through the covering
    /// partial index, then only those rows are read: a late page costs about what page 1 does.
    public static func page(_ db: Database, companyId: Int64, search: String, filter: ClientListFilter,
                            page: PageRequest) throws -> Page<ClientRecord> {
        // Spelled out per filter (not bound) so SQLite can prove the partial index applies.
        var condition: SQL = filter == .live
            ? "company_id = \(companyId) AND deleted_at IS NULL"
            : "company_id = \(companyId) AND deleted_at IS NOT NULL"
        if let pattern = likePattern(search) {
            condition += " AND (name LIKE \(pattern) ESCAPE '\\' OR email LIKE \(pattern) ESCAPE '\\' OR company_name LIKE \(pattern) ESCAPE '\\')"
        }
        let total = try SQLRequest<Int>(literal: "SELECT count(*) FROM clients WHERE \(condition)", cached: true)
            .fetchOne(db) ?? 0
        let items = try SQLRequest<ClientRecord>(literal: """
            SELECT clients.* FROM clients
            JOIN (SELECT id FROM clients WHERE \(condition)
                  ORDER BY name COLLATE NOCASE, id LIMIT \(page.size) OFFSET \(page.offset)) AS chosen
              ON chosen.id = clients.id
            ORDER BY clients.name COLLATE NOCASE, clients.id
            """, cached: true).fetchAll(db)
        return Page(items: items, number: page.number, size: page.size, totalCount: total)
    }

    /// The client if it belongs to the company; deleted ones too, so they can be restored.
    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> ClientRecord? {
        try ClientRecord.fetchOneCached(db, sql: "SELECT * FROM clients WHERE id = ? AND company_id = ?",
                                        arguments: [id, companyId])
    }

    public static func liveCount(_ db: Database, companyId: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE company_id = ? AND deleted_at IS NULL",
                         arguments: [companyId]) ?? 0
    }

    public static func insert(_ db: Database, _ client: inout ClientRecord) throws {
        try client.insert(db)
    }

    /// Writes the record's fields, guarded by company id so a forged record cannot cross tenants.
    public static func update(_ db: Database, _ client: ClientRecord) throws {
        guard let id = client.id else { return }
        try db.execute(sql: """
            UPDATE clients SET name = ?, email = ?, company_name = ?, phone = ?, address = ?, notes = ?,
                   updated_at = ?, deleted_at = ?
            WHERE id = ? AND company_id = ?
            """, arguments: [client.name, client.email, client.companyName, client.phone, client.address,
                             client.notes, client.updatedAt, client.deletedAt, id, client.companyId])
    }

    /// A LIKE pattern matching `search` anywhere, with LIKE's wildcards escaped; nil for an empty search.
    static func likePattern(_ search: String) -> String? {
        let trimmed = search.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        var escaped = ""
        for character in trimmed.prefix(200) {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }
}
