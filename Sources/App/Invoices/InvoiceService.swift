import Crypto
import Documents
import Domain
import Foundation
import GRDB
import Store

/// An invoice with everything its pages, PDF and email need, read in one snapshot.
/// The invoice page's data (`InvoiceService.page`).
public struct InvoicePage: Sendable {
    public let detail: InvoiceDetail
    public let timeline: [AuditEventRecord]
    public let reminders: [ReminderLogRecord]
}

public struct InvoiceDetail: Sendable {
    public let invoice: InvoiceRecord
    public let lines: [InvoiceLineRecord]
    public let client: ClientRecord
    public let company: CompanyRecord
    public let currency: Currency
    /// Recomputed from the lines (per-line taxes, tax summary); for a sent invoice its
    /// subtotal, discount, tax and total equal the stored columns.
    public let totals: DocumentTotals?
    /// How the company appears on the document (address, tax id, payment instructions, logo).
    public var profile: CompanyProfileRecord?
    /// The invoice's project, when it has one.
    public var project: ProjectRecord?

    public var id: Int64 { invoice.id ?? 0 }
    /// The edit form's content.
    public var draft: InvoiceDraft { InvoiceService.draft(invoice, lines, currency: currency) }
}

/// What `send` did: the invoice, whether this call sent it (false: it already was, a double
/// submit), and whether an email was queued (the client may have no address).
public struct InvoiceSendResult: Sendable {
    public let invoice: InvoiceRecord
    public let sentNow: Bool
    public let emailed: Bool
}

/// Invoices of a company (issue 4, point 6). Every write is one transaction with its audit
/// event; sending allocates the number, locks, posts, renders the PDF and queues the mail
/// in that same transaction, so either all of it happened or none of it.
public struct InvoiceService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let config: AppConfig
    let outbox: OutboxService

    public static let lockedMessage = "This invoice has been sent and can no longer be edited. Void it and issue a new one if it is wrong."

    // MARK: Reading

    public func list(for actor: Actor, filter: InvoiceListFilter, page: PageRequest) throws -> Page<InvoiceSummary> {
        try require(.viewInvoices, actor)
        return try database.read { db in
            try InvoiceQueries.page(db, companyId: actor.companyId, filter: filter, page: page)
        }
    }

    /// The invoice; `.notFound` for another company's id.
    public func get(_ id: Int64, for actor: Actor) throws -> InvoiceDetail {
        try require(.viewInvoices, actor)
        return try database.read { db in
            guard let invoice = try InvoiceQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            return try loadDetail(db, invoice)
        }
    }

    /// Everything the invoice page shows, in one read: the invoice, its timeline and its
    /// reminder log (three reads, each looking the invoice up again, were most of the page).
    public func page(_ id: Int64, for actor: Actor) throws -> InvoicePage {
        try require(.viewInvoices, actor)
        return try database.read { db in
            guard let invoice = try InvoiceQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            return InvoicePage(detail: try loadDetail(db, invoice),
                               timeline: try AuditLog.forObject(db, companyId: actor.companyId, objectType: "invoice", objectId: id),
                               reminders: try ReminderQueries.log(db, companyId: actor.companyId, invoiceId: id))
        }
    }

    /// Live clients for the form's picker.
    public func clientOptions(for actor: Actor) throws -> [(id: Int64, name: String)] {
        try require(.editInvoices, actor)
        return try database.read { try InvoiceQueries.clientOptions($0, companyId: actor.companyId) }
    }

    /// The invoice's audit events, oldest first: created, edited, sent, emailed, viewed, voided.
    public func timeline(_ id: Int64, for actor: Actor) throws -> [AuditEventRecord] {
        try require(.viewInvoices, actor)
        return try database.read { db in
            guard try InvoiceQueries.find(db, companyId: actor.companyId, id: id) != nil else { throw AppError.notFound }
            return try AuditLog.forObject(db, companyId: actor.companyId, objectType: "invoice", objectId: id)
        }
    }

    public func accountingEvents(_ id: Int64, for actor: Actor) throws -> [AccountingEventRecord] {
        try require(.viewInvoices, actor)
        return try database.read { db in
            guard try InvoiceQueries.find(db, companyId: actor.companyId, id: id) != nil else { throw AppError.notFound }
            return try AccountingEvents.forSource(db, companyId: actor.companyId, sourceType: "invoice", sourceId: id)
        }
    }

    /// The PDF: for a sent invoice the stored one, byte for byte what the client received;
    /// for a draft a preview rendered now, marked DRAFT and without a number.
    public func pdf(_ id: Int64, for actor: Actor) throws -> (filename: String, data: [UInt8]) {
        try require(.viewInvoices, actor)
        let (detail, stored) = try database.read { db in
            guard let invoice = try InvoiceQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            return (try loadDetail(db, invoice), try InvoiceQueries.document(db, companyId: actor.companyId, invoiceId: id))
        }
        if let stored { return (stored.filename, [UInt8](stored.data)) }
        return ("draft-invoice-\(id).pdf", try Self.renderPDF(detail, number: "DRAFT"))
    }

    // MARK: Drafts

    public func create(_ draft: InvoiceDraft, by actor: Actor) throws -> InvoiceRecord {
        try require(.editInvoices, actor)
        return try database.pool.write { db in try create(draft, in: db, by: actor) }
    }

    /// `create` inside the caller's transaction (recurring runs, late fees): the same checks,
    /// record, lines and audit event. The caller has checked the permission.
    func create(_ draft: InvoiceDraft, in db: Database, by actor: Actor) throws -> InvoiceRecord {
        let company = try company(db, actor)
        let currency = Currency(code: company.currency) ?? .usd
        // A new invoice has no stored lines: a line id typed into the form links nothing.
        var typed = draft
        for index in typed.lines.indices { typed.lines[index].lineId = nil }
        let clean = try validate(typed, currency: currency)
        return try createDraft(db, clean, currency: currency, by: actor, at: clock.now())
    }

    /// The one creation path of a draft, inside the caller's transaction: the form's `create`
    /// and an estimate's conversion (`EstimateService.convert`) both come through here.
    /// `source` ("estimate:12") goes into the audit event when the draft comes from elsewhere.
    func createDraft(_ db: Database, _ clean: ValidInvoice, currency: Currency, by actor: Actor, at now: Date,
                     source: String? = nil) throws -> InvoiceRecord {
        _ = try usableClient(db, id: clean.clientId, actor: actor)
        try checkProject(db, clean, actor: actor)
        var invoice = InvoiceRecord(companyId: actor.companyId, clientId: clean.clientId, currency: currency.code,
                                    issueDate: clean.issueDate.description, dueDate: clean.dueDate.description,
                                    paymentTermsDays: clean.paymentTerms.netDays, publicToken: SecureRandom.token(),
                                    createdAt: now, updatedAt: now)
        Self.apply(clean, to: &invoice)
        try InvoiceQueries.insert(db, &invoice)
        let id = invoice.id ?? 0
        try InvoiceQueries.replaceLines(db, invoiceId: id, with: Self.lineRecords(clean, invoiceId: id))
        var changes: [String: (before: String?, after: String?)] = ["client_id": (nil, String(clean.clientId)),
                                                                    "total_cents": (nil, String(invoice.totalCents))]
        if let source { changes["source"] = (nil, source) }
        try AuditLog.append(db, Audit.event("invoice.created", by: actor, objectType: "invoice", objectId: id,
                                            changes: changes, at: now))
        return invoice
    }

    /// Replaces a draft's fields and lines. A sent invoice is a conflict (`lockedMessage`).
    public func update(_ id: Int64, with draft: InvoiceDraft, by actor: Actor) throws -> InvoiceRecord {
        try require(.editInvoices, actor)
        return try database.pool.write { db in
            guard var invoice = try InvoiceQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard invoice.status == .draft else { throw AppError.conflict(Self.lockedMessage) }
            let currency = Currency(code: invoice.currency) ?? .usd
            let beforeLines = try InvoiceQueries.lines(db, invoiceId: id)
            // A row keeps its line id only if it names a line of this invoice, once.
            var typed = draft
            var unclaimed = Set(beforeLines.compactMap(\.id))
            for index in typed.lines.indices {
                if let lineId = typed.lines[index].lineId, unclaimed.remove(lineId) != nil { continue }
                typed.lines[index].lineId = nil
            }
            let clean = try validate(typed, currency: currency)
            _ = try usableClient(db, id: clean.clientId, actor: actor)
            try checkProject(db, clean, actor: actor)
            let before = invoice
            invoice.clientId = clean.clientId
            invoice.issueDate = clean.issueDate.description
            invoice.dueDate = clean.dueDate.description
            invoice.paymentTermsDays = clean.paymentTerms.netDays
            Self.apply(clean, to: &invoice)
            let lines = Self.lineRecords(clean, invoiceId: id)
            var changes = Self.changes(from: before, to: invoice)
            if beforeLines.map(Self.lineKey) != lines.map(Self.lineKey) {
                changes["lines"] = (String(beforeLines.count), String(lines.count))
            }
            // Lines no longer on the form give their time and expenses back (unbilled again).
            let kept = Set(lines.compactMap(\.id))
            let removed = try InvoiceSourceQueries.sourcedLineIds(db, companyId: actor.companyId, invoiceId: id).subtracting(kept)
            let released = try InvoiceSourceQueries.release(db, companyId: actor.companyId, lineIds: removed)
            if released.time + released.expenses > 0 {
                changes["released"] = (nil, "\(released.time) time entries, \(released.expenses) expenses")
            }
            guard !changes.isEmpty else { return before }
            invoice.updatedAt = clock.now()
            try InvoiceQueries.update(db, invoice)
            try InvoiceQueries.replaceLines(db, invoiceId: id, with: lines)
            try AuditLog.append(db, Audit.event("invoice.updated", by: actor, objectType: "invoice", objectId: id,
                                                changes: changes, at: invoice.updatedAt))
            return invoice
        }
    }

    /// Deletes a draft (it never had a number). An issued invoice is voided instead.
    public func delete(_ id: Int64, by actor: Actor) throws {
        try require(.editInvoices, actor)
        try database.pool.write { db in
            guard let invoice = try InvoiceQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard invoice.status == .draft else {
                throw AppError.conflict("Only draft invoices can be deleted. \(invoice.number ?? "This invoice") has been sent: void it instead.")
            }
            let released = try InvoiceSourceQueries.release(
                db, companyId: actor.companyId, lineIds: InvoiceSourceQueries.lineIds(db, companyId: actor.companyId, invoiceId: id))
            try InvoiceQueries.deleteDraft(db, companyId: actor.companyId, id: id)
            var changes: [String: (before: String?, after: String?)] = ["status": ("draft", nil)]
            if released.time + released.expenses > 0 {
                changes["released"] = (nil, "\(released.time) time entries, \(released.expenses) expenses")
            }
            try AuditLog.append(db, Audit.event("invoice.deleted", by: actor, objectType: "invoice", objectId: id,
                                                changes: changes, at: clock.now()))
        }
    }

    // MARK: Sending and voiding

    /// Sends a draft, in one transaction: re-validates it, computes the totals, allocates
    /// the next number (INV-YYYYMM-#### from the issue month), locks it as sent, writes the
    /// `invoice.sent` accounting event, renders and keeps the PDF, queues the email with the
    /// PDF and the client's link, and audits. Sending an invoice that is already sent (a
    /// double submit) changes nothing and returns it.
    public func send(_ id: Int64, by actor: Actor) throws -> InvoiceSendResult {
        try require(.sendInvoices, actor)
        return try database.pool.write { db in try send(id, in: db, by: actor) }
    }

    /// `send` inside the caller's transaction (recurring runs, late fees): the same
    /// numbering, lock, posting, PDF, email and audit. The caller has checked the permission.
    func send(_ id: Int64, in db: Database, by actor: Actor) throws -> InvoiceSendResult {
        guard var invoice = try InvoiceQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
        guard invoice.status == .draft else { return InvoiceSendResult(invoice: invoice, sentNow: false, emailed: false) }
        let currency = Currency(code: invoice.currency) ?? .usd
        let lines = try InvoiceQueries.lines(db, invoiceId: id)
        let clean = try validate(Self.draft(invoice, lines, currency: currency), currency: currency)
        let sendingErrors = clean.sendingErrors
        guard sendingErrors.isEmpty else { throw AppError.invalid(sendingErrors) }
        let client = try usableClient(db, id: clean.clientId, actor: actor)
        let company = try company(db, actor)

        let now = clock.now()
        let sequence = try DocumentSequences.allocate(db, companyId: actor.companyId, kind: .invoice)
        let number = DocumentNumber(kind: .invoice, issuedOn: clean.issueDate, sequence: sequence).formatted
        let before = invoice
        Self.apply(clean, to: &invoice)
        invoice.number = number
        invoice.status = .sent
        invoice.sentAt = now
        invoice.updatedAt = now
        try InvoiceQueries.update(db, invoice)

        var event = try Self.accountingEvent(kind: "invoice.sent", invoice: invoice, occurredOn: clean.issueDate.description,
                                             postings: InvoicePostings.sent(clean.totals), memo: "Invoice \(number) sent", at: now)
        try AccountingEvents.append(db, &event)

        let sentDetail = InvoiceDetail(invoice: invoice, lines: lines, client: client, company: company,
                                       currency: currency, totals: clean.totals,
                                       profile: try CompanyProfileQueries.find(db, companyId: invoice.companyId),
                             project: try invoice.projectId.flatMap { try ProjectQueries.find(db, companyId: invoice.companyId, id: $0) })
        let pdf = try Self.renderPDF(sentDetail, number: number)
        let filename = "\(number).pdf"
        try InvoiceQueries.insertDocument(db, InvoiceDocumentRecord(
            invoiceId: id, companyId: actor.companyId, filename: filename, sha256: Self.sha256Hex(pdf), data: Data(pdf),
            createdAt: now))

        try AuditLog.append(db, Audit.event("invoice.sent", by: actor, objectType: "invoice", objectId: id,
                                            changes: ["status": (before.status.rawValue, "sent"), "number": (nil, number),
                                                      "total_cents": (String(before.totalCents), String(invoice.totalCents))],
                                            at: now))
        var emailed = false
        if !client.email.isEmpty {
            try outbox.enqueue(invoiceEmail(sentDetail, number: number, pdf: pdf, filename: filename), in: db, by: actor)
            try AuditLog.append(db, Audit.event("invoice.emailed", by: actor, objectType: "invoice", objectId: id,
                                                changes: ["to": (nil, client.email)], at: now))
            emailed = true
        }
        return InvoiceSendResult(invoice: invoice, sentNow: true, emailed: emailed)
    }

    /// Voids a sent invoice no money has touched: it keeps its number, and an
    /// `invoice.voided` accounting event reverses what sending posted. Voiding a void
    /// invoice again changes nothing; a draft is deleted, not voided.
    public func void(_ id: Int64, by actor: Actor) throws -> InvoiceRecord {
        try require(.voidInvoices, actor)
        return try database.pool.write { db in
            guard var invoice = try InvoiceQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            if invoice.status == .void { return invoice }
            guard invoice.status != .draft else { throw AppError.conflict("A draft has no number to void: delete it instead.") }
            guard invoice.status.canTransition(to: .void, hasMoneyApplied: invoice.amountPaidCents != 0) else {
                throw AppError.conflict("\(invoice.number ?? "This invoice") has money applied to it and cannot be voided; issue a credit note instead.")
            }
            let sent = try AccountingEvents.forSource(db, companyId: actor.companyId, sourceType: "invoice", sourceId: id)
                .first { $0.kind == "invoice.sent" }
            let now = clock.now()
            let before = invoice.status
            invoice.status = .void
            invoice.voidedAt = now
            invoice.updatedAt = now
            try InvoiceQueries.updateStatus(db, invoice)
            let original = try sent.map { try Self.decodePostings($0.postings) } ?? []
            var event = try Self.accountingEvent(kind: "invoice.voided", invoice: invoice,
                                                 occurredOn: Self.calendarDay(now).description,
                                                 postings: InvoicePostings.reversing(original),
                                                 memo: "Invoice \(invoice.number ?? "") voided", at: now)
            try AccountingEvents.append(db, &event)
            // Its time and expenses are unbilled again, to be invoiced anew (docs/decisions.md).
            let released = try InvoiceSourceQueries.release(
                db, companyId: actor.companyId, lineIds: InvoiceSourceQueries.lineIds(db, companyId: actor.companyId, invoiceId: id))
            var changes: [String: (before: String?, after: String?)] = [
                "status": (before.rawValue, "void"), "voided_at": (nil, Audit.timestamp(now))]
            if released.time + released.expenses > 0 {
                changes["released"] = (nil, "\(released.time) time entries, \(released.expenses) expenses")
            }
            try AuditLog.append(db, Audit.event("invoice.voided", by: actor, objectType: "invoice", objectId: id,
                                                changes: changes, at: now))
            return invoice
        }
    }

    // MARK: The client's link

    /// The invoice behind a client's link `/i/{token}`. A draft, a malformed or an unknown
    /// token is `.notFound`. The first view of each (UTC) day is recorded as `invoice.viewed`.
    public func publicInvoice(token: String, requestId: String, ip: String) throws -> InvoiceDetail {
        guard token.count >= 32, token.count <= 100 else { throw AppError.notFound }
        let detail = try database.read { db -> InvoiceDetail in
            guard let invoice = try InvoiceQueries.findByPublicToken(db, token: token), invoice.status != .draft
            else { throw AppError.notFound }
            return try loadDetail(db, invoice)
        }
        let now = clock.now()
        let startOfDay = Date(timeIntervalSince1970: Double(Self.calendarDay(now).daysSinceEpoch) * 86_400)
        let companyId = detail.invoice.companyId
        let seenToday = try database.read {
            try AuditLog.exists($0, companyId: companyId, objectType: "invoice", objectId: detail.id, action: "invoice.viewed",
                                since: startOfDay)
        }
        if !seenToday {
            try database.pool.write { db in
                guard try !AuditLog.exists(db, companyId: companyId, objectType: "invoice", objectId: detail.id,
                                           action: "invoice.viewed", since: startOfDay) else { return }
                let visitor = Actor(userId: nil, companyId: companyId, role: .viewer, requestId: requestId, ip: ip)
                try AuditLog.append(db, Audit.event("invoice.viewed", by: visitor, objectType: "invoice", objectId: detail.id,
                                                    at: now))
            }
        }
        return detail
    }

    /// The stored PDF behind a client's link; `.notFound` as for `publicInvoice`.
    public func publicPDF(token: String) throws -> (filename: String, data: [UInt8]) {
        guard token.count >= 32, token.count <= 100 else { throw AppError.notFound }
        return try database.read { db in
            guard let invoice = try InvoiceQueries.findByPublicToken(db, token: token), invoice.status != .draft,
                  let document = try InvoiceQueries.document(db, companyId: invoice.companyId, invoiceId: invoice.id ?? 0)
            else { throw AppError.notFound }
            return (document.filename, [UInt8](document.data))
        }
    }

    public func publicLink(_ invoice: InvoiceRecord) -> String {
        config.publicBaseURL + "/i/" + invoice.publicToken
    }

    // MARK: Helpers

    func validate(_ draft: InvoiceDraft, currency: Currency) throws -> ValidInvoice {
        switch draft.validated(currency: currency) {
        case .success(let clean): return clean
        case .failure(let errors): throw AppError.invalid(errors)
        }
    }

    func company(_ db: Database, _ actor: Actor) throws -> CompanyRecord {
        guard let company = try IdentityQueries.company(db, id: actor.companyId) else { throw AppError.notFound }
        return company
    }

    /// The client, which must be the actor's company's (else `.notFound`) and not deleted.
    func usableClient(_ db: Database, id: Int64, actor: Actor) throws -> ClientRecord {
        guard let client = try ClientQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
        guard !client.isDeleted else {
            var errors = ValidationErrors()
            errors.add("client_id", "\(client.name) is deleted; restore the client or choose another.")
            throw AppError.invalid(errors)
        }
        return client
    }

    /// The chosen project, if any, must be one of the invoice client's projects in this
    /// company (the triggers refuse anything else; this says so on the form).
    func checkProject(_ db: Database, _ clean: ValidInvoice, actor: Actor) throws {
        guard let projectId = clean.projectId else { return }
        var errors = ValidationErrors()
        if let project = try ProjectQueries.find(db, companyId: actor.companyId, id: projectId) {
            guard project.clientId != clean.clientId else { return }
            errors.add("project_id", "\(project.name) is another client's project; choose one of this client's projects, or none.")
        } else {
            errors.add("project_id", "Choose a project from the list, or none.")
        }
        throw AppError.invalid(errors)
    }

    private func loadDetail(_ db: Database, _ invoice: InvoiceRecord) throws -> InvoiceDetail {
        let lines = try InvoiceQueries.lines(db, invoiceId: invoice.id ?? 0)
        guard let client = try ClientQueries.find(db, companyId: invoice.companyId, id: invoice.clientId),
              let company = try IdentityQueries.company(db, id: invoice.companyId) else { throw AppError.notFound }
        let currency = Currency(code: invoice.currency) ?? .usd
        return InvoiceDetail(invoice: invoice, lines: lines, client: client, company: company, currency: currency,
                             totals: Self.totals(invoice, lines, currency: currency),
                             profile: try CompanyProfileQueries.find(db, companyId: invoice.companyId),
                             project: try invoice.projectId.flatMap { try ProjectQueries.find(db, companyId: invoice.companyId, id: $0) })
    }

    static func totals(_ invoice: InvoiceRecord, _ lines: [InvoiceLineRecord], currency: Currency) -> DocumentTotals? {
        let billing = lines.map { line in
            BillingLine(quantityThousandths: line.quantityThousandths, unitPrice: Money(cents: line.unitPriceCents, currency: currency),
                        taxes: line.taxName.isEmpty ? [] : [TaxRate(name: line.taxName, milliPercent: line.taxMilliPercent)])
        }
        return try? DocumentTotals(lines: billing, discount: discount(invoice, currency: currency), currency: currency)
    }

    static func discount(_ invoice: InvoiceRecord, currency: Currency) -> Discount? {
        switch invoice.discountKind {
        case "percentage": .percentage(milliPercent: Int(invoice.discountValue))
        case "fixed": .fixed(Money(cents: invoice.discountValue, currency: currency))
        default: nil
        }
    }

    /// The form content of a stored invoice.
    static func draft(_ invoice: InvoiceRecord, _ lines: [InvoiceLineRecord], currency: Currency) -> InvoiceDraft {
        let discountValue: String = switch invoice.discountKind {
        case "percentage": InvoiceDraft.percentText(Int(invoice.discountValue))
        case "fixed": MoneyFormat.plain(cents: invoice.discountValue, currency: currency)
        default: ""
        }
        return InvoiceDraft(
            clientId: String(invoice.clientId), projectId: invoice.projectId.map(String.init) ?? "", issueDate: invoice.issueDate, dueDate: invoice.dueDate,
            paymentTermsDays: String(invoice.paymentTermsDays), discountKind: invoice.discountKind, discountValue: discountValue,
            notes: invoice.notes, terms: invoice.terms,
            lines: lines.map { line in
                InvoiceDraft.Line(description: line.description, quantity: InvoiceDraft.quantityText(line.quantityThousandths),
                                  unitPrice: MoneyFormat.plain(cents: line.unitPriceCents, currency: currency),
                                  taxName: line.taxName,
                                  taxPercent: line.taxName.isEmpty ? "" : InvoiceDraft.percentText(line.taxMilliPercent),
                                  catalogItemId: line.catalogItemId, lineId: line.id)
            })
    }

    static func apply(_ clean: ValidInvoice, to invoice: inout InvoiceRecord) {
        switch clean.discount {
        case nil: (invoice.discountKind, invoice.discountValue) = ("none", 0)
        case .percentage(let milli): (invoice.discountKind, invoice.discountValue) = ("percentage", Int64(milli))
        case .fixed(let money): (invoice.discountKind, invoice.discountValue) = ("fixed", money.cents)
        }
        invoice.projectId = clean.projectId
        invoice.notes = clean.notes
        invoice.terms = clean.terms
        invoice.subtotalCents = clean.totals.subtotal.cents
        invoice.discountCents = clean.totals.discount.cents
        invoice.taxCents = clean.totals.taxTotal.cents
        invoice.totalCents = clean.totals.total.cents
    }

    static func lineRecords(_ clean: ValidInvoice, invoiceId: Int64) -> [InvoiceLineRecord] {
        zip(clean.lines, clean.totals.lines).enumerated().map { index, pair in
            let (line, totals) = pair
            return InvoiceLineRecord(id: line.lineId, invoiceId: invoiceId, position: index + 1, description: line.description,
                                     quantityThousandths: line.quantityThousandths, unitPriceCents: line.unitPriceCents,
                                     taxName: line.tax?.name ?? "", taxMilliPercent: line.tax?.milliPercent ?? 0,
                                     amountCents: totals.amount.cents, catalogItemId: line.catalogItemId)
        }
    }

    static func lineKey(_ line: InvoiceLineRecord) -> String {
        "\(line.position)|\(line.description)|\(line.quantityThousandths)|\(line.unitPriceCents)|\(line.taxName)|\(line.taxMilliPercent)"
    }

    static func changes(from before: InvoiceRecord, to after: InvoiceRecord) -> [String: (before: String?, after: String?)] {
        var changes: [String: (before: String?, after: String?)] = [:]
        let text: [(String, KeyPath<InvoiceRecord, String>)] = [
            ("issue_date", \.issueDate), ("due_date", \.dueDate), ("discount_kind", \.discountKind),
            ("notes", \.notes), ("terms", \.terms),
        ]
        for (name, path) in text where before[keyPath: path] != after[keyPath: path] {
            changes[name] = (before[keyPath: path], after[keyPath: path])
        }
        let numbers: [(String, KeyPath<InvoiceRecord, Int64>)] = [
            ("client_id", \.clientId), ("discount_value", \.discountValue), ("subtotal_cents", \.subtotalCents),
            ("discount_cents", \.discountCents), ("tax_cents", \.taxCents), ("total_cents", \.totalCents),
        ]
        for (name, path) in numbers where before[keyPath: path] != after[keyPath: path] {
            changes[name] = (String(before[keyPath: path]), String(after[keyPath: path]))
        }
        if before.projectId != after.projectId {
            changes["project_id"] = (before.projectId.map(String.init), after.projectId.map(String.init))
        }
        if before.paymentTermsDays != after.paymentTermsDays {
            changes["payment_terms_days"] = (String(before.paymentTermsDays), String(after.paymentTermsDays))
        }
        return changes
    }

    /// The UTC calendar day of an instant (per-company time zones are a later capability).
    static func calendarDay(_ date: Date) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    static func accountingEvent(kind: String, invoice: InvoiceRecord, occurredOn: String, postings: [Posting], memo: String,
                                at now: Date) throws -> AccountingEventRecord {
        let (debits, _) = InvoicePostings.sides(postings)
        return AccountingEventRecord(companyId: invoice.companyId, kind: kind, sourceType: "invoice", sourceId: invoice.id ?? 0,
                                     occurredOn: occurredOn, currency: invoice.currency, amountCents: debits, memo: memo,
                                     postings: try encodePostings(postings), createdAt: now)
    }

    struct PostingJSON: Codable {
        let account: String
        let name: String
        let debit_cents: Int64
        let credit_cents: Int64
        let memo: String
    }

    static func encodePostings(_ postings: [Posting]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let rows = postings.map { PostingJSON(account: $0.account.code, name: $0.account.name, debit_cents: $0.debitCents,
                                              credit_cents: $0.creditCents, memo: $0.memo) }
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    static func decodePostings(_ json: String) throws -> [Posting] {
        try JSONDecoder().decode([PostingJSON].self, from: Data(json.utf8)).compactMap { row in
            Posting.Account(rawValue: row.account).map {
                Posting(account: $0, debitCents: row.debit_cents, creditCents: row.credit_cents, memo: row.memo)
            }
        }
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    // MARK: PDF and mail

    /// The invoice as `Documents` draws it, every value formatted here.
    static func billingDocument(_ detail: InvoiceDetail, number: String) -> BillingDocument {
        let invoice = detail.invoice
        return billingDocument(
            kind: .invoice, number: number, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
            status: invoice.status == .draft ? "Draft" : nil, company: detail.company, profile: detail.profile, client: detail.client,
            lines: detail.lines, totals: detail.totals, currency: detail.currency,
            amounts: (invoice.subtotalCents, invoice.discountCents, invoice.taxCents, invoice.totalCents),
            paid: invoice.amountPaidCents > 0 ? (invoice.amountPaidCents, invoice.balanceDueCents) : nil,
            notes: invoice.notes, terms: invoice.terms)
    }

    /// Any billing document (invoice, estimate) as `Documents` draws it: the one place lines,
    /// taxes, totals and parties are formatted for a PDF.
    static func billingDocument(kind: BillingDocument.Kind, number: String, issueDate: String, dueDate: String, status: String?,
                                company: CompanyRecord, profile: CompanyProfileRecord?, client: ClientRecord,
                                lines: [InvoiceLineRecord],
                                totals: DocumentTotals?, currency: Currency,
                                amounts: (subtotal: Int64, discount: Int64, tax: Int64, total: Int64),
                                paid: (amount: Int64, balance: Int64)?, notes: String, terms: String) -> BillingDocument {
        func money(_ cents: Int64) -> String { MoneyFormat.display(cents: cents, currency: currency) }
        let lines = lines.map { line in
            BillingDocument.Line(description: line.description, quantity: InvoiceDraft.quantityText(line.quantityThousandths),
                                 unitPrice: money(line.unitPriceCents),
                                 taxLabel: line.taxName.isEmpty ? "" : TaxRate(name: line.taxName, milliPercent: line.taxMilliPercent).label,
                                 amount: money(line.amountCents))
        }
        let taxRows = (totals?.taxSummary ?? []).map {
            BillingDocument.TaxRow(label: $0.rate.label, base: money($0.taxableBase.cents), amount: money($0.tax.cents))
        }
        var buyerLines = client.address.split(whereSeparator: \.isNewline).map(String.init)
        if !client.companyName.isEmpty { buyerLines.insert(client.companyName, at: 0) }
        return BillingDocument(
            kind: kind, number: number, issueDate: issueDate, dueDate: dueDate,
            status: status,
            seller: .init(name: company.name,
                          addressLines: (profile?.address ?? "").split(whereSeparator: \.isNewline).map(String.init),
                          email: profile?.email ?? "", phone: profile.flatMap { $0.phone.isEmpty ? nil : $0.phone },
                          taxId: profile.flatMap { $0.taxId.isEmpty ? nil : $0.taxId }, logoPNG: profile?.logoPNG),
            buyer: .init(name: client.name, addressLines: buyerLines, email: client.email,
                         phone: client.phone.isEmpty ? nil : client.phone),
            lines: lines, taxSummary: taxRows,
            totals: .init(subtotal: money(amounts.subtotal),
                          discount: amounts.discount > 0 ? "-" + money(amounts.discount) : nil,
                          taxTotal: money(amounts.tax), total: money(amounts.total),
                          amountPaid: paid.map { money($0.amount) },
                          balanceDue: paid.map { money($0.balance) }),
            notes: notes, terms: terms, paymentInstructions: profile?.paymentInstructions ?? "",
            footer: "\(company.name) · \(number)")
    }

    /// Renders with every stream compressed (`.all`): these PDFs are stored and mailed.
    /// A renderer per call: it is not thread-safe, and sending is rare next to reading.
    static func renderPDF(_ detail: InvoiceDetail, number: String) throws -> [UInt8] {
        let renderer = try PDFRenderer(compression: .all)
        return try renderer.render(billingDocument(detail, number: number))
    }

    func invoiceEmail(_ detail: InvoiceDetail, number: String, pdf: [UInt8], filename: String) -> OutboxMessage {
        let total = MoneyFormat.display(cents: detail.invoice.totalCents, currency: detail.currency)
        let link = publicLink(detail.invoice)
        let company = detail.company.name
        return OutboxMessage(
            companyId: detail.invoice.companyId, kind: .invoice, toAddress: detail.client.email, toName: detail.client.name,
            subject: "Invoice \(number) from \(company)",
            textBody: """
                Hello \(detail.client.name),

                \(company) has sent you invoice \(number) for \(total), due \(detail.invoice.dueDate).
                The invoice is attached as a PDF. You can also view it online:
                \(link)

                Thank you for your business.
                \(company)
                """,
            attachments: [MailAttachment(filename: filename, contentType: "application/pdf", data: pdf)])
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
