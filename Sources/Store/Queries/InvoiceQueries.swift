import Domain
import Foundation
import GRDB

/// What the invoice list shows: every status (nil) or one, optionally one client's, and a
/// search on the number or the client's name.
public struct InvoiceListFilter: Sendable, Equatable {
    public var status: InvoiceStatus?
    public var clientId: Int64?
    public var projectId: Int64?
    public var search: String

    public init(status: InvoiceStatus? = nil, clientId: Int64? = nil, projectId: Int64? = nil, search: String = "") {
        self.status = status
        self.clientId = clientId
        self.projectId = projectId
        self.search = search
    }
}

/// Every query takes the company id, except `findByPublicToken`: the client's link carries
/// a 256-bit random token, which is the whole capability (the public page shows one sent
/// invoice and nothing else).
public enum InvoiceQueries {
    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> InvoiceRecord? {
        try InvoiceRecord.fetchOneCached(db, sql: "SELECT * FROM invoices WHERE id = ? AND company_id = ?", arguments: [id, companyId])
    }

    /// Whether the project has an invoice that is not void (index `invoices_by_project`).
    public static func projectHasLiveInvoice(_ db: Database, companyId: Int64, projectId: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM invoices WHERE company_id = ? AND project_id = ? AND status <> 'void')
            """), arguments: [companyId, projectId]) ?? false
    }

    public static func findByPublicToken(_ db: Database, token: String) throws -> InvoiceRecord? {
        try InvoiceRecord.fetchOne(db, sql: "SELECT * FROM invoices WHERE public_token = ?", arguments: [token])
    }

    public static func lines(_ db: Database, invoiceId: Int64) throws -> [InvoiceLineRecord] {
        try InvoiceLineRecord.fetchAllCached(db, sql: "SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position",
                                             arguments: [invoiceId])
    }

    public static func insert(_ db: Database, _ invoice: inout InvoiceRecord) throws {
        try invoice.insert(db)
    }

    /// Writes every column, guarded by company id; the triggers decide what a sent invoice
    /// may still change.
    public static func update(_ db: Database, _ invoice: InvoiceRecord) throws {
        guard let id = invoice.id else { return }
        try db.execute(sql: """
            UPDATE invoices SET client_id = ?, project_id = ?, number = ?, status = ?, currency = ?, issue_date = ?, due_date = ?,
                   payment_terms_days = ?, discount_kind = ?, discount_value = ?, notes = ?, terms = ?,
                   subtotal_cents = ?, discount_cents = ?, tax_cents = ?, total_cents = ?, amount_paid_cents = ?,
                   sent_at = ?, voided_at = ?, updated_at = ?
            WHERE id = ? AND company_id = ?
            """, arguments: [invoice.clientId, invoice.projectId, invoice.number, invoice.status.rawValue, invoice.currency, invoice.issueDate,
                             invoice.dueDate, invoice.paymentTermsDays, invoice.discountKind, invoice.discountValue,
                             invoice.notes, invoice.terms, invoice.subtotalCents, invoice.discountCents, invoice.taxCents,
                             invoice.totalCents, invoice.amountPaidCents, invoice.sentAt, invoice.voidedAt,
                             invoice.updatedAt, id, invoice.companyId])
    }

    /// Status, void date and updated_at only: what a void writes (the lock trigger allows it).
    public static func updateStatus(_ db: Database, _ invoice: InvoiceRecord) throws {
        guard let id = invoice.id else { return }
        try db.execute(sql: """
            UPDATE invoices SET status = ?, voided_at = ?, updated_at = ? WHERE id = ? AND company_id = ?
            """, arguments: [invoice.status.rawValue, invoice.voidedAt, invoice.updatedAt, id, invoice.companyId])
    }

    /// Replaces a draft's lines (positions 1…n). The triggers refuse it for a sent invoice.
    public static func replaceLines(_ db: Database, invoiceId: Int64, with lines: [InvoiceLineRecord]) throws {
        try db.execute(sql: "DELETE FROM invoice_lines WHERE invoice_id = ?", arguments: [invoiceId])
        for var line in lines {
            line.invoiceId = invoiceId
            try line.insert(db)
        }
    }

    /// Deletes a draft and its lines; the trigger refuses an issued invoice.
    public static func deleteDraft(_ db: Database, companyId: Int64, id: Int64) throws {
        try db.execute(sql: "DELETE FROM invoice_lines WHERE invoice_id = (SELECT id FROM invoices WHERE id = ? AND company_id = ?)",
                       arguments: [id, companyId])
        try db.execute(sql: "DELETE FROM invoices WHERE id = ? AND company_id = ?", arguments: [id, companyId])
    }

    /// Newest first (by id), paginated at the database through `invoices_by_company`,
    /// `invoices_by_status` or `invoices_by_client`, whose last column is the id:
    /// - page 1, and a page reached by a Next/Previous link (`page.cursor`, the id of the
    ///   neighbouring page's last or first row), seek in the index and read the page's rows
    ///   as they go, so a late page costs what page 1 costs;
    /// - a page asked for by number alone chooses its ids from the covering index first
    ///   (OFFSET over index entries), then reads those rows.
    /// The client's name comes from a join on its primary key. The total of all invoices, or
    /// of one status, is read from `invoice_counts` (kept by triggers); with a client or project filter or
    /// a search it is counted (joining clients only for a search: the name is searched).
    public static func page(_ db: Database, companyId: Int64, filter: InvoiceListFilter, page: PageRequest) throws -> Page<InvoiceSummary> {
        var condition: SQL = "invoices.company_id = \(companyId)"
        if let status = filter.status { condition += " AND invoices.status = \(status.rawValue)" }
        if let clientId = filter.clientId { condition += " AND invoices.client_id = \(clientId)" }
        if let projectId = filter.projectId { condition += " AND invoices.project_id = \(projectId)" }
        let pattern = ClientQueries.likePattern(filter.search)
        if let pattern {
            condition += " AND (invoices.number LIKE \(pattern) ESCAPE '\\' OR clients.name LIKE \(pattern) ESCAPE '\\')"
        }
        let from: SQL = pattern == nil ? "FROM invoices" : "FROM invoices JOIN clients ON clients.id = invoices.client_id"
        let total: Int
        if pattern == nil, filter.clientId == nil, filter.projectId == nil {
            total = try storedCount(db, companyId: companyId, status: filter.status)
        } else {
            total = try SQLRequest<Int>(literal: "SELECT count(*) \(from) WHERE \(condition)", cached: true).fetchOne(db) ?? 0
        }

        // Nothing counted, nothing to read (the project page asks for a project's invoices).
        guard total > 0 else { return Page(items: [], number: page.number, size: page.size, totalCount: 0) }
        // A cursor that finds nothing (stale: the rows moved on) leaves the page number to decide.
        var items: [InvoiceSummary] = []
        if let cursor = page.cursor {
            items = try summaries(db, seeking(from: cursor, condition: condition, size: page.size))
        }
        if items.isEmpty {
            items = try summaries(db, (numbered(page, condition: condition, from: from), false))
        }
        return Page(items: items, number: page.number, size: page.size, totalCount: total)
    }

    static func storedCount(_ db: Database, companyId: Int64, status: InvoiceStatus?) throws -> Int {
        if let status {
            return try Int.fetchOne(db.cachedStatement(sql: "SELECT n FROM invoice_counts WHERE company_id = ? AND status = ?"),
                                    arguments: [companyId, status.rawValue]) ?? 0
        }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT coalesce(sum(n), 0) FROM invoice_counts WHERE company_id = ?"),
                                arguments: [companyId]) ?? 0
    }

    static let summaryColumns: SQL = """
        invoices.id, invoices.number, invoices.status, invoices.client_id, clients.name, invoices.currency, \
        invoices.issue_date, invoices.due_date, invoices.total_cents, invoices.amount_paid_cents
        """

    /// The rows after (older than) or before (newer than) the cursor's id.
    static func seeking(from cursor: PageCursor, condition: SQL, size: Int) -> (SQL, reversed: Bool) {
        switch cursor {
        case .after(let id):
            return ("""
                SELECT \(summaryColumns) FROM invoices JOIN clients ON clients.id = invoices.client_id
                WHERE \(condition) AND invoices.id < \(id) ORDER BY invoices.id DESC LIMIT \(size)
                """, false)
        case .before(let id):
            return ("""
                SELECT \(summaryColumns) FROM invoices JOIN clients ON clients.id = invoices.client_id
                WHERE \(condition) AND invoices.id > \(id) ORDER BY invoices.id ASC LIMIT \(size)
                """, true)
        }
    }

    /// Page 1 walks the index from the newest id; a later page asked for by number skips
    /// `offset` index entries in a subquery first.
    static func numbered(_ page: PageRequest, condition: SQL, from: SQL) -> SQL {
        if page.offset == 0 {
            return """
                SELECT \(summaryColumns) FROM invoices JOIN clients ON clients.id = invoices.client_id
                WHERE \(condition) ORDER BY invoices.id DESC LIMIT \(page.size)
                """
        }
        return """
            SELECT \(summaryColumns) FROM invoices JOIN clients ON clients.id = invoices.client_id
            WHERE invoices.id IN (SELECT invoices.id \(from) WHERE \(condition)
                                  ORDER BY invoices.id DESC LIMIT \(page.size) OFFSET \(page.offset))
            ORDER BY invoices.id DESC
            """
    }

    static func summaries(_ db: Database, _ request: (sql: SQL, reversed: Bool)) throws -> [InvoiceSummary] {
        let rows = try SQLRequest<Row>(literal: request.sql, cached: true).fetchCursor(db)
        var items: [InvoiceSummary] = []
        items.reserveCapacity(50)
        while let row = try rows.next() {
            items.append(InvoiceSummary(id: row[0], number: row[1], status: InvoiceStatus(rawValue: row[2]) ?? .draft,
                                        clientId: row[3], clientName: row[4], currency: row[5], issueDate: row[6],
                                        dueDate: row[7], totalCents: row[8], amountPaidCents: row[9]))
        }
        if request.reversed { items.reverse() }
        return items
    }

    /// Live clients for the invoice form's picker, by name.
    public static func clientOptions(_ db: Database, companyId: Int64, limit: Int = 1_000) throws -> [(id: Int64, name: String)] {
        try Row.fetchAll(db, sql: """
            SELECT id, name FROM clients WHERE company_id = ? AND deleted_at IS NULL ORDER BY name COLLATE NOCASE, id LIMIT ?
            """, arguments: [companyId, limit]).map { ($0[0], $0[1]) }
    }

    public static func insertDocument(_ db: Database, _ document: InvoiceDocumentRecord) throws {
        var document = document
        try document.insert(db)
    }

    public static func document(_ db: Database, companyId: Int64, invoiceId: Int64) throws -> InvoiceDocumentRecord? {
        try InvoiceDocumentRecord.fetchOne(db, sql: "SELECT * FROM invoice_documents WHERE invoice_id = ? AND company_id = ?",
                                           arguments: [invoiceId, companyId])
    }
}

/// Per-company, per-kind number sequences: gap-free because the number is taken inside the
/// transaction that issues the document (a rollback gives it back) and the row only moves
/// forward by one (a trigger refuses anything else).
public enum DocumentSequences {
    /// The next sequence number (1 for the company's first document of the kind).
    public static func allocate(_ db: Database, companyId: Int64, kind: DocumentKind) throws -> Int {
        let value = try Int.fetchOne(db, sql: """
            INSERT INTO document_sequences (company_id, kind, next_value) VALUES (?, ?, 2)
            ON CONFLICT (company_id, kind) DO UPDATE SET next_value = next_value + 1
            RETURNING next_value - 1
            """, arguments: [companyId, kind.rawValue])
        guard let value else { throw DatabaseError(message: "document sequence allocation returned nothing") }
        return value
    }

    /// The number the next allocation will return.
    public static func peek(_ db: Database, companyId: Int64, kind: DocumentKind) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT next_value FROM document_sequences WHERE company_id = ? AND kind = ?",
                         arguments: [companyId, kind.rawValue]) ?? 1
    }
}

/// The append-only accounting events.
public enum AccountingEvents {
    public static func append(_ db: Database, _ event: inout AccountingEventRecord) throws {
        try event.insert(db)
    }

    public static func forSource(_ db: Database, companyId: Int64, sourceType: String, sourceId: Int64) throws -> [AccountingEventRecord] {
        try AccountingEventRecord.fetchAll(db, sql: """
            SELECT * FROM accounting_events WHERE company_id = ? AND source_type = ? AND source_id = ? ORDER BY id
            """, arguments: [companyId, sourceType, sourceId])
    }
}

extension AuditLog {
    /// One object's events, oldest first (an invoice's timeline).
    public static func forObject(_ db: Database, companyId: Int64, objectType: String, objectId: Int64,
                                 limit: Int = 200) throws -> [AuditEventRecord] {
        try AuditEventRecord.fetchAllCached(db, sql: """
            SELECT * FROM audit_events WHERE company_id = ? AND object_type = ? AND object_id = ? ORDER BY id LIMIT ?
            """, arguments: [companyId, objectType, objectId, limit])
    }

    /// Whether the object has an event `action` at or after `since`.
    public static func exists(_ db: Database, companyId: Int64, objectType: String, objectId: Int64, action: String,
                              since: Date) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM audit_events WHERE company_id = ? AND object_type = ? AND object_id = ?
                           AND action = ? AND created_at >= ?)
            """, arguments: [companyId, objectType, objectId, action, since]) ?? false
    }
}
