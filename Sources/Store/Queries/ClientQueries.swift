import Domain
import Foundation
import GRDB

/// Which clients a list shows: the live ones (default) or the deleted ones awaiting restore.
public enum ClientListFilter: String, Sendable {
    case live, deleted
}

/// Every query takes the company id: there is no way to read another company's clients.
public enum ClientQueries {
    /// One page of clients ordered by name (case-insensitively), then id.
    /// - Page 1, and a page reached by a Next/Previous link (`page.cursor`), walk the partial
    ///   index from the start or from the neighbouring row and read the page's rows as they
    ///   go, so page 200 costs what page 1 costs.
    /// - A page asked for by number alone skips `offset` entries of the covering index first.
    /// - Without a search the total comes from `client_counts` (kept by triggers).
    public static func page(_ db: Database, companyId: Int64, search: String, filter: ClientListFilter,
                            page: PageRequest) throws -> Page<ClientSummary> {
        // Spelled out per filter (not bound) so SQLite can prove the partial index applies.
        var condition: SQL = filter == .live
            ? "company_id = \(companyId) AND deleted_at IS NULL"
            : "company_id = \(companyId) AND deleted_at IS NOT NULL"
        let pattern = likePattern(search)
        if let pattern {
            condition += " AND (name LIKE \(pattern) ESCAPE '\\' OR email LIKE \(pattern) ESCAPE '\\' OR company_name LIKE \(pattern) ESCAPE '\\')"
        }
        let total = try pattern == nil ? storedCount(db, companyId: companyId, filter: filter)
            : SQLRequest<Int>(literal: "SELECT count(*) FROM clients WHERE \(condition)", cached: true).fetchOne(db) ?? 0

        // A cursor names this company's row next to the page; a stale or foreign one finds
        // nothing, and the page number alone then decides.
        var items: [ClientSummary] = []
        if let cursor = page.cursor {
            items = try summaries(db, seeking(from: cursor, condition: condition, companyId: companyId, size: page.size))
        }
        if items.isEmpty {
            items = try summaries(db, (numbered(page, condition: condition), false))
        }
        return Page(items: items, number: page.number, size: page.size, totalCount: total)
    }

    /// Rows after (or before) the cursor's row in list order, found by seeking in the partial
    /// index from its sort key, which a scalar subquery reads in the same statement.
    static func seeking(from cursor: PageCursor, condition: SQL, companyId: Int64, size: Int) -> (SQL, reversed: Bool) {
        let columns = ClientSummary.positionalColumns
        switch cursor {
        case .after(let id):
            let name: SQL = "(SELECT name FROM clients WHERE id = \(id) AND company_id = \(companyId))"
            return ("""
                SELECT \(columns) FROM clients WHERE \(condition)
                  AND name >= \(name) COLLATE NOCASE AND (name > \(name) COLLATE NOCASE OR id > \(id))
                ORDER BY name COLLATE NOCASE, id LIMIT \(size)
                """, false)
        case .before(let id):
            let name: SQL = "(SELECT name FROM clients WHERE id = \(id) AND company_id = \(companyId))"
            return ("""
                SELECT \(columns) FROM clients WHERE \(condition)
                  AND name <= \(name) COLLATE NOCASE AND (name < \(name) COLLATE NOCASE OR id < \(id))
                ORDER BY name COLLATE NOCASE DESC, id DESC LIMIT \(size)
                """, true)
        }
    }

    /// Page 1 walks the index from the start. A later page asked for by number chooses its
    /// ids from the covering index first, so the skipped rows cost index entries only.
    static func numbered(_ page: PageRequest, condition: SQL) -> SQL {
        let columns = ClientSummary.positionalColumns
        if page.offset == 0 {
            return "SELECT \(columns) FROM clients WHERE \(condition) ORDER BY name COLLATE NOCASE, id LIMIT \(page.size)"
        }
        return """
            SELECT \(columns) FROM clients JOIN (
              SELECT id FROM clients WHERE \(condition) ORDER BY name COLLATE NOCASE, id LIMIT \(page.size) OFFSET \(page.offset)
            ) AS chosen ON chosen.id = clients.id
            ORDER BY clients.name COLLATE NOCASE, clients.id
            """
    }

    static func summaries(_ db: Database, _ request: (sql: SQL, reversed: Bool)) throws -> [ClientSummary] {
        let rows = try SQLRequest<Row>(literal: request.sql, cached: true).fetchCursor(db)
        var items: [ClientSummary] = []
        items.reserveCapacity(50)
        while let row = try rows.next() { items.append(ClientSummary(positional: row)) }
        if request.reversed { items.reverse() }
        return items
    }

    static func storedCount(_ db: Database, companyId: Int64, filter: ClientListFilter) throws -> Int {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT live, deleted FROM client_counts WHERE company_id = ?"),
                                   arguments: [companyId])
        guard let row else { return 0 }
        return filter == .live ? row["live"] : row["deleted"]
    }

    /// The client if it belongs to the company; deleted ones too, so they can be restored.
    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> ClientRecord? {
        try ClientRecord.fetchOneCached(db, sql: "SELECT * FROM clients WHERE id = ? AND company_id = ?",
                                        arguments: [id, companyId])
    }

    public static func liveCount(_ db: Database, companyId: Int64) throws -> Int {
        try storedCount(db, companyId: companyId, filter: .live)
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
