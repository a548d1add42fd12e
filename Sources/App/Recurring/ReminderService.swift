import Domain
import Foundation
import GRDB
import Store

/// What one reminders `runDue` did.
public struct ReminderRunSummary: Sendable, CustomStringConvertible {
    public var invoices = 0
    public var sent = 0
    public var skipped = 0
    public var lateFees = 0
    public var failures: [(invoiceId: Int64, message: String)] = []

    public var description: String {
        var text = "\(sent) reminder(s) queued, \(skipped) step(s) skipped, \(lateFees) late fee invoice(s) "
            + "from \(invoices) unpaid invoice(s)"
        if !failures.isEmpty {
            text += "; \(failures.count) failed: " + failures.map { "invoice \($0.invoiceId): \($0.message)" }.joined(separator: "; ")
        }
        return text
    }
}

/// Payment reminders (dunning, issue 4, point 9): a per-company schedule of days around the
/// due date; `runDue` mails the latest step due for each unpaid invoice through the outbox,
/// logs it (and the steps it passed over as skipped) so no step goes twice, and bills the
/// optional late fee on a new invoice, once per invoice. Paid and void invoices get nothing.
public struct ReminderService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let invoices: InvoiceService
    let outbox: OutboxService

    // MARK: Settings

    /// The settings form's content (reminders off with the default schedule if never saved).
    public func settings(for actor: Actor) throws -> ReminderSettingsDraft {
        try require(.manageReminders, actor)
        let record = try database.read { try ReminderQueries.settings($0, companyId: actor.companyId) }
        let currency = try database.read { Currency(code: try invoices.company($0, actor).currency) ?? .usd }
        guard let record else { return ReminderSettingsDraft() }
        let value: String = switch record.lateFeeKind {
        case "fixed": MoneyFormat.plain(cents: record.lateFeeValue, currency: currency)
        case "percentage": InvoiceDraft.percentText(Int(record.lateFeeValue))
        default: ""
        }
        return ReminderSettingsDraft(enabled: record.enabled, schedule: record.schedule, lateFeeKind: record.lateFeeKind,
                                     lateFeeValue: value, lateFeeAfterStep: record.lateFeeAfterStep.map(String.init) ?? "",
                                     lateFeeMode: record.lateFeeMode)
    }

    public func updateSettings(_ draft: ReminderSettingsDraft, by actor: Actor) throws {
        try require(.manageReminders, actor)
        try database.pool.write { db in
            let currency = Currency(code: try invoices.company(db, actor).currency) ?? .usd
            let clean: ValidReminderSettings
            switch draft.validated(currency: currency) {
            case .success(let valid): clean = valid
            case .failure(let errors): throw AppError.invalid(errors)
            }
            let before = try ReminderQueries.settings(db, companyId: actor.companyId)
            let now = clock.now()
            let record = ReminderSettingsRecord(companyId: actor.companyId, enabled: clean.enabled,
                                                schedule: clean.schedule.description, lateFeeKind: clean.lateFeeKind.rawValue,
                                                lateFeeValue: clean.lateFeeValue, lateFeeAfterStep: clean.lateFeeAfterStep,
                                                lateFeeMode: clean.lateFeeSends ? "send" : "draft", updatedAt: now)
            try ReminderQueries.saveSettings(db, record)
            var changes: [String: (before: String?, after: String?)] = [:]
            let pairs: [(String, String?, String?)] = [
                ("enabled", before.map { String($0.enabled) }, String(record.enabled)),
                ("schedule", before?.schedule, record.schedule),
                ("late_fee_kind", before?.lateFeeKind, record.lateFeeKind),
                ("late_fee_value", before.map { String($0.lateFeeValue) }, String(record.lateFeeValue)),
                ("late_fee_after_step", before?.lateFeeAfterStep.map(String.init), record.lateFeeAfterStep.map(String.init)),
                ("late_fee_mode", before?.lateFeeMode, record.lateFeeMode),
            ]
            for (name, old, new) in pairs where old != new { changes[name] = (old, new) }
            try AuditLog.append(db, Audit.event("reminders.settings_updated", by: actor, objectType: "company",
                                                objectId: actor.companyId, changes: changes, at: now))
        }
    }

    /// An invoice's reminder log, step order; `.notFound` for another company's invoice.
    public func log(_ invoiceId: Int64, for actor: Actor) throws -> [ReminderLogRecord] {
        try require(.viewInvoices, actor)
        return try database.read { db in
            guard try InvoiceQueries.find(db, companyId: actor.companyId, id: invoiceId) != nil else { throw AppError.notFound }
            return try ReminderQueries.log(db, companyId: actor.companyId, invoiceId: invoiceId)
        }
    }

    // MARK: The job

    /// For every unpaid (sent or partially paid) invoice of the companies with reminders on
    /// (one company, or all when nil), whose client has an email address: one transaction
    /// that sends the latest step due, records the older due steps as skipped, and bills the
    /// late fee when its step is reached. One invoice failing does not stop the others.
    public func runDue(today: CalendarDate, companyId: Int64? = nil) throws -> ReminderRunSummary {
        var summary = ReminderRunSummary()
        let candidates = try database.read { try ReminderQueries.candidates($0, companyId: companyId) }
        summary.invoices = candidates.count
        for (invoiceId, company) in candidates {
            let actor = Actor.system(companyId: company, requestId: "reminders-run")
            do {
                let result = try remind(invoiceId: invoiceId, today: today, actor: actor)
                summary.sent += result.sent
                summary.skipped += result.skipped
                summary.lateFees += result.lateFee
            } catch {
                summary.failures.append((invoiceId, RecurringService.describe(error)))
            }
        }
        return summary
    }

    private func remind(invoiceId: Int64, today: CalendarDate, actor: Actor) throws -> (sent: Int, skipped: Int, lateFee: Int) {
        try database.pool.write { db -> (sent: Int, skipped: Int, lateFee: Int) in
            var result = (sent: 0, skipped: 0, lateFee: 0)
            guard let invoice = try InvoiceQueries.find(db, companyId: actor.companyId, id: invoiceId),
                  invoice.status == .sent || invoice.status == .partiallyPaid, invoice.balanceDueCents > 0,
                  let settings = try ReminderQueries.settings(db, companyId: actor.companyId), settings.enabled,
                  let schedule = try? ReminderSchedule(parsing: settings.schedule),
                  let dueDate = CalendarDate(parsing: invoice.dueDate),
                  let client = try ClientQueries.find(db, companyId: actor.companyId, id: invoice.clientId),
                  !client.isDeleted, !client.email.isEmpty else { return result }
            let now = clock.now()
            let logged = Set(try ReminderQueries.log(db, companyId: actor.companyId, invoiceId: invoiceId).map(\.step))
            if let due = schedule.latestStepDue(dueDate: dueDate, today: today, alreadySent: logged) {
                for step in due.skipped {
                    var entry = ReminderLogRecord(companyId: actor.companyId, invoiceId: invoiceId, step: step, status: .skipped,
                                                  sentAt: now)
                    try ReminderQueries.insertLog(db, &entry)
                    result.skipped += 1
                }
                let company = try invoices.company(db, actor)
                let message = try outbox.enqueue(reminderEmail(invoice, client: client, company: company, step: due.step,
                                                               today: today),
                                                 in: db, by: actor)
                var entry = ReminderLogRecord(companyId: actor.companyId, invoiceId: invoiceId, step: due.step, status: .sent,
                                              sentAt: now, outboxMessageId: message.id)
                try ReminderQueries.insertLog(db, &entry)
                try AuditLog.append(db, Audit.event("invoice.reminder_sent", by: actor, objectType: "invoice", objectId: invoiceId,
                                                    changes: ["step": (nil, String(due.step)), "to": (nil, client.email),
                                                              "skipped": (nil, due.skipped.isEmpty ? nil
                                                                              : due.skipped.map(String.init).joined(separator: ","))],
                                                    at: now))
                result.sent = 1
            }
            if try billLateFee(db, invoice: invoice, settings: settings, dueDate: dueDate, today: today, actor: actor) {
                result.lateFee = 1
            }
            return result
        }
    }

    /// Bills the late fee on a NEW invoice (draft or sent, per the settings) when the fee's
    /// step is reached; once per invoice, never on a late-fee invoice itself. The overdue
    /// invoice is not touched (it is locked, and its triggers would refuse it anyway).
    private func billLateFee(_ db: Database, invoice: InvoiceRecord, settings: ReminderSettingsRecord, dueDate: CalendarDate,
                             today: CalendarDate, actor: Actor) throws -> Bool {
        guard let kind = ReminderSettingsDraft.LateFeeKind(rawValue: settings.lateFeeKind), kind != .none,
              let step = settings.lateFeeAfterStep, today.daysSince(dueDate) >= step,
              let invoiceId = invoice.id, let number = invoice.number,
              try ReminderQueries.lateFee(db, invoiceId: invoiceId) == nil,
              try !ReminderQueries.isLateFeeInvoice(db, invoiceId: invoiceId),
              let amount = ValidReminderSettings.lateFee(kind: kind, value: settings.lateFeeValue, balanceCents: invoice.balanceDueCents),
              amount > 0 else { return false }
        let currency = Currency(code: invoice.currency) ?? .usd
        let draft = InvoiceDraft(clientId: String(invoice.clientId), issueDate: today.description,
                                 paymentTermsDays: String(invoice.paymentTermsDays),
                                 notes: "Late fee on invoice \(number), due \(invoice.dueDate).",
                                 lines: [InvoiceDraft.Line(description: "Late fee on \(number)", quantity: "1",
                                                           unitPrice: MoneyFormat.plain(cents: amount, currency: currency))])
        let fee = try invoices.create(draft, in: db, by: actor)
        let feeId = fee.id ?? 0
        if settings.lateFeeMode == "send" { _ = try invoices.send(feeId, in: db, by: actor) }
        let now = clock.now()
        try ReminderQueries.insertLateFee(db, LateFeeRecord(invoiceId: invoiceId, companyId: actor.companyId, feeInvoiceId: feeId,
                                                            step: step, amountCents: amount, createdAt: now))
        try AuditLog.append(db, Audit.event("invoice.late_fee_billed", by: actor, objectType: "invoice", objectId: invoiceId,
                                            changes: ["fee_invoice_id": (nil, String(feeId)), "amount_cents": (nil, String(amount))],
                                            at: now))
        return true
    }

    func reminderEmail(_ invoice: InvoiceRecord, client: ClientRecord, company: CompanyRecord, step: Int,
                       today: CalendarDate) -> OutboxMessage {
        let number = invoice.number ?? "invoice"
        let currency = Currency(code: invoice.currency) ?? .usd
        let balance = MoneyFormat.display(cents: invoice.balanceDueCents, currency: currency)
        let daysLate = CalendarDate(parsing: invoice.dueDate).map { today.daysSince($0) } ?? step
        let when = daysLate < 0 ? "is due on \(invoice.dueDate), in \(-daysLate) day(s)"
            : daysLate == 0 ? "is due today (\(invoice.dueDate))"
            : "was due on \(invoice.dueDate) and is \(daysLate) day(s) overdue"
        return OutboxMessage(
            companyId: invoice.companyId, kind: .reminder, toAddress: client.email, toName: client.name,
            subject: daysLate < 0 ? "Reminder: invoice \(number) from \(company.name) is due soon"
                : "Reminder: invoice \(number) from \(company.name) is \(daysLate == 0 ? "due today" : "overdue")",
            textBody: """
                Hello \(client.name),

                A friendly reminder: invoice \(number) from \(company.name) \(when).
                Balance due: \(balance).

                You can view the invoice and download it as a PDF here:
                \(invoices.publicLink(invoice))

                If you have already paid, thank you, and please ignore this message.
                \(company.name)
                """)
    }
}
