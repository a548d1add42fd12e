import Domain
import Foundation
import GRDB

/// An invoice (table `invoices`). Dates a client reads (issue, due) are calendar days as
/// `YYYY-MM-DD` text; instants (sent, voided, created) are timestamps. Once sent, triggers
/// refuse any change but status, amount paid, void date and updated_at (DESIGN.md §4).
public struct InvoiceRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "invoices"

    public var id: Int64?
    public var companyId: Int64
    public var clientId: Int64
    /// `INV-YYYYMM-####`, allocated when the invoice is sent; nil while a draft.
    public var number: String?
    public var status: InvoiceStatus
    public var currency: String
    public var issueDate: String
    public var dueDate: String
    public var paymentTermsDays: Int
    /// `none`, `percentage` (value in thousandths of a percent) or `fixed` (value in cents).
    public var discountKind: String
    public var discountValue: Int64
    public var notes: String
    public var terms: String
    public var subtotalCents: Int64
    public var discountCents: Int64
    public var taxCents: Int64
    public var totalCents: Int64
    public var amountPaidCents: Int64
    /// The capability in the client's link `/i/{token}`: 256 random bits.
    public var publicToken: String
    public var sentAt: Date?
    public var voidedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, companyId: Int64, clientId: Int64, number: String? = nil, status: InvoiceStatus = .draft,
                currency: String, issueDate: String, dueDate: String, paymentTermsDays: Int, discountKind: String = "none",
                discountValue: Int64 = 0, notes: String = "", terms: String = "", subtotalCents: Int64 = 0,
                discountCents: Int64 = 0, taxCents: Int64 = 0, totalCents: Int64 = 0, amountPaidCents: Int64 = 0,
                publicToken: String, sentAt: Date? = nil, voidedAt: Date? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.companyId = companyId
        self.clientId = clientId
        self.number = number
        self.status = status
        self.currency = currency
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.paymentTermsDays = paymentTermsDays
        self.discountKind = discountKind
        self.discountValue = discountValue
        self.notes = notes
        self.terms = terms
        self.subtotalCents = subtotalCents
        self.discountCents = discountCents
        self.taxCents = taxCents
        self.totalCents = totalCents
        self.amountPaidCents = amountPaidCents
        self.publicToken = publicToken
        self.sentAt = sentAt
        self.voidedAt = voidedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var balanceDueCents: Int64 { status == .void ? 0 : totalCents - amountPaidCents }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One line of an invoice (table `invoice_lines`): the tax (name and rate) and the item's
/// description and price are snapshots, copied onto the line, so later changes to a tax
/// rate or a catalog item never change an issued invoice.
public struct InvoiceLineRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "invoice_lines"

    public var id: Int64?
    public var invoiceId: Int64
    public var position: Int
    public var description: String
    public var quantityThousandths: Int64
    public var unitPriceCents: Int64
    /// Empty for an untaxed line.
    public var taxName: String
    public var taxMilliPercent: Int
    /// Quantity × unit price, rounded half away from zero to the cent.
    public var amountCents: Int64
    /// Which catalog item the line was copied from: a snapshot source, not a foreign key.
    public var catalogItemId: Int64?

    public init(id: Int64? = nil, invoiceId: Int64, position: Int, description: String, quantityThousandths: Int64,
                unitPriceCents: Int64, taxName: String = "", taxMilliPercent: Int = 0, amountCents: Int64,
                catalogItemId: Int64? = nil) {
        self.id = id
        self.invoiceId = invoiceId
        self.position = position
        self.description = description
        self.quantityThousandths = quantityThousandths
        self.unitPriceCents = unitPriceCents
        self.taxName = taxName
        self.taxMilliPercent = taxMilliPercent
        self.amountCents = amountCents
        self.catalogItemId = catalogItemId
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The PDF an invoice was sent as (table `invoice_documents`), immutable.
public struct InvoiceDocumentRecord: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "invoice_documents"

    public var invoiceId: Int64
    public var companyId: Int64
    public var filename: String
    public var contentType: String
    public var sha256: String
    public var data: Data
    public var createdAt: Date

    public init(invoiceId: Int64, companyId: Int64, filename: String, contentType: String = "application/pdf",
                sha256: String, data: Data, createdAt: Date) {
        self.invoiceId = invoiceId
        self.companyId = companyId
        self.filename = filename
        self.contentType = contentType
        self.sha256 = sha256
        self.data = data
        self.createdAt = createdAt
    }
}

/// Something that happened in accounting terms (table `accounting_events`), with balanced
/// postings as JSON: what the double-entry journal will post from. Append-only.
public struct AccountingEventRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "accounting_events"

    public var id: Int64?
    public var companyId: Int64
    /// `invoice.sent`, `invoice.voided`.
    public var kind: String
    public var sourceType: String
    public var sourceId: Int64
    /// The accounting date (`YYYY-MM-DD`): the issue date for a sent invoice, the void date for a void.
    public var occurredOn: String
    public var currency: String
    /// The sum of the debits, which equals the sum of the credits.
    public var amountCents: Int64
    public var memo: String
    /// `[{"account":"1200","name":"Accounts receivable","debit_cents":N,"credit_cents":0,"memo":""}, …]`
    public var postings: String
    public var createdAt: Date

    public init(id: Int64? = nil, companyId: Int64, kind: String, sourceType: String, sourceId: Int64, occurredOn: String,
                currency: String, amountCents: Int64, memo: String = "", postings: String, createdAt: Date) {
        self.id = id
        self.companyId = companyId
        self.kind = kind
        self.sourceType = sourceType
        self.sourceId = sourceId
        self.occurredOn = occurredOn
        self.currency = currency
        self.amountCents = amountCents
        self.memo = memo
        self.postings = postings
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An invoice as the list shows it.
public struct InvoiceSummary: Sendable, Identifiable, Equatable {
    public var id: Int64
    public var number: String?
    public var status: InvoiceStatus
    public var clientId: Int64
    public var clientName: String
    public var currency: String
    public var issueDate: String
    public var dueDate: String
    public var totalCents: Int64
    public var amountPaidCents: Int64

    public init(id: Int64, number: String?, status: InvoiceStatus, clientId: Int64, clientName: String, currency: String,
                issueDate: String, dueDate: String, totalCents: Int64, amountPaidCents: Int64) {
        self.id = id
        self.number = number
        self.status = status
        self.clientId = clientId
        self.clientName = clientName
        self.currency = currency
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.totalCents = totalCents
        self.amountPaidCents = amountPaidCents
    }
}
