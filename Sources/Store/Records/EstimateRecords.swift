import Domain
import Foundation
import GRDB

/// An estimate (table `estimates`). Like an invoice: dates a client reads are `YYYY-MM-DD`
/// text, instants are timestamps; once sent, triggers refuse any change but the status, the
/// client's answer (written once) and the conversion.
public struct EstimateRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "estimates"

    public var id: Int64?
    public var companyId: Int64
    public var clientId: Int64
    /// `EST-YYYYMM-####`, allocated when the estimate is sent; nil while a draft.
    public var number: String?
    public var status: EstimateStatus
    public var currency: String
    public var issueDate: String
    public var validUntil: String
    /// `none`, `percentage` (thousandths of a percent) or `fixed` (cents), as on invoices.
    public var discountKind: String
    public var discountValue: Int64
    public var notes: String
    public var terms: String
    public var subtotalCents: Int64
    public var discountCents: Int64
    public var taxCents: Int64
    public var totalCents: Int64
    /// The capability in the client's link `/e/{token}`: 256 random bits.
    public var publicToken: String
    public var sentAt: Date?
    public var acceptedName: String?
    public var declinedName: String?
    public var respondedAt: Date?
    public var responderIp: String
    public var convertedInvoiceId: Int64?
    public var convertedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, companyId: Int64, clientId: Int64, number: String? = nil, status: EstimateStatus = .draft,
                currency: String, issueDate: String, validUntil: String, discountKind: String = "none",
                discountValue: Int64 = 0, notes: String = "", terms: String = "", subtotalCents: Int64 = 0,
                discountCents: Int64 = 0, taxCents: Int64 = 0, totalCents: Int64 = 0, publicToken: String,
                sentAt: Date? = nil, acceptedName: String? = nil, declinedName: String? = nil, respondedAt: Date? = nil,
                responderIp: String = "", convertedInvoiceId: Int64? = nil, convertedAt: Date? = nil,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.companyId = companyId
        self.clientId = clientId
        self.number = number
        self.status = status
        self.currency = currency
        self.issueDate = issueDate
        self.validUntil = validUntil
        self.discountKind = discountKind
        self.discountValue = discountValue
        self.notes = notes
        self.terms = terms
        self.subtotalCents = subtotalCents
        self.discountCents = discountCents
        self.taxCents = taxCents
        self.totalCents = totalCents
        self.publicToken = publicToken
        self.sentAt = sentAt
        self.acceptedName = acceptedName
        self.declinedName = declinedName
        self.respondedAt = respondedAt
        self.responderIp = responderIp
        self.convertedInvoiceId = convertedInvoiceId
        self.convertedAt = convertedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One line of an estimate (table `estimate_lines`): a snapshot, as `InvoiceLineRecord`.
public struct EstimateLineRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "estimate_lines"

    public var id: Int64?
    public var estimateId: Int64
    public var position: Int
    public var description: String
    public var quantityThousandths: Int64
    public var unitPriceCents: Int64
    public var taxName: String
    public var taxMilliPercent: Int
    public var amountCents: Int64
    public var catalogItemId: Int64?

    public init(id: Int64? = nil, estimateId: Int64, position: Int, description: String, quantityThousandths: Int64,
                unitPriceCents: Int64, taxName: String = "", taxMilliPercent: Int = 0, amountCents: Int64,
                catalogItemId: Int64? = nil) {
        self.id = id
        self.estimateId = estimateId
        self.position = position
        self.description = description
        self.quantityThousandths = quantityThousandths
        self.unitPriceCents = unitPriceCents
        self.taxName = taxName
        self.taxMilliPercent = taxMilliPercent
        self.amountCents = amountCents
        self.catalogItemId = catalogItemId
    }

    /// The same line as an invoice line (what the shared views, PDF and conversion read).
    public func asInvoiceLine(invoiceId: Int64 = 0) -> InvoiceLineRecord {
        InvoiceLineRecord(invoiceId: invoiceId, position: position, description: description,
                          quantityThousandths: quantityThousandths, unitPriceCents: unitPriceCents, taxName: taxName,
                          taxMilliPercent: taxMilliPercent, amountCents: amountCents, catalogItemId: catalogItemId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The PDF an estimate was sent as (table `estimate_documents`), immutable.
public struct EstimateDocumentRecord: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "estimate_documents"

    public var estimateId: Int64
    public var companyId: Int64
    public var filename: String
    public var contentType: String
    public var sha256: String
    public var data: Data
    public var createdAt: Date

    public init(estimateId: Int64, companyId: Int64, filename: String, contentType: String = "application/pdf",
                sha256: String, data: Data, createdAt: Date) {
        self.estimateId = estimateId
        self.companyId = companyId
        self.filename = filename
        self.contentType = contentType
        self.sha256 = sha256
        self.data = data
        self.createdAt = createdAt
    }
}

/// An estimate as the list shows it.
public struct EstimateSummary: Sendable, Identifiable, Equatable {
    public var id: Int64
    public var number: String?
    public var status: EstimateStatus
    public var clientId: Int64
    public var clientName: String
    public var currency: String
    public var issueDate: String
    public var validUntil: String
    public var totalCents: Int64

    public init(id: Int64, number: String?, status: EstimateStatus, clientId: Int64, clientName: String, currency: String,
                issueDate: String, validUntil: String, totalCents: Int64) {
        self.id = id
        self.number = number
        self.status = status
        self.clientId = clientId
        self.clientName = clientName
        self.currency = currency
        self.issueDate = issueDate
        self.validUntil = validUntil
        self.totalCents = totalCents
    }
}
