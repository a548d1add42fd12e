import Documents
import Domain
import Foundation
import GRDB
import Store

/// An estimate with everything its pages, PDF and email need, read in one snapshot.
public struct EstimateDetail: Sendable {
    public let estimate: EstimateRecord
    /// The lines in the shape invoices use, so the same views and PDF code draw them.
    public let lines: [InvoiceLineRecord]
    public let client: ClientRecord
    public let company: CompanyRecord
    public let currency: Currency
    public let totals: DocumentTotals?
    /// How the company appears on the document (address, tax id, payment instructions, logo).
    public var profile: CompanyProfileRecord?
    /// The invoice it was converted into, if any (its number, nil while a draft).
    public let convertedInvoice: InvoiceRecord?

    public var id: Int64 { estimate.id ?? 0 }
    public var draft: EstimateDraft { EstimateService.draft(estimate, lines, currency: currency) }

    /// Whether the client can still answer through the link: sent and not past its date.
    public func isOpen(today: CalendarDate) -> Bool {
        estimate.status == .sent && !isExpired(today: today)
    }

    public func isExpired(today: CalendarDate) -> Bool {
        estimate.status.isExpired(validUntil: CalendarDate(parsing: estimate.validUntil), today: today)
    }
}

/// What `send` did; `sentNow` false: it already was sent (a double submit).
public struct EstimateSendResult: Sendable {
    public let estimate: EstimateRecord
    public let sentNow: Bool
    public let emailed: Bool
}

/// What `convert` did: the invoice draft, and whether this call created it (false: the
/// estimate was already converted — a double submit returns the same invoice).
public struct EstimateConvertResult: Sendable {
    public let estimate: EstimateRecord
    public let invoice: InvoiceRecord
    public let convertedNow: Bool
}

/// The client's answer through the link.
public enum EstimateResponse: String, Sendable {
    case accept, decline
}

/// Estimates of a company (issue 4, point 5). Every write is one transaction with its audit
/// events. Content and validation are the invoice's (`EstimateDraft` runs `InvoiceDraft`'s
/// checks; lines are the same snapshots); sending allocates EST-YYYYMM-####, renders the PDF
/// and queues the mail in one transaction; converting creates the invoice draft through
/// `InvoiceService.createDraft` in the same transaction that marks the estimate converted.
public struct EstimateService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig
    let outbox: OutboxService
    let invoices: InvoiceService

    public static let lockedMessage = "This estimate has been sent and can no longer be edited. Create a new estimate instead."

    // MARK: Reading

    public func list(for actor: Actor, filter: EstimateListFilter, page: PageRequest) throws -> Page<EstimateSummary> {
        try require(.viewEstimates, actor)
        return try database.read { db in
            try EstimateQueries.page(db, companyId: actor.companyId, filter: filter, page: page)
        }
    }

    /// The estimate; `.notFound` for another company's id.
    public func get(_ id: Int64, for actor: Actor) throws -> EstimateDetail {
        try require(.viewEstimates, actor)
        return try database.read { db in
            guard let estimate = try EstimateQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            return try loadDetail(db, estimate)
        }
    }

    public func clientOptions(for actor: Actor) throws -> [(id: Int64, name: String)] {
        try require(.editEstimates, actor)
        return try database.read { try InvoiceQueries.clientOptions($0, companyId: actor.companyId) }
    }

    /// The company's default validity in days (what a blank "valid until" counts).
    public func defaultValidDays(for actor: Actor) throws -> Int {
        try database.read { try EstimateQueries.validDays($0, companyId: actor.companyId) }
    }

    /// The estimate's audit events, oldest first.
    public func timeline(_ id: Int64, for actor: Actor) throws -> [AuditEventRecord] {
        try require(.viewEstimates, actor)
        return try database.read { db in
            guard try EstimateQueries.find(db, companyId: actor.companyId, id: id) != nil else { throw AppError.notFound }
            return try AuditLog.forObject(db, companyId: actor.companyId, objectType: "estimate", objectId: id)
        }
    }

    /// The stored PDF of a sent estimate; a draft gets a preview marked DRAFT.
    public func pdf(_ id: Int64, for actor: Actor) throws -> (filename: String, data: [UInt8]) {
        try require(.viewEstimates, actor)
        let (detail, stored) = try database.read { db in
            guard let estimate = try EstimateQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            return (try loadDetail(db, estimate), try EstimateQueries.document(db, companyId: actor.companyId, estimateId: id))
        }
        if let stored { return (stored.filename, [UInt8](stored.data)) }
        return ("draft-estimate-\(id).pdf", try Self.renderPDF(detail, number: "DRAFT"))
    }

    // MARK: Drafts

    public func create(_ draft: EstimateDraft, by actor: Actor) throws -> EstimateRecord {
        try require(.editEstimates, actor)
        return try database.pool.write { db in
            let company = try invoices.company(db, actor)
            let currency = Currency(code: company.currency) ?? .usd
            let clean = try validate(draft, currency: currency, db: db, actor: actor)
            _ = try invoices.usableClient(db, id: clean.clientId, actor: actor)
            let now = clock.now()
            var estimate = EstimateRecord(companyId: actor.companyId, clientId: clean.clientId, currency: currency.code,
                                          issueDate: clean.issueDate.description, validUntil: clean.dueDate.description,
                                          publicToken: SecureRandom.token(), createdAt: now, updatedAt: now)
            Self.apply(clean, to: &estimate)
            try EstimateQueries.insert(db, &estimate)
            let id = estimate.id ?? 0
            try EstimateQueries.replaceLines(db, estimateId: id, with: Self.lineRecords(clean, estimateId: id))
            try AuditLog.append(db, Audit.event("estimate.created", by: actor, objectType: "estimate", objectId: id,
                                                changes: ["client_id": (nil, String(clean.clientId)),
                                                          "total_cents": (nil, String(estimate.totalCents))], at: now))
            return estimate
        }
    }

    /// Replaces a draft's fields and lines. A sent estimate is a conflict (`lockedMessage`).
    public func update(_ id: Int64, with draft: EstimateDraft, by actor: Actor) throws -> EstimateRecord {
        try require(.editEstimates, actor)
        return try database.pool.write { db in
            guard var estimate = try EstimateQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard estimate.status == .draft else { throw AppError.conflict(Self.lockedMessage) }
            let currency = Currency(code: estimate.currency) ?? .usd
            let clean = try validate(draft, currency: currency, db: db, actor: actor)
            _ = try invoices.usableClient(db, id: clean.clientId, actor: actor)
            let before = estimate
            let beforeLines = try EstimateQueries.lines(db, estimateId: id).map { $0.asInvoiceLine() }
            estimate.clientId = clean.clientId
            estimate.issueDate = clean.issueDate.description
            estimate.validUntil = clean.dueDate.description
            Self.apply(clean, to: &estimate)
            let lines = Self.lineRecords(clean, estimateId: id)
            var changes: [String: (before: String?, after: String?)] = [:]
            if before.clientId != estimate.clientId { changes["client_id"] = (String(before.clientId), String(estimate.clientId)) }
            if before.issueDate != estimate.issueDate { changes["issue_date"] = (before.issueDate, estimate.issueDate) }
            if before.validUntil != estimate.validUntil { changes["valid_until"] = (before.validUntil, estimate.validUntil) }
            if before.totalCents != estimate.totalCents { changes["total_cents"] = (String(before.totalCents), String(estimate.totalCents)) }
            if before.discountKind != estimate.discountKind || before.discountValue != estimate.discountValue {
                changes["discount"] = ("\(before.discountKind) \(before.discountValue)", "\(estimate.discountKind) \(estimate.discountValue)")
            }
            if before.notes != estimate.notes { changes["notes"] = (before.notes, estimate.notes) }
            if before.terms != estimate.terms { changes["terms"] = (before.terms, estimate.terms) }
            if beforeLines.map(InvoiceService.lineKey) != lines.map({ InvoiceService.lineKey($0.asInvoiceLine()) }) {
                changes["lines"] = (String(beforeLines.count), String(lines.count))
            }
            guard !changes.isEmpty else { return before }
            estimate.updatedAt = clock.now()
            try EstimateQueries.update(db, estimate)
            try EstimateQueries.replaceLines(db, estimateId: id, with: lines)
            try AuditLog.append(db, Audit.event("estimate.updated", by: actor, objectType: "estimate", objectId: id,
                                                changes: changes, at: estimate.updatedAt))
            return estimate
        }
    }

    /// Deletes a draft (it never had a number).
    public func delete(_ id: Int64, by actor: Actor) throws {
        try require(.editEstimates, actor)
        try database.pool.write { db in
            guard let estimate = try EstimateQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard estimate.status == .draft else {
                throw AppError.conflict("Only draft estimates can be deleted. \(estimate.number ?? "This estimate") has been sent.")
            }
            try EstimateQueries.deleteDraft(db, companyId: actor.companyId, id: id)
            try AuditLog.append(db, Audit.event("estimate.deleted", by: actor, objectType: "estimate", objectId: id,
                                                changes: ["status": ("draft", nil)], at: clock.now()))
        }
    }

    // MARK: Sending

    /// Sends a draft in one transaction: re-validates, writes the totals, allocates
    /// EST-YYYYMM-#### (its own sequence), locks it as sent, renders and keeps the PDF,
    /// queues the email with the PDF and the link, and audits. A second send (double
    /// submit) changes nothing and returns the estimate.
    public func send(_ id: Int64, by actor: Actor) throws -> EstimateSendResult {
        try require(.sendEstimates, actor)
        return try database.pool.write { db in
            guard var estimate = try EstimateQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard estimate.status == .draft else { return EstimateSendResult(estimate: estimate, sentNow: false, emailed: false) }
            let currency = Currency(code: estimate.currency) ?? .usd
            let lines = try EstimateQueries.lines(db, estimateId: id).map { $0.asInvoiceLine() }
            let clean = try validate(Self.draft(estimate, lines, currency: currency), currency: currency, db: db, actor: actor)
            guard !clean.lines.isEmpty else {
                var errors = ValidationErrors()
                errors.add("lines", "Add at least one line before sending the estimate.")
                throw AppError.invalid(errors)
            }
            let client = try invoices.usableClient(db, id: clean.clientId, actor: actor)
            let company = try invoices.company(db, actor)

            let now = clock.now()
            let sequence = try DocumentSequences.allocate(db, companyId: actor.companyId, kind: .estimate)
            let number = DocumentNumber(kind: .estimate, issuedOn: clean.issueDate, sequence: sequence).formatted
            let before = estimate
            Self.apply(clean, to: &estimate)
            estimate.number = number
            estimate.status = .sent
            estimate.sentAt = now
            estimate.updatedAt = now
            try EstimateQueries.update(db, estimate)

            let detail = EstimateDetail(estimate: estimate, lines: lines, client: client, company: company, currency: currency,
                                        totals: clean.totals,
                                        profile: try CompanyProfileQueries.find(db, companyId: estimate.companyId),
                                        convertedInvoice: nil)
            let pdf = try Self.renderPDF(detail, number: number)
            let filename = "\(number).pdf"
            try EstimateQueries.insertDocument(db, EstimateDocumentRecord(
                estimateId: id, companyId: actor.companyId, filename: filename, sha256: InvoiceService.sha256Hex(pdf),
                data: Data(pdf), createdAt: now))
            try AuditLog.append(db, Audit.event("estimate.sent", by: actor, objectType: "estimate", objectId: id,
                                                changes: ["status": (before.status.rawValue, "sent"), "number": (nil, number),
                                                          "total_cents": (String(before.totalCents), String(estimate.totalCents))],
                                                at: now))
            var emailed = false
            if !client.email.isEmpty {
                try outbox.enqueue(estimateEmail(detail, number: number, pdf: pdf, filename: filename), in: db, by: actor)
                try AuditLog.append(db, Audit.event("estimate.emailed", by: actor, objectType: "estimate", objectId: id,
                                                    changes: ["to": (nil, client.email)], at: now))
                emailed = true
            }
            return EstimateSendResult(estimate: estimate, sentNow: true, emailed: emailed)
        }
    }

    // MARK: Converting

    /// Turns an accepted (or sent) estimate into an invoice draft with its lines, discount,
    /// notes and terms — issue date today, due by the invoice default terms — through
    /// `InvoiceService.createDraft`, and marks the estimate converted, in one transaction.
    /// A converted estimate returns the invoice it became and creates nothing.
    public func convert(_ id: Int64, by actor: Actor) throws -> EstimateConvertResult {
        try require(.editEstimates, actor)
        try require(.editInvoices, actor)
        return try database.pool.write { db in
            guard var estimate = try EstimateQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            if estimate.status == .converted, let invoiceId = estimate.convertedInvoiceId,
               let invoice = try InvoiceQueries.find(db, companyId: actor.companyId, id: invoiceId) {
                return EstimateConvertResult(estimate: estimate, invoice: invoice, convertedNow: false)
            }
            guard estimate.status.canTransition(to: .converted) else {
                throw AppError.conflict(estimate.status == .draft
                    ? "Send the estimate before converting it into an invoice."
                    : "\(estimate.number ?? "This estimate") was declined and cannot be converted.")
            }
            let currency = Currency(code: estimate.currency) ?? .usd
            let lines = try EstimateQueries.lines(db, estimateId: id).map { $0.asInvoiceLine() }
            let now = clock.now()
            var form = Self.draft(estimate, lines, currency: currency).invoiceDraft(validDays: InvoiceDraft.defaultPaymentTermsDays)
            form.issueDate = InvoiceService.calendarDay(now).description
            form.dueDate = ""
            let clean: ValidInvoice
            switch form.validated(currency: currency) {
            case .success(let valid): clean = valid
            case .failure(let errors): throw AppError.invalid(errors)
            }
            let invoice = try invoices.createDraft(db, clean, currency: currency, by: actor, at: now,
                                                   source: "estimate:\(estimate.number ?? String(id))")
            let before = estimate.status
            estimate.status = .converted
            estimate.convertedInvoiceId = invoice.id
            estimate.convertedAt = now
            estimate.updatedAt = now
            try EstimateQueries.update(db, estimate)
            try AuditLog.append(db, Audit.event("estimate.converted", by: actor, objectType: "estimate", objectId: id,
                                                changes: ["status": (before.rawValue, "converted"),
                                                          "invoice_id": (nil, String(invoice.id ?? 0))], at: now))
            return EstimateConvertResult(estimate: estimate, invoice: invoice, convertedNow: true)
        }
    }

    // MARK: The client's link

    /// The estimate behind `/e/{token}`. A draft, malformed or unknown token is `.notFound`.
    public func publicEstimate(token: String) throws -> EstimateDetail {
        guard token.count >= 32, token.count <= 100 else { throw AppError.notFound }
        return try database.read { db in
            guard let estimate = try EstimateQueries.findByPublicToken(db, token: token), estimate.status != .draft
            else { throw AppError.notFound }
            return try loadDetail(db, estimate)
        }
    }

    /// The client accepts or declines through the link, typing their name. Only a sent
    /// estimate that has not expired can be answered, once; the answer is recorded with the
    /// name, the time and the IP, and audited with no user. Answering again is a conflict.
    public func respond(token: String, _ response: EstimateResponse, name: String, requestId: String, ip: String) throws -> EstimateRecord {
        guard token.count >= 32, token.count <= 100 else { throw AppError.notFound }
        let cleanName = name.trimmingWhitespace()
        var errors = ValidationErrors()
        if cleanName.isEmpty {
            errors.add("name", "Type your name to \(response == .accept ? "accept" : "decline") the estimate.")
        } else if cleanName.unicodeScalars.count > 200 {
            errors.add("name", "A name has at most 200 characters.")
        } else if cleanName.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            errors.add("name", "Remove the control characters from the name.")
        }
        return try database.pool.write { db in
            guard var estimate = try EstimateQueries.findByPublicToken(db, token: token), estimate.status != .draft
            else { throw AppError.notFound }
            guard estimate.status == .sent else {
                throw AppError.conflict("This estimate has already been \(estimate.status == .declined ? "declined" : "accepted").")
            }
            let now = clock.now()
            if estimate.status.isExpired(validUntil: CalendarDate(parsing: estimate.validUntil), today: InvoiceService.calendarDay(now)) {
                throw AppError.conflict("This estimate expired on \(estimate.validUntil). Ask \(try invoices.companyName(db, estimate.companyId)) for a new one.")
            }
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            switch response {
            case .accept:
                estimate.status = .accepted
                estimate.acceptedName = cleanName
            case .decline:
                estimate.status = .declined
                estimate.declinedName = cleanName
            }
            estimate.respondedAt = now
            estimate.responderIp = String(ip.prefix(64))
            estimate.updatedAt = now
            try EstimateQueries.update(db, estimate)
            let visitor = Actor(userId: nil, companyId: estimate.companyId, role: .viewer, requestId: requestId, ip: ip)
            try AuditLog.append(db, Audit.event(response == .accept ? "estimate.accepted" : "estimate.declined", by: visitor,
                                                objectType: "estimate", objectId: estimate.id,
                                                changes: ["status": ("sent", estimate.status.rawValue), "name": (nil, cleanName)],
                                                at: now))
            return estimate
        }
    }

    public func publicPDF(token: String) throws -> (filename: String, data: [UInt8]) {
        guard token.count >= 32, token.count <= 100 else { throw AppError.notFound }
        return try database.read { db in
            guard let estimate = try EstimateQueries.findByPublicToken(db, token: token), estimate.status != .draft,
                  let document = try EstimateQueries.document(db, companyId: estimate.companyId, estimateId: estimate.id ?? 0)
            else { throw AppError.notFound }
            return (document.filename, [UInt8](document.data))
        }
    }

    public func publicLink(_ estimate: EstimateRecord) -> String {
        config.publicBaseURL + "/e/" + estimate.publicToken
    }

    // MARK: Helpers

    private func validate(_ draft: EstimateDraft, currency: Currency, db: Database, actor: Actor) throws -> ValidInvoice {
        let days = try EstimateQueries.validDays(db, companyId: actor.companyId)
        switch draft.validated(currency: currency, validDays: days) {
        case .success(let clean): return clean
        case .failure(let errors): throw AppError.invalid(errors)
        }
    }

    private func loadDetail(_ db: Database, _ estimate: EstimateRecord) throws -> EstimateDetail {
        let lines = try EstimateQueries.lines(db, estimateId: estimate.id ?? 0).map { $0.asInvoiceLine() }
        guard let client = try ClientQueries.find(db, companyId: estimate.companyId, id: estimate.clientId),
              let company = try IdentityQueries.company(db, id: estimate.companyId) else { throw AppError.notFound }
        let currency = Currency(code: estimate.currency) ?? .usd
        let converted = try estimate.convertedInvoiceId.flatMap {
            try InvoiceQueries.find(db, companyId: estimate.companyId, id: $0)
        }
        return EstimateDetail(estimate: estimate, lines: lines, client: client, company: company, currency: currency,
                              totals: Self.totals(estimate, lines, currency: currency),
                              profile: try CompanyProfileQueries.find(db, companyId: estimate.companyId), convertedInvoice: converted)
    }

    static func discount(_ estimate: EstimateRecord, currency: Currency) -> Discount? {
        switch estimate.discountKind {
        case "percentage": .percentage(milliPercent: Int(estimate.discountValue))
        case "fixed": .fixed(Money(cents: estimate.discountValue, currency: currency))
        default: nil
        }
    }

    static func totals(_ estimate: EstimateRecord, _ lines: [InvoiceLineRecord], currency: Currency) -> DocumentTotals? {
        let billing = lines.map { line in
            BillingLine(quantityThousandths: line.quantityThousandths, unitPrice: Money(cents: line.unitPriceCents, currency: currency),
                        taxes: line.taxName.isEmpty ? [] : [TaxRate(name: line.taxName, milliPercent: line.taxMilliPercent)])
        }
        return try? DocumentTotals(lines: billing, discount: discount(estimate, currency: currency), currency: currency)
    }

    /// The form content of a stored estimate (through the invoice form's reading of lines).
    static func draft(_ estimate: EstimateRecord, _ lines: [InvoiceLineRecord], currency: Currency) -> EstimateDraft {
        let asInvoice = InvoiceRecord(companyId: estimate.companyId, clientId: estimate.clientId, currency: estimate.currency,
                                      issueDate: estimate.issueDate, dueDate: estimate.validUntil, paymentTermsDays: 0,
                                      discountKind: estimate.discountKind, discountValue: estimate.discountValue,
                                      notes: estimate.notes, terms: estimate.terms, publicToken: estimate.publicToken,
                                      createdAt: estimate.createdAt, updatedAt: estimate.updatedAt)
        let form = InvoiceService.draft(asInvoice, lines, currency: currency)
        return EstimateDraft(clientId: form.clientId, issueDate: form.issueDate, validUntil: form.dueDate,
                             discountKind: form.discountKind, discountValue: form.discountValue, notes: form.notes,
                             terms: form.terms, lines: form.lines)
    }

    static func apply(_ clean: ValidInvoice, to estimate: inout EstimateRecord) {
        var invoice = InvoiceRecord(companyId: 0, clientId: 0, currency: "", issueDate: "", dueDate: "", paymentTermsDays: 0,
                                    publicToken: "", createdAt: Date(), updatedAt: Date())
        InvoiceService.apply(clean, to: &invoice)
        estimate.discountKind = invoice.discountKind
        estimate.discountValue = invoice.discountValue
        estimate.notes = invoice.notes
        estimate.terms = invoice.terms
        estimate.subtotalCents = invoice.subtotalCents
        estimate.discountCents = invoice.discountCents
        estimate.taxCents = invoice.taxCents
        estimate.totalCents = invoice.totalCents
    }

    static func lineRecords(_ clean: ValidInvoice, estimateId: Int64) -> [EstimateLineRecord] {
        InvoiceService.lineRecords(clean, invoiceId: 0).map { line in
            EstimateLineRecord(estimateId: estimateId, position: line.position, description: line.description,
                               quantityThousandths: line.quantityThousandths, unitPriceCents: line.unitPriceCents,
                               taxName: line.taxName, taxMilliPercent: line.taxMilliPercent, amountCents: line.amountCents,
                               catalogItemId: line.catalogItemId)
        }
    }

    // MARK: PDF and mail

    static func renderPDF(_ detail: EstimateDetail, number: String) throws -> [UInt8] {
        let estimate = detail.estimate
        let document = InvoiceService.billingDocument(
            kind: .estimate, number: number, issueDate: estimate.issueDate, dueDate: estimate.validUntil,
            status: estimate.status == .draft ? "Draft" : nil, company: detail.company, profile: detail.profile,
            client: detail.client,
            lines: detail.lines, totals: detail.totals, currency: detail.currency,
            amounts: (estimate.subtotalCents, estimate.discountCents, estimate.taxCents, estimate.totalCents),
            paid: nil, notes: estimate.notes, terms: estimate.terms)
        return try PDFRenderer(compression: .all).render(document)
    }

    func estimateEmail(_ detail: EstimateDetail, number: String, pdf: [UInt8], filename: String) -> OutboxMessage {
        let total = MoneyFormat.display(cents: detail.estimate.totalCents, currency: detail.currency)
        let link = publicLink(detail.estimate)
        let company = detail.company.name
        return OutboxMessage(
            companyId: detail.estimate.companyId, kind: .estimate, toAddress: detail.client.email, toName: detail.client.name,
            subject: "Estimate \(number) from \(company)",
            textBody: """
                Hello \(detail.client.name),

                \(company) has sent you estimate \(number) for \(total), valid until \(detail.estimate.validUntil).
                The estimate is attached as a PDF. You can view it and accept or decline it online:
                \(link)

                \(company)
                """,
            attachments: [MailAttachment(filename: filename, contentType: "application/pdf", data: pdf)])
    }
}

extension InvoiceService {
    func companyName(_ db: Database, _ companyId: Int64) throws -> String {
        try IdentityQueries.company(db, id: companyId)?.name ?? "the sender"
    }
}
