import App
import Domain
import Foundation
import Store

/// The recurring invoice pages: list, form (the invoice form's client picker, line editor
/// and discount), and detail with the next dates and the invoices issued.
enum RecurringViews {
    static func index(_ page: Page<RecurringTemplateSummary>, _ context: RequestContext) -> HTML {
        let canEdit = context.signedIn.map { Permission.editInvoices.isGranted(to: $0.role) } ?? false
        let newButton: HTML = canEdit ? "<a class=\"button primary\" href=\"/recurring/new\">New recurring invoice</a>" : HTML()
        let listing: HTML
        if page.items.isEmpty {
            listing = Components.emptyState("No recurring invoices yet.",
                                            action: canEdit ? "<a class=\"button primary\" href=\"/recurring/new\">Set up a recurring invoice</a>" : nil)
        } else {
            var rows = HTML()
            for item in page.items {
                rows.append("""
                    <tr><td><a href="/recurring/\(item.id)">\(item.name)</a></td><td>\(item.clientName)</td><td>\(item.frequency.label)</td>\
                    <td>\(item.mode == .send ? "Sends" : "Drafts")</td><td>\(statusBadge(item.status))</td>\
                    <td>\(item.status == .active ? (item.nextRunOn ?? "Ended") : "—")</td><td class="num">\(item.runCount)</td></tr>

                    """)
            }
            listing = Components.table(caption: "Recurring invoices",
                                       headers: [("Name", false), ("Client", false), ("Every", false), ("Mode", false),
                                                 ("Status", false), ("Next", false), ("Issued", true)],
                                       renderedRows: rows)
                + Components.pagination(page, path: "/recurring", query: [])
        }
        return Layout.page("Recurring invoices", context, body: """
            <div class="page-header"><h1>Recurring invoices</h1><div class="actions">\(newButton)</div></div>
            <p class="muted">Issued every morning by the recurring job, each date once.</p>
            \(listing)
            """)
    }

    static func statusBadge(_ status: RecurringTemplateRecord.Status) -> HTML {
        status == .active ? "<span class=\"badge badge-sent\">Active</span>" : "<span class=\"badge badge-draft\">Paused</span>"
    }

    static func form(_ draft: RecurringTemplateDraft, errors: ValidationErrors, templateId: Int64?,
                     clients: [(id: Int64, name: String)], currency: Currency, _ context: RequestContext) -> HTML {
        let title = templateId == nil ? "New recurring invoice" : "Edit recurring invoice"
        let action = templateId.map { "/recurring/\($0)/edit" } ?? "/recurring"
        let cancel = templateId.map { "/recurring/\($0)" } ?? "/recurring"
        let canSend = context.signedIn.map { Permission.sendInvoices.isGranted(to: $0.role) } ?? false
        var modes: [(value: String, label: String)] = [("draft", RecurringTemplateRecord.Mode.draft.label)]
        if canSend || draft.mode == "send" { modes.append(("send", RecurringTemplateRecord.Mode.send.label)) }
        let invoice = draft.invoice
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(Components.errorSummary(errors))<form class="form invoice-form" method="post" action="\(action)" novalidate>
            \(Components.csrfField(context))
            \(Components.field("Name", name: "name", value: draft.name, error: errors["name"], hint: "For you, e.g. Monthly retainer.", required: true))\
            \(InvoiceViews.clientPicker(clients, selected: invoice.clientId, errors: errors))\
            \(Components.select("Every", name: "frequency", options: RecurrenceFrequency.allCases.map { ($0.rawValue, $0.label) }, selected: draft.frequency, error: errors["frequency"], required: true))\
            \(Components.field("First invoice on", name: "start_date", value: draft.startDate, error: errors["start_date"], hint: "YYYY-MM-DD. Later dates keep its day of the month (the 31st becomes the 30th or 28th in short months).", required: true))\
            \(Components.field("Last invoice on or before", name: "end_date", value: draft.endDate, error: errors["end_date"], hint: "Leave empty to go on until you pause or delete it."))\
            \(Components.select("Each invoice", name: "mode", options: modes, selected: draft.mode, error: errors["mode"], hint: "Sending automatically numbers and emails each invoice on its date."))\
            \(Components.field("Payment terms (days)", name: "payment_terms_days", value: invoice.paymentTermsDays, error: errors["payment_terms_days"], hint: "0 for due on receipt; 30 if left empty."))\
            \(InvoiceViews.lineEditor(invoice.lines, errors: errors, currency: currency))
            \(InvoiceViews.discountField(invoice.discountKind))
            \(Components.field("Discount value", name: "discount_value", value: invoice.discountValue, error: errors["discount_value"], hint: "A percentage like 10, or an amount like 50.00."))\
            \(Components.field("Notes", name: "notes", value: invoice.notes, error: errors["notes"], kind: .textarea(rows: 3), hint: "Printed on each invoice."))\
            \(Components.field("Terms", name: "terms", value: invoice.terms, error: errors["terms"], kind: .textarea(rows: 3), hint: "Printed on each invoice."))\
            <div class="form-actions"><button class="button primary" type="submit" name="intent" value="save">Save</button> <a class="button" href="\(cancel)">Cancel</a></div>
            </form>
            """)
    }

    static func detail(_ detail: RecurringTemplateDetail, _ context: RequestContext) -> HTML {
        let role = context.signedIn?.role ?? .viewer
        let template = detail.template
        let id = detail.id
        var actions: [HTML] = []
        if Permission.editInvoices.isGranted(to: role) {
            actions.append("<a class=\"button\" href=\"/recurring/\(id)/edit\">Edit</a>")
            if template.status == .active {
                actions.append(Components.postButton("Pause", action: "/recurring/\(id)/pause", context))
            } else if template.mode == .draft || Permission.sendInvoices.isGranted(to: role) {
                actions.append(Components.postButton("Resume", action: "/recurring/\(id)/resume", context, style: "button primary"))
            }
            actions.append(Components.postButton("Delete", action: "/recurring/\(id)/delete", context, style: "button danger",
                                                 confirm: "Delete “\(template.name)”? No more invoices will be issued; those already issued stay."))
        }
        var upcoming = HTML()
        for date in detail.upcoming { upcoming.append("<li><time datetime=\"\(date.description)\">\(date.description)</time></li>\n") }
        let upcomingHTML: HTML = detail.upcoming.isEmpty
            ? "<p class=\"muted\">\(template.status == .paused ? "Paused: nothing is issued until it is resumed." : "The schedule has ended.")</p>\n"
            : "<ol>\n\(upcoming)</ol>\n"
        var runRows = HTML()
        for run in detail.runs {
            let invoice: HTML = run.invoiceId.map { invoiceId in
                "<a href=\"/invoices/\(invoiceId)\">\(run.invoiceNumber ?? "Draft #\(invoiceId)")</a>"
            } ?? "<span class=\"muted\">Draft deleted</span>"
            let status: HTML = run.invoiceStatus.map { InvoiceViews.badge($0) } ?? HTML()
            runRows.append("<tr><td>\(run.occurrenceDate)</td><td>\(invoice)</td><td>\(status)</td></tr>\n")
        }
        let runs: HTML = detail.runs.isEmpty ? Components.emptyState("No invoices issued yet.")
            : Components.table(caption: "Invoices issued", headers: [("Date", false), ("Invoice", false), ("Status", false)],
                               renderedRows: runRows)
        var lineRows = HTML()
        for line in detail.lines {
            let tax = line.taxName.isEmpty ? "" : TaxRate(name: line.taxName, milliPercent: line.taxMilliPercent).label
            lineRows.append("""
                <tr><td class="multiline">\(line.description)</td><td class="num">\(InvoiceDraft.quantityText(line.quantityThousandths))</td>\
                <td class="num">\(MoneyFormat.display(cents: line.unitPriceCents, currency: detail.currency))</td><td>\(tax)</td></tr>

                """)
        }
        return Layout.page(template.name, context, body: """
            <div class="page-header"><h1>\(template.name) \(statusBadge(template.status))</h1><div class="actions">\(actions.map { $0 + " " })</div></div>
            <dl class="details">
            <dt>Client</dt><dd><a href="/clients/\(template.clientId)">\(detail.clientName)</a></dd>
            <dt>Every</dt><dd>\(template.frequency.label), from \(template.startDate)\(template.endDate.map { " to \($0)" } ?? "")</dd>
            <dt>Each invoice</dt><dd>\(template.mode.label) (\(PaymentTerms(netDays: template.paymentTermsDays)?.label ?? ""))</dd>
            </dl>
            \(Components.table(caption: "Lines", headers: [("Description", false), ("Quantity", true), ("Unit price", true), ("Tax", false)], renderedRows: lineRows))\
            <section><h2>Next invoices</h2>
            \(upcomingHTML)</section>
            <section><h2>Issued</h2>
            \(runs)</section>
            <p><a href="/recurring">Back to recurring invoices</a></p>
            """)
    }
}

/// The reminder settings page, and the small reminder list on an invoice's page.
enum ReminderViews {
    static func settings(_ draft: ReminderSettingsDraft, errors: ValidationErrors, _ context: RequestContext) -> HTML {
        let enabled: HTML = draft.enabled ? " checked" : HTML()
        return Layout.page("Payment reminders", context, body: """
            <div class="page-header"><h1>Payment reminders</h1></div>
            <p class="muted">Each morning the reminder job emails clients about unpaid invoices on the days below, counted from the due date. Each day is sent once; paid and void invoices get nothing.</p>
            \(Components.errorSummary(errors))<form class="form" method="post" action="/settings/reminders" novalidate>
            \(Components.csrfField(context))
            <div class="field"><label class="checkbox" for="enabled"><input type="checkbox" id="enabled" name="enabled" value="1"\(enabled)> Send payment reminders</label></div>
            \(Components.field("Reminder days", name: "schedule", value: draft.schedule, error: errors["schedule"], hint: "Days from the due date, separated by commas: -3 is three days before, 0 the due date, 7 a week late.", required: true))\
            \(Components.select("Late fee", name: "late_fee_kind", options: [("none", "No late fee"), ("fixed", "A fixed amount"), ("percentage", "A percentage of the balance due")], selected: draft.lateFeeKind, error: errors["late_fee_kind"]))\
            \(Components.field("Late fee amount", name: "late_fee_value", value: draft.lateFeeValue, error: errors["late_fee_value"], hint: "An amount like 25.00, or a percentage like 1.5."))\
            \(Components.field("Bill the fee on reminder day", name: "late_fee_after_step", value: draft.lateFeeAfterStep, error: errors["late_fee_after_step"], hint: "One of the reminder days after the due date, e.g. 14. The fee goes on a new invoice, once per invoice."))\
            \(Components.select("The late fee invoice", name: "late_fee_mode", options: [("draft", "Is created as a draft"), ("send", "Is sent automatically")], selected: draft.lateFeeMode, error: errors["late_fee_mode"]))\
            <div class="form-actions"><button class="button primary" type="submit">Save</button></div>
            </form>
            """)
    }

    /// The "Reminders" section of an invoice's page; nothing when no reminder went out.
    static func invoiceReminders(_ log: [ReminderLogRecord]) -> HTML {
        guard !log.isEmpty else { return HTML() }
        var items = HTML()
        for entry in log {
            let day = entry.step == 0 ? "on the due date" : entry.step < 0 ? "\(-entry.step) day(s) before the due date"
                : "\(entry.step) day(s) after the due date"
            let what = entry.status == .sent ? "Reminder sent" : "Skipped (a later reminder was due)"
            items.append("<li><time datetime=\"\(ISOTime.string(entry.sentAt))\">\(DisplayDate.day(entry.sentAt))</time> \(what): \(day).</li>\n")
        }
        return "<section class=\"reminders\"><h2>Reminders</h2><ol>\n\(items)</ol></section>\n"
    }
}
