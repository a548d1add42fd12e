import Domain
import Foundation
import GRDB

/// What the estimate list shows: every status (nil) or one, and a search on the number or
/// the client's name.
public struct EstimateListFilter: Sendable, Equatable {
    public var status: EstimateStatus?
    public var search: String

    public init(status: EstimateStatus? = nil, search: String = "") {
        self.status = status
        self.search = search
    }
}

/// Every query takes the company id, except `findByPublicToken` (the 256-bit token of the
/// client's link is the capability, as for invoices).
public enum EstimateQueries {
    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> EstimateRecord? {
        try EstimateRecord.fetchOne(db, sql: "SELECT * FROM estimates WHERE id = ? AND company_id = ?", arguments: [id, companyId])
    }

    public static func findByPublicToken(_ db: Database, token: String) throws -> EstimateRecord? {
        try EstimateRecord.fetchOne(db, sql: "SELECT * FROM estimates WHERE public_token = ?", arguments: [token])
    }

    public static func lines(_ db: Database, estimateId: Int64) throws -> [EstimateLineRecord] {
        try EstimateLineRecord.fetchAll(db, sql: "SELECT * FROM estimate_lines WHERE estimate_id = ? ORDER BY position",
                                        arguments: [estimateId])
    }

    public static func insert(_ db: Database, _ estimate: inout EstimateRecord) throws {
        try estimate.insert(db)
    }

    /// Writes every column, guarded by company id; the triggers decide what a sent estimate
    /// may still change.
    public static func update(_ db: Database, _ estimate: EstimateRecord) throws {
        guard let id = estimate.id else { return }
        try db.execute(sql: """
            UPDATE estimates SET client_id = ?, number = ?, status = ?, currency = ?, issue_date = ?, valid_until = ?,
                   discount_kind = ?, discount_value = ?, notes = ?, terms = ?, subtotal_cents = ?, discount_cents = ?,
                   tax_cents = ?, total_cents = ?, sent_at = ?, accepted_name = ?, declined_name = ?, responded_at = ?,
                   responder_ip = ?, converted_invoice_id = ?, converted_at = ?, updated_at = ?
            WHERE id = ? AND company_id = ?
            """, arguments: [estimate.clientId, estimate.number, estimate.status.rawValue, estimate.currency, estimate.issueDate,
                             estimate.validUntil, estimate.discountKind, estimate.discountValue, estimate.notes, estimate.terms,
                             estimate.subtotalCents, estimate.discountCents, estimate.taxCents, estimate.totalCents,
                             estimate.sentAt, estimate.acceptedName, estimate.declinedName, estimate.respondedAt,
                             estimate.responderIp, estimate.convertedInvoiceId, estimate.convertedAt, estimate.updatedAt,
                             id, estimate.companyId])
    }

    /// Replaces a draft's lines (positions 1…n). The triggers refuse it for a sent estimate.
    public static func replaceLines(_ db: Database, estimateId: Int64, with lines: [EstimateLineRecord]) throws {
        try db.execute(sql: "DELETE FROM estimate_lines WHERE estimate_id = ?", arguments: [estimateId])
        for var line in lines {
            line.estimateId = estimateId
            try line.insert(db)
        }
    }

    /// Deletes a draft and its lines; the trigger refuses a sent estimate.
    public static func deleteDraft(_ db: Database, companyId: Int64, id: Int64) throws {
        try db.execute(sql: "DELETE FROM estimate_lines WHERE estimate_id = (SELECT id FROM estimates WHERE id = ? AND company_id = ?)",
                       arguments: [id, companyId])
        try db.execute(sql: "DELETE FROM estimates WHERE id = ? AND company_id = ?", arguments: [id, companyId])
    }

    /// Newest first, paginated at the database (LIMIT/OFFSET over `estimates_by_company` or
    /// `estimates_by_status`).
    public static func page(_ db: Database, companyId: Int64, filter: EstimateListFilter, page: PageRequest) throws -> Page<EstimateSummary> {
        var condition: SQL = "estimates.company_id = \(companyId)"
        if let status = filter.status { condition += " AND estimates.status = \(status.rawValue)" }
        if let pattern = ClientQueries.likePattern(filter.search) {
            condition += " AND (estimates.number LIKE \(pattern) ESCAPE '\\' OR clients.name LIKE \(pattern) ESCAPE '\\')"
        }
        let total = try SQLRequest<Int>(literal: """
            SELECT count(*) FROM estimates JOIN clients ON clients.id = estimates.client_id WHERE \(condition)
            """, cached: true).fetchOne(db) ?? 0
        let rows = try SQLRequest<Row>(literal: """
            SELECT estimates.id, estimates.number, estimates.status, estimates.client_id, clients.name, estimates.currency,
                   estimates.issue_date, estimates.valid_until, estimates.total_cents
            FROM estimates JOIN clients ON clients.id = estimates.client_id
            WHERE \(condition) ORDER BY estimates.id DESC LIMIT \(page.size) OFFSET \(page.offset)
            """, cached: true).fetchAll(db)
        let items = rows.map { row in
            EstimateSummary(id: row[0], number: row[1], status: EstimateStatus(rawValue: row[2]) ?? .draft, clientId: row[3],
                            clientName: row[4], currency: row[5], issueDate: row[6], validUntil: row[7], totalCents: row[8])
        }
        return Page(items: items, number: page.number, size: page.size, totalCount: total)
    }

    public static func insertDocument(_ db: Database, _ document: EstimateDocumentRecord) throws {
        var document = document
        try document.insert(db)
    }

    public static func document(_ db: Database, companyId: Int64, estimateId: Int64) throws -> EstimateDocumentRecord? {
        try EstimateDocumentRecord.fetchOne(db, sql: "SELECT * FROM estimate_documents WHERE estimate_id = ? AND company_id = ?",
                                            arguments: [estimateId, companyId])
    }

    /// The company's default validity in days (`companies.estimate_valid_days`, 30 unless set).
    public static func validDays(_ db: Database, companyId: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT estimate_valid_days FROM companies WHERE id = ?", arguments: [companyId])
            ?? EstimateDraft.defaultValidDays
    }

    public static func setValidDays(_ db: Database, companyId: Int64, days: Int) throws {
        try db.execute(sql: "UPDATE companies SET estimate_valid_days = ? WHERE id = ?", arguments: [days, companyId])
    }
}
