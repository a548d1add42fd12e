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

        let columns = ClientSummary.positionalColumns
        let request: SQL
        var reversed = false
        switch try boundary(db, companyId: companyId, cursor: page.cursor) {
        case .some((.after, let name, let id)):
            request = """
                SELECT \(columns) FROM clients WHERE \(condition)
                  AND name >= \(name) COLLATE NOCASE AND (name > \(name) COLLATE NOCASE OR id > \(id))
                ORDER BY name COLLATE NOCASE, id LIMIT \(page.size)
                """
        case .some((.before, let name, let id)):
            request = """
                SELECT \(columns) FROM clients WHERE \(condition)
                  AND name <= \(name) COLLATE NOCASE AND (name < \(name) COLLATE NOCASE OR id < \(id))
                ORDER BY name COLLATE NOCASE DESC, id DESC LIMIT \(page.size)
                """
            reversed = true
        case .none where page.offset == 0:
            request = "SELECT \(columns) FROM clients WHERE \(condition) ORDER BY name COLLATE NOCASE, id LIMIT \(page.size)"
        case .none:
            // A page reached by number alone: the ids are chosen from the covering index, so
            // the skipped rows cost index entries only; then the page's rows are read by id.
            request = """
                SELECT \(columns) FROM clients JOIN (
                  SELECT id FROM clients WHERE \(condition) ORDER BY name COLLATE NOCASE, id LIMIT \(page.size) OFFSET \(page.offset)
                ) AS chosen ON chosen.id = clients.id
                ORDER BY clients.name COLLATE NOCASE, clients.id
                """
        }
        let rows = try SQLRequest<Row>(literal: request, cached: true).fetchCursor(db)
        var items: [ClientSummary] = []
        items.reserveCapacity(min(page.size, 500))
        while let row = try rows.next() { items.append(ClientSummary(positional: row)) }
        if reversed { items.reverse() }
        return Page(items: items, number: page.number, size: page.size, totalCount: total)
    }

    enum Direction { case after, before }

    /// The sort key of the row a cursor names, when it is one of this company's clients;
    /// a stale or foreign cursor is ignored (the page number alone then decides).
    static func boundary(_ db: Database, companyId: Int64, cursor: PageCursor?) throws -> (Direction, String, Int64)? {
        let (direction, id): (Direction, Int64)
        switch cursor {
        case .after(let value): (direction, id) = (.after, value)
        case .before(let value): (direction, id) = (.before, value)
        case nil: return nil
        }
        let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM clients WHERE id = ? AND company_id = ?"),
                                       arguments: [id, companyId])
        return name.map { (direction, $0, id) }
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
