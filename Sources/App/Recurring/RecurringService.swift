import Domain
import Foundation
import GRDB
import Store

/// A template with what its pages show: lines, client, past runs and the next dates.
public struct RecurringTemplateDetail: Sendable {
    public struct Run: Sendable {
        public let occurrenceDate: String
        public let invoiceId: Int64?
        public let invoiceNumber: String?
        public let invoiceStatus: InvoiceStatus?
    }

    public let template: RecurringTemplateRecord
    public let lines: [RecurringTemplateLineRecord]
    public let clientName: String
    public let currency: Currency
    public let runs: [Run]
    /// The next dates it will issue on (none while paused or after its end).
    public let upcoming: [CalendarDate]

    public var id: Int64 { template.id ?? 0 }
    public var draft: RecurringTemplateDraft { RecurringService.draft(template, lines, currency: currency) }
}

/// What one `runDue` did.
public struct RecurringRunSummary: Sendable, CustomStringConvertible {
    public var templates = 0
    public var created = 0
    public var sent = 0
    public var failures: [(templateId: Int64, message: String)] = []

    public var description: String {
        var text = "\(created) invoice(s) created (\(sent) sent) from \(templates) template(s) due"
        if !failures.isEmpty {
            text += "; \(failures.count) template(s) failed: "
                + failures.map { "template \($0.templateId): \($0.message)" }.joined(separator: "; ")
        }
        return text
    }
}

/// Recurring invoice templates (issue 4, point 7). Templates are edited like invoices
/// (their invoice fields go through `InvoiceDraft.validated`); `runDue` issues each due
/// occurrence through `InvoiceService` in its own transaction with its `recurring_runs` row,
/// the idempotency key, so running it twice on a day creates nothing twice.
public struct RecurringService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let invoices: InvoiceService

    public static let upcomingCount = 6
    /// At most this many occurrences of one template per run (a long-stopped timer catches up
    /// over several runs rather than in one burst).
    public static let maxOccurrencesPerRun = 100

    // MARK: Reading

    public func list(for actor: Actor, page: PageRequest) throws -> Page<RecurringTemplateSummary> {
        try require(.viewInvoices, actor)
        return try database.read { try RecurringQueries.page($0, companyId: actor.companyId, page: page) }
    }

    public func get(_ id: Int64, for actor: Actor) throws -> RecurringTemplateDetail {
        try require(.viewInvoices, actor)
        return try database.read { db in
            guard let template = try RecurringQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            let lines = try RecurringQueries.lines(db, templateId: id)
            let client = try ClientQueries.find(db, companyId: actor.companyId, id: template.clientId)
            let company = try invoices.company(db, actor)
            let runs = try RecurringQueries.runs(db, companyId: actor.companyId, templateId: id).map {
                RecurringTemplateDetail.Run(occurrenceDate: $0.run.occurrenceDate, invoiceId: $0.run.invoiceId,
                                            invoiceNumber: $0.number, invoiceStatus: $0.status)
            }
            return RecurringTemplateDetail(template: template, lines: lines, clientName: client?.name ?? "",
                                           currency: Currency(code: company.currency) ?? .usd, runs: runs,
                                           upcoming: Self.upcoming(template))
        }
    }

    // MARK: Writing

    public func create(_ draft: RecurringTemplateDraft, by actor: Actor) throws -> RecurringTemplateRecord {
        try require(.editInvoices, actor)
        if draft.mode == "send" { try require(.sendInvoices, actor) }
        return try database.pool.write { db in
            let currency = Currency(code: try invoices.company(db, actor).currency) ?? .usd
            let clean = try validate(draft, currency: currency)
            _ = try invoices.usableClient(db, id: clean.invoice.clientId, actor: actor)
            let now = clock.now()
            var template = RecurringTemplateRecord(companyId: actor.companyId, clientId: clean.invoice.clientId, name: clean.name,
                                                   frequency: clean.frequency, startDate: clean.start.description,
                                                   nextRunOn: nil, mode: clean.sendsAutomatically ? .send : .draft,
                                                   paymentTermsDays: clean.invoice.paymentTerms.netDays, createdAt: now, updatedAt: now)
            Self.apply(clean, to: &template)
            template.nextRunOn = Self.nextOccurrence(clean.schedule, after: nil)?.description
            try RecurringQueries.insert(db, &template)
            let id = template.id ?? 0
            try RecurringQueries.replaceLines(db, templateId: id, with: Self.lineRecords(clean, templateId: id))
            try AuditLog.append(db, Audit.event("recurring.created", by: actor, objectType: "recurring_template", objectId: id,
                                                changes: ["name": (nil, clean.name), "frequency": (nil, clean.frequency.rawValue),
                                                          "mode": (nil, template.mode.rawValue)], at: now))
            return template
        }
    }

    /// Replaces a template's fields and lines; invoices already issued are not touched. The
    /// next date is recomputed from the schedule, after the last occurrence issued.
    public func update(_ id: Int64, with draft: RecurringTemplateDraft, by actor: Actor) throws -> RecurringTemplateRecord {
        try require(.editInvoices, actor)
        return try database.pool.write { db in
            guard var template = try RecurringQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            if draft.mode == "send" || template.mode == .send { try require(.sendInvoices, actor) }
            let currency = Currency(code: try invoices.company(db, actor).currency) ?? .usd
            let clean = try validate(draft, currency: currency)
            _ = try invoices.usableClient(db, id: clean.invoice.clientId, actor: actor)
            let before = template
            template.clientId = clean.invoice.clientId
            template.name = clean.name
            template.frequency = clean.frequency
            template.startDate = clean.start.description
            template.mode = clean.sendsAutomatically ? .send : .draft
            template.paymentTermsDays = clean.invoice.paymentTerms.netDays
            Self.apply(clean, to: &template)
            let last = try RecurringQueries.lastOccurrence(db, templateId: id).flatMap(CalendarDate.init(parsing:))
            template.nextRunOn = Self.nextOccurrence(clean.schedule, after: last)?.description
            template.updatedAt = clock.now()
            try RecurringQueries.update(db, template)
            try RecurringQueries.replaceLines(db, templateId: id, with: Self.lineRecords(clean, templateId: id))
            var changes: [String: (before: String?, after: String?)] = [:]
            for (name, old, new) in [("name", before.name, template.name), ("frequency", before.frequency.rawValue, template.frequency.rawValue),
                                     ("start_date", before.startDate, template.startDate), ("end_date", before.endDate ?? "", template.endDate ?? ""),
                                     ("mode", before.mode.rawValue, template.mode.rawValue)] where old != new {
                changes[name] = (old, new)
            }
            try AuditLog.append(db, Audit.event("recurring.updated", by: actor, objectType: "recurring_template", objectId: id,
                                                changes: changes, at: template.updatedAt))
            return template
        }
    }

    /// Stops issuing: occurrences that fall while paused are never issued later.
    public func pause(_ id: Int64, by actor: Actor) throws -> RecurringTemplateRecord {
        try setStatus(id, .paused, by: actor)
    }

    /// Issues again from the first occurrence on or after today (not the ones missed while paused).
    public func resume(_ id: Int64, by actor: Actor) throws -> RecurringTemplateRecord {
        try setStatus(id, .active, by: actor)
    }

    /// Soft-deletes the template; its invoices and run log stay.
    public func delete(_ id: Int64, by actor: Actor) throws {
        try require(.editInvoices, actor)
        try database.pool.write { db in
            guard var template = try RecurringQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            let now = clock.now()
            template.deletedAt = now
            template.updatedAt = now
            try RecurringQueries.update(db, template)
            try AuditLog.append(db, Audit.event("recurring.deleted", by: actor, objectType: "recurring_template", objectId: id,
                                                changes: ["deleted_at": (nil, Audit.timestamp(now))], at: now))
        }
    }

    private func setStatus(_ id: Int64, _ status: RecurringTemplateRecord.Status, by actor: Actor) throws -> RecurringTemplateRecord {
        try require(.editInvoices, actor)
        return try database.pool.write { db in
            guard var template = try RecurringQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard template.status != status else { return template }
            if template.mode == .send && status == .active { try require(.sendInvoices, actor) }
            let before = template.status
            template.status = status
            if status == .active, let schedule = template.schedule {
                let today = InvoiceService.calendarDay(clock.now())
                let last = try RecurringQueries.lastOccurrence(db, templateId: id).flatMap(CalendarDate.init(parsing:))
                let floor = max(last ?? today.adding(days: -1), today.adding(days: -1))
                template.nextRunOn = Self.nextOccurrence(schedule, after: floor)?.description
            }
            template.updatedAt = clock.now()
            try RecurringQueries.update(db, template)
            try AuditLog.append(db, Audit.event(status == .active ? "recurring.resumed" : "recurring.paused", by: actor,
                                                objectType: "recurring_template", objectId: id,
                                                changes: ["status": (before.rawValue, status.rawValue)], at: template.updatedAt))
            return template
        }
    }

    // MARK: The job

    /// Issues every occurrence due on or before `today` of every active template (of one
    /// company, or of all when `companyId` is nil, as `ez360 recurring run` does). Each
    /// occurrence is one transaction: the invoice (sent too in `send` mode), its
    /// `recurring_runs` row and an audit event, and the template's next date. A template
    /// that fails is reported and left where it was; the others go on.
    public func runDue(today: CalendarDate, companyId: Int64? = nil) throws -> RecurringRunSummary {
        var summary = RecurringRunSummary()
        let due = try database.read { try RecurringQueries.dueTemplates($0, today: today.description, companyId: companyId) }
        summary.templates = due.count
        for (templateId, company) in due {
            let actor = Actor.system(companyId: company, requestId: "recurring-run")
            do {
                for _ in 0..<Self.maxOccurrencesPerRun {
                    guard let issued = try issueNext(templateId: templateId, today: today, actor: actor) else { break }
                    if issued.created { summary.created += 1 }
                    if issued.sent { summary.sent += 1 }
                }
            } catch {
                summary.failures.append((templateId, Self.describe(error)))
            }
        }
        return summary
    }

    /// Issues the template's next due occurrence; nil when none is due.
    private func issueNext(templateId: Int64, today: CalendarDate, actor: Actor) throws -> (created: Bool, sent: Bool)? {
        try database.pool.write { db -> (created: Bool, sent: Bool)? in
            guard var template = try RecurringQueries.find(db, companyId: actor.companyId, id: templateId),
                  template.status == .active, let nextText = template.nextRunOn,
                  let date = CalendarDate(parsing: nextText), date <= today, let schedule = template.schedule else { return nil }
            let now = clock.now()
            var result: (created: Bool, sent: Bool) = (false, false)
            if try !RecurringQueries.runExists(db, templateId: templateId, occurrenceDate: nextText) {
                let lines = try RecurringQueries.lines(db, templateId: templateId)
                let currency = Currency(code: try invoices.company(db, actor).currency) ?? .usd
                var draft = Self.draft(template, lines, currency: currency).invoice
                draft.issueDate = nextText
                let invoice = try invoices.create(draft, in: db, by: actor)
                let invoiceId = invoice.id ?? 0
                var run = RecurringRunRecord(companyId: actor.companyId, templateId: templateId, occurrenceDate: nextText,
                                             invoiceId: invoiceId, createdAt: now)
                try RecurringQueries.insertRun(db, &run)
                result.created = true
                if template.mode == .send {
                    result.sent = try invoices.send(invoiceId, in: db, by: actor).sentNow
                }
                try AuditLog.append(db, Audit.event("recurring.issued", by: actor, objectType: "recurring_template",
                                                    objectId: templateId,
                                                    changes: ["occurrence_date": (nil, nextText), "invoice_id": (nil, String(invoiceId)),
                                                              "mode": (nil, template.mode.rawValue)], at: now))
            }
            template.nextRunOn = Self.nextOccurrence(schedule, after: date)?.description
            template.updatedAt = now
            try RecurringQueries.update(db, template)
            return result
        }
    }

    // MARK: Helpers

    private func validate(_ draft: RecurringTemplateDraft, currency: Currency) throws -> ValidRecurringTemplate {
        switch draft.validated(currency: currency) {
        case .success(let clean): return clean
        case .failure(let errors): throw AppError.invalid(errors)
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case AppError.invalid(let errors): errors.messages.map(\.message).joined(separator: " ")
        case AppError.conflict(let message): message
        case AppError.notFound: "not found (a deleted client?)"
        default: String(describing: error)
        }
    }

    /// The first date of `schedule` strictly after `after` (from its start when nil); nil when it has ended.
    static func nextOccurrence(_ schedule: RecurrenceSchedule, after: CalendarDate?) -> CalendarDate? {
        let base = max(after ?? schedule.start, schedule.start)
        return schedule.occurrences(dueOnOrBefore: base.adding(days: 400), after: after).first
    }

    /// The next `upcomingCount` dates an active template will issue on.
    static func upcoming(_ template: RecurringTemplateRecord) -> [CalendarDate] {
        guard template.status == .active, let next = template.nextRunOn.flatMap(CalendarDate.init(parsing:)),
              let schedule = template.schedule else { return [] }
        var dates = [next]
        while dates.count < upcomingCount, let following = nextOccurrence(schedule, after: dates.last) {
            dates.append(following)
        }
        return dates
    }

    static func apply(_ clean: ValidRecurringTemplate, to template: inout RecurringTemplateRecord) {
        template.endDate = clean.end?.description
        switch clean.invoice.discount {
        case nil: (template.discountKind, template.discountValue) = ("none", 0)
        case .percentage(let milli): (template.discountKind, template.discountValue) = ("percentage", Int64(milli))
        case .fixed(let money): (template.discountKind, template.discountValue) = ("fixed", money.cents)
        }
        template.notes = clean.invoice.notes
        template.terms = clean.invoice.terms
    }

    static func lineRecords(_ clean: ValidRecurringTemplate, templateId: Int64) -> [RecurringTemplateLineRecord] {
        clean.invoice.lines.enumerated().map { index, line in
            RecurringTemplateLineRecord(templateId: templateId, position: index + 1, description: line.description,
                                        quantityThousandths: line.quantityThousandths, unitPriceCents: line.unitPriceCents,
                                        taxName: line.tax?.name ?? "", taxMilliPercent: line.tax?.milliPercent ?? 0,
                                        catalogItemId: line.catalogItemId)
        }
    }

    /// The form content of a stored template.
    static func draft(_ template: RecurringTemplateRecord, _ lines: [RecurringTemplateLineRecord], currency: Currency) -> RecurringTemplateDraft {
        let discountValue: String = switch template.discountKind {
        case "percentage": InvoiceDraft.percentText(Int(template.discountValue))
        case "fixed": MoneyFormat.plain(cents: template.discountValue, currency: currency)
        default: ""
        }
        let invoice = InvoiceDraft(
            clientId: String(template.clientId), issueDate: template.startDate, paymentTermsDays: String(template.paymentTermsDays),
            discountKind: template.discountKind, discountValue: discountValue, notes: template.notes, terms: template.terms,
            lines: lines.map { line in
                InvoiceDraft.Line(description: line.description, quantity: InvoiceDraft.quantityText(line.quantityThousandths),
                                  unitPrice: MoneyFormat.plain(cents: line.unitPriceCents, currency: currency),
                                  taxName: line.taxName,
                                  taxPercent: line.taxName.isEmpty ? "" : InvoiceDraft.percentText(line.taxMilliPercent),
                                  catalogItemId: line.catalogItemId)
            })
        return RecurringTemplateDraft(name: template.name, frequency: template.frequency.rawValue, startDate: template.startDate,
                                      endDate: template.endDate ?? "", mode: template.mode.rawValue, invoice: invoice)
    }
}
