import Domain
import Foundation
import GRDB

/// Which expenses a list shows.
public struct ExpenseListFilter: Sendable, Equatable {
    public enum Billing: String, Sendable, CaseIterable {
        /// Every expense.
        case all = ""
        case billable
        /// Billable and not yet on an invoice.
        case unbilled
        case invoiced
        case nonBillable = "non_billable"
    }

    public var clientId: Int64?
    public var projectId: Int64?
    public var billing: Billing
    /// Inclusive `YYYY-MM-DD` bounds.
    public var from: CalendarDate?
    public var to: CalendarDate?
    /// Part of the vendor's name.
    public var search: String
    /// The deleted expenses instead of the live ones.
    public var deleted: Bool

    public init(clientId: Int64? = nil, projectId: Int64? = nil, billing: Billing = .all, from: CalendarDate? = nil,
                to: CalendarDate? = nil, search: String = "", deleted: Bool = false) {
        self.clientId = clientId
        self.projectId = projectId
        self.billing = billing
        self.from = from
        self.to = to
        self.search = search
        self.deleted = deleted
    }
}

/// Expenses, always scoped to one company.
public enum ExpenseQueries {
    /// One page, newest first (`spent_on DESC, id DESC`), LIMIT/OFFSET over a partial index:
    /// `expenses_live_by_date` (or `…deleted_by_date`), `expenses_by_client` or
    /// `expenses_by_project` when one is chosen.
    public static func page(_ db: Database, companyId: Int64, filter: ExpenseListFilter,
                            page: PageRequest) throws -> Page<ExpenseSummary> {
        // The deletion test is spelled out (not bound) so SQLite can prove a partial index applies.
        var condition: SQL = filter.deleted ? "e.company_id = \(companyId) AND e.deleted_at IS NOT NULL"
            : "e.company_id = \(companyId) AND e.deleted_at IS NULL"
        if let clientId = filter.clientId { condition += " AND e.client_id = \(clientId) AND e.client_id IS NOT NULL" }
        if let projectId = filter.projectId { condition += " AND e.project_id = \(projectId) AND e.project_id IS NOT NULL" }
        switch filter.billing {
        case .all: break
        case .billable: condition += " AND e.billable = 1"
        case .unbilled: condition += " AND e.billable = 1 AND e.invoice_line_id IS NULL"
        case .invoiced: condition += " AND e.invoice_line_id IS NOT NULL"
        case .nonBillable: condition += " AND e.billable = 0"
        }
        if let from = filter.from { condition += " AND e.spent_on >= \(from.description)" }
        if let to = filter.to { condition += " AND e.spent_on <= \(to.description)" }
        if let pattern = ClientQueries.likePattern(filter.search) {
            condition += " AND e.vendor LIKE \(pattern) ESCAPE '\\'"
        }
        let total = try SQLRequest<Int>(literal: "SELECT count(*) FROM expenses e WHERE \(condition)", cached: true).fetchOne(db) ?? 0
        let rows = try SQLRequest<Row>(literal: """
            SELECT e.id, e.spent_on, e.vendor, e.category, e.amount_cents, e.tax_cents, e.client_id, e.project_id, e.billable,
                   e.markup_milli_percent, e.receipt_key IS NOT NULL AS has_receipt, e.invoice_line_id IS NOT NULL AS invoiced,
                   e.deleted_at IS NOT NULL AS deleted, c.name AS client_name, p.name AS project_name
            FROM expenses e
            LEFT JOIN clients c ON c.id = e.client_id AND c.company_id = e.company_id
            LEFT JOIN projects p ON p.id = e.project_id AND p.company_id = e.company_id
            WHERE \(condition) ORDER BY e.spent_on DESC, e.id DESC LIMIT \(page.size) OFFSET \(page.offset)
            """, cached: true).fetchAll(db)
        return Page(items: rows.map(ExpenseSummary.init(row:)), number: page.number, size: page.size, totalCount: total)
    }

    /// The expense, deleted or not; nil for another company's id.
    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> ExpenseRecord? {
        try ExpenseRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM expenses WHERE id = ? AND company_id = ?"),
                                   arguments: [id, companyId])
    }

    public static func insert(_ db: Database, _ expense: inout ExpenseRecord) throws {
        try expense.insert(db)
    }

    /// Writes every editable column (not the invoice link, creator or creation time).
    public static func update(_ db: Database, _ expense: ExpenseRecord) throws {
        guard let id = expense.id else { return }
        try db.execute(sql: """
            UPDATE expenses SET spent_on = ?, vendor = ?, category = ?, amount_cents = ?, tax_cents = ?, client_id = ?,
                   project_id = ?, billable = ?, markup_milli_percent = ?, notes = ?, receipt_key = ?, receipt_filename = ?,
                   receipt_content_type = ?, receipt_size = ?, receipt_sha256 = ?, updated_at = ?, deleted_at = ?
            WHERE id = ? AND company_id = ?
            """, arguments: [expense.spentOn, expense.vendor, expense.category, expense.amountCents, expense.taxCents,
                             expense.clientId, expense.projectId, expense.billable, expense.markupMilliPercent, expense.notes,
                             expense.receiptKey, expense.receiptFilename, expense.receiptContentType, expense.receiptSize,
                             expense.receiptSha256, expense.updatedAt, expense.deletedAt, id, expense.companyId])
    }

    /// A project's billable expenses not yet on an invoice, oldest first, with markup applied:
    /// what the invoice builder offers as lines. Reads `expenses_unbilled_by_project`. Call it
    /// inside the transaction that writes the invoice, then `markInvoiced` each one used.
    public static func unbilledBillable(_ db: Database, companyId: Int64, projectId: Int64) throws -> [UnbilledExpense] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, spent_on, vendor, category, notes, client_id, project_id, amount_cents, tax_cents, markup_milli_percent
            FROM expenses
            WHERE company_id = ? AND project_id = ? AND invoice_line_id IS NULL AND billable = 1 AND deleted_at IS NULL
            ORDER BY spent_on, id
            """), arguments: [companyId, projectId]).map {
            UnbilledExpense(id: $0["id"], spentOn: $0["spent_on"], vendor: $0["vendor"], category: $0["category"],
                            notes: $0["notes"], clientId: $0["client_id"], projectId: $0["project_id"],
                            amountCents: $0["amount_cents"], taxCents: $0["tax_cents"],
                            markupMilliPercent: $0["markup_milli_percent"])
        }
    }

    /// Puts a live, billable, not yet invoiced expense of the company on an invoice line:
    /// from then on it is locked. False when no such expense exists (foreign, deleted,
    /// non-billable or already invoiced). For the invoice builder, inside its transaction.
    @discardableResult
    public static func markInvoiced(_ db: Database, companyId: Int64, id: Int64, invoiceLineId: Int64, at date: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE expenses SET invoice_line_id = ?, updated_at = ?
            WHERE id = ? AND company_id = ? AND invoice_line_id IS NULL AND billable = 1 AND deleted_at IS NULL
            """, arguments: [invoiceLineId, date, id, companyId])
        return db.changesCount == 1
    }

    /// Takes an expense off the invoice line `invoiceLineId` (the draft line was removed): it
    /// is unbilled and editable again. Only the link changes (the lock trigger allows exactly that).
    @discardableResult
    public static func releaseInvoiced(_ db: Database, companyId: Int64, id: Int64, invoiceLineId: Int64) throws -> Bool {
        try db.execute(sql: "UPDATE expenses SET invoice_line_id = NULL WHERE id = ? AND company_id = ? AND invoice_line_id = ?",
                       arguments: [id, companyId, invoiceLineId])
        return db.changesCount == 1
    }

    /// Sums over the project's live expenses, plus its unbilled billable ones at their billed
    /// value (markup rounded per expense, as the invoice will).
    public static func projectTotals(_ db: Database, companyId: Int64, projectId: Int64) throws -> ProjectExpenseTotals {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) AS n, coalesce(sum(amount_cents), 0) AS amount, coalesce(sum(tax_cents), 0) AS tax,
                   coalesce(sum(CASE WHEN billable = 1 THEN amount_cents ELSE 0 END), 0) AS billable,
                   coalesce(sum(CASE WHEN invoice_line_id IS NOT NULL THEN amount_cents ELSE 0 END), 0) AS invoiced
            FROM expenses WHERE company_id = ? AND project_id = ? AND project_id IS NOT NULL AND deleted_at IS NULL
            """), arguments: [companyId, projectId])
        var totals = ProjectExpenseTotals()
        if let row {
            totals.count = row["n"]
            totals.amountCents = row["amount"]
            totals.taxCents = row["tax"]
            totals.billableAmountCents = row["billable"]
            totals.invoicedAmountCents = row["invoiced"]
        }
        let unbilled = try unbilledBillable(db, companyId: companyId, projectId: projectId)
        totals.unbilledCount = unbilled.count
        totals.unbilledBilledCents = unbilled.reduce(0) { $0 + $1.billedCents }
        return totals
    }
}
