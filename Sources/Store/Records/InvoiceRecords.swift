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
    /// One of the client's projects, or nil: the project page lists its invoices.
    public var projectId: Int64?
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
                publicToken: String, sentAt: Date? = nil, voidedAt: Date? = nil, createdAt: Date, updatedAt: Date,
                projectId: Int64? = nil) {
        self.id = id
        self.companyId = companyId
        self.clientId = clientId
        self.projectId = projectId
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

    /// Decoded by hand, as the other hot records: GRDB's Codable path with snake_case
    /// conversion made each lookup of the invoice page cost as much as the rest of it
    /// (`make bench`, 2026-11-30).
    public init(row: Row) throws {
        id = row["id"]
        companyId = row["company_id"]
        clientId = row["client_id"]
        projectId = row["project_id"]
        number = row["number"]
        guard let status = InvoiceStatus(rawValue: row["status"]) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown invoice status")
        }
        self.status = status
        currency = row["currency"]
        issueDate = row["issue_date"]
        dueDate = row["due_date"]
        paymentTermsDays = row["payment_terms_days"]
        discountKind = row["discount_kind"]
        discountValue = row["discount_value"]
        notes = row["notes"]
        terms = row["terms"]
        subtotalCents = row["subtotal_cents"]
        discountCents = row["discount_cents"]
        taxCents = row["tax_cents"]
        totalCents = row["total_cents"]
        amountPaidCents = row["amount_paid_cents"]
        publicToken = row["public_token"]
        sentAt = DatabaseDate.decode(row, "sent_at")
        voidedAt = DatabaseDate.decode(row, "voided_at")
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
    }

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

    /// Decoded by hand (see `InvoiceRecord.init(row:)`).
    public init(row: Row) throws {
        id = row["id"]
        invoiceId = row["invoice_id"]
        position = row["position"]
        description = row["description"]
        quantityThousandths = row["quantity_thousandths"]
        unitPriceCents = row["unit_price_cents"]
        taxName = row["tax_name"]
        taxMilliPercent = row["tax_milli_percent"]
        amountCents = row["amount_cents"]
        catalogItemId = row["catalog_item_id"]
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
