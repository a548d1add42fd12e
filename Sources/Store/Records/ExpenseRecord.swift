import Domain
import Foundation
import GRDB

/// An expense (`expenses`): money the company spent, optionally for a client and project,
/// optionally billable (re-invoiced with a markup), with an optional private receipt file.
public struct ExpenseRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "expenses"

    public var id: Int64?
    public var companyId: Int64
    /// `YYYY-MM-DD` (`CalendarDate.description`).
    public var spentOn: String
    public var vendor: String
    public var category: String
    public var amountCents: Int64
    public var taxCents: Int64
    public var currency: String
    public var clientId: Int64?
    public var projectId: Int64?
    public var billable: Bool
    public var markupMilliPercent: Int
    public var notes: String
    /// A `MediaKey` value (`receipts/<company>/<hex>.<ext>`) or nil.
    public var receiptKey: String?
    public var receiptFilename: String?
    public var receiptContentType: String?
    public var receiptSize: Int?
    public var receiptSha256: String?
    /// Set when the expense is on an invoice line: from then on it is locked.
    public var invoiceLineId: Int64?
    public var createdBy: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    public var deletedAt: Date?

    public init(id: Int64? = nil, companyId: Int64, spentOn: String, vendor: String, category: String = "",
                amountCents: Int64, taxCents: Int64 = 0, currency: String, clientId: Int64? = nil, projectId: Int64? = nil,
                billable: Bool = false, markupMilliPercent: Int = 0, notes: String = "", receiptKey: String? = nil,
                receiptFilename: String? = nil, receiptContentType: String? = nil, receiptSize: Int? = nil,
                receiptSha256: String? = nil, invoiceLineId: Int64? = nil, createdBy: Int64? = nil,
                createdAt: Date, updatedAt: Date, deletedAt: Date? = nil) {
        self.id = id
        self.companyId = companyId
        self.spentOn = spentOn
        self.vendor = vendor
        self.category = category
        self.amountCents = amountCents
        self.taxCents = taxCents
        self.currency = currency
        self.clientId = clientId
        self.projectId = projectId
        self.billable = billable
        self.markupMilliPercent = markupMilliPercent
        self.notes = notes
        self.receiptKey = receiptKey
        self.receiptFilename = receiptFilename
        self.receiptContentType = receiptContentType
        self.receiptSize = receiptSize
        self.receiptSha256 = receiptSha256
        self.invoiceLineId = invoiceLineId
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    public init(row: Row) throws {
        id = row["id"]
        companyId = row["company_id"]
        spentOn = row["spent_on"]
        vendor = row["vendor"]
        category = row["category"]
        amountCents = row["amount_cents"]
        taxCents = row["tax_cents"]
        currency = row["currency"]
        clientId = row["client_id"]
        projectId = row["project_id"]
        billable = row["billable"]
        markupMilliPercent = row["markup_milli_percent"]
        notes = row["notes"]
        receiptKey = row["receipt_key"]
        receiptFilename = row["receipt_filename"]
        receiptContentType = row["receipt_content_type"]
        receiptSize = row["receipt_size"]
        receiptSha256 = row["receipt_sha256"]
        invoiceLineId = row["invoice_line_id"]
        createdBy = row["created_by"]
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
        deletedAt = DatabaseDate.decode(row, "deleted_at")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var isDeleted: Bool { deletedAt != nil }
    /// On an invoice: locked (App and triggers).
    public var isInvoiced: Bool { invoiceLineId != nil }
    public var total: Int64 { amountCents + taxCents }
    /// The receipt's key, parsed; nil when there is none (or, impossibly, a malformed one).
    public var receiptMediaKey: MediaKey? { receiptKey.flatMap(MediaKey.init(parsing:)) }
}

/// An expense as the list shows it, with its client's and project's names (one join each).
public struct ExpenseSummary: Sendable, Identifiable, Equatable {
    public var id: Int64
    public var spentOn: String
    public var vendor: String
    public var category: String
    public var amountCents: Int64
    public var taxCents: Int64
    public var clientId: Int64?
    public var clientName: String?
    public var projectId: Int64?
    public var projectName: String?
    public var billable: Bool
    public var markupMilliPercent: Int
    public var hasReceipt: Bool
    public var invoiced: Bool
    public var deleted: Bool

    init(row: Row) {
        id = row["id"]
        spentOn = row["spent_on"]
        vendor = row["vendor"]
        category = row["category"]
        amountCents = row["amount_cents"]
        taxCents = row["tax_cents"]
        clientId = row["client_id"]
        clientName = row["client_name"]
        projectId = row["project_id"]
        projectName = row["project_name"]
        billable = row["billable"]
        markupMilliPercent = row["markup_milli_percent"]
        hasReceipt = row["has_receipt"]
        invoiced = row["invoiced"]
        deleted = row["deleted"]
    }
}

/// A billable expense not yet on an invoice, with its markup worked out: what an invoice for
/// the project picks up as a line. `markupCents` is `markupMilliPercent` of the amount (tax
/// excluded), rounded half away from zero (`TaxMath.percentage`); `billedCents` is amount plus
/// markup.
public struct UnbilledExpense: Sendable, Equatable, Identifiable {
    public let id: Int64
    public let spentOn: String
    public let vendor: String
    public let category: String
    public let notes: String
    public let clientId: Int64?
    public let projectId: Int64?
    public let amountCents: Int64
    public let taxCents: Int64
    public let markupMilliPercent: Int
    public let markupCents: Int64
    public let billedCents: Int64

    public init(id: Int64, spentOn: String, vendor: String, category: String, notes: String, clientId: Int64?, projectId: Int64?,
                amountCents: Int64, taxCents: Int64, markupMilliPercent: Int) {
        self.id = id
        self.spentOn = spentOn
        self.vendor = vendor
        self.category = category
        self.notes = notes
        self.clientId = clientId
        self.projectId = projectId
        self.amountCents = amountCents
        self.taxCents = taxCents
        self.markupMilliPercent = markupMilliPercent
        // Amounts are at most MoneyInput's maximum and markups at most 100 %, so neither the
        // markup nor the sum can leave Int64; 128-bit arithmetic inside TaxMath regardless.
        markupCents = TaxMath.percentage(markupMilliPercent, of: amountCents) ?? 0
        billedCents = amountCents + markupCents
    }

    /// "Hotel — Travel, 2026-11-03": a line description an invoice can start from.
    public var lineDescription: String {
        let what = category.isEmpty ? vendor : "\(vendor) — \(category)"
        return "\(what), \(spentOn)"
    }
}

/// A project's expenses in sums (live rows only): what the project page shows.
public struct ProjectExpenseTotals: Sendable, Equatable {
    public var count: Int
    public var amountCents: Int64
    public var taxCents: Int64
    public var billableAmountCents: Int64
    public var invoicedAmountCents: Int64
    public var unbilledCount: Int
    /// Unbilled billable expenses at their billed value (amount + markup, per row).
    public var unbilledBilledCents: Int64

    public init(count: Int = 0, amountCents: Int64 = 0, taxCents: Int64 = 0, billableAmountCents: Int64 = 0,
                invoicedAmountCents: Int64 = 0, unbilledCount: Int = 0, unbilledBilledCents: Int64 = 0) {
        self.count = count
        self.amountCents = amountCents
        self.taxCents = taxCents
        self.billableAmountCents = billableAmountCents
        self.invoicedAmountCents = invoicedAmountCents
        self.unbilledCount = unbilledCount
        self.unbilledBilledCents = unbilledBilledCents
    }
}
