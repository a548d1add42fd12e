import App
import Domain
import Foundation
import Store

/// The recurring invoice pages (issue 4, point 7). Every id is looked up within the
/// signed-in company: another company's id is a 404 for every verb.
enum RecurringPages {
    /// GET /recurring?page= — Permission: viewInvoices.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let page = try context.app.recurring.list(for: context.actor(), page: PageRequest(query: request.query["page"]))
        return .html(RecurringViews.index(page, context))
    }

    /// GET /recurring/new?client= — Permission: editInvoices. Starts on the 1st of next month, Net 30.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        let today = InvoiceDates.today(context.app.clock.now())
        let firstOfNext = CalendarDate(year: today.month == 12 ? today.year + 1 : today.year, month: today.month % 12 + 1, day: 1) ?? today
        let draft = RecurringTemplateDraft(startDate: firstOfNext.description,
                                           invoice: InvoiceDraft(clientId: request.query["client"] ?? "",
                                                                 paymentTermsDays: String(InvoiceDraft.defaultPaymentTermsDays)))
        return try form(draft, errors: ValidationErrors(), templateId: nil, actor: context.actor(), context)
    }

    /// POST /recurring — Permission: editInvoices (and sendInvoices to send automatically).
    /// `intent=add_line` shows the form again with one more row; 303 → the template, or 422.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let form = try request.form()
        var draft = draft(from: form)
        if form["intent"] == "add_line" {
            draft.invoice.lines.append(InvoiceDraft.Line())
            return try self.form(draft, errors: ValidationErrors(), templateId: nil, actor: actor, context)
        }
        do {
            let template = try context.app.recurring.create(draft, by: actor)
            context.setFlash(.success, "Recurring invoice “\(template.name)” saved.")
            return .seeOther("/recurring/\(template.id ?? 0)")
        } catch AppError.invalid(let errors) {
            return try self.form(draft, errors: errors, templateId: nil, actor: actor, context, status: 422)
        }
    }

    /// GET /recurring/{id} — Permission: viewInvoices. The schedule, the next dates and the
    /// invoices issued so far.
    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let detail = try context.app.recurring.get(request.id(), for: context.actor())
        return .html(RecurringViews.detail(detail, context))
    }

    /// GET /recurring/{id}/edit — Permission: editInvoices.
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let detail = try context.app.recurring.get(request.id(), for: actor)
        return try form(detail.draft, errors: ValidationErrors(), templateId: detail.id, actor: actor, context)
    }

    /// POST /recurring/{id}/edit — Permission: editInvoices. 303 → the template; invalid → 422.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let id = try request.id()
        _ = try context.app.recurring.get(id, for: actor)   // ours, before echoing anything
        let form = try request.form()
        var draft = draft(from: form)
        if form["intent"] == "add_line" {
            draft.invoice.lines.append(InvoiceDraft.Line())
            return try self.form(draft, errors: ValidationErrors(), templateId: id, actor: actor, context)
        }
        do {
            _ = try context.app.recurring.update(id, with: draft, by: actor)
            context.setFlash(.success, "Recurring invoice saved.")
            return .seeOther("/recurring/\(id)")
        } catch AppError.invalid(let errors) {
            return try self.form(draft, errors: errors, templateId: id, actor: actor, context, status: 422)
        }
    }

    /// POST /recurring/{id}/pause — Permission: editInvoices. 303 → the template.
    static func pause(_ request: Request, _ context: RequestContext) throws -> Response {
        let template = try context.app.recurring.pause(request.id(), by: context.actor())
        context.setFlash(.success, "“\(template.name)” paused: no invoices until you resume it.")
        return .seeOther("/recurring/\(template.id ?? 0)")
    }

    /// POST /recurring/{id}/resume — Permission: editInvoices (sendInvoices for one that sends). 303 → the template.
    static func resume(_ request: Request, _ context: RequestContext) throws -> Response {
        let template = try context.app.recurring.resume(request.id(), by: context.actor())
        context.setFlash(.success, "“\(template.name)” resumed; next invoice on \(template.nextRunOn ?? "—").")
        return .seeOther("/recurring/\(template.id ?? 0)")
    }

    /// POST /recurring/{id}/delete — Permission: editInvoices. Invoices already issued stay. 303 → the list.
    static func delete(_ request: Request, _ context: RequestContext) throws -> Response {
        try context.app.recurring.delete(request.id(), by: context.actor())
        context.setFlash(.success, "Recurring invoice deleted. The invoices it issued are kept.")
        return .seeOther("/recurring")
    }

    static func form(_ draft: RecurringTemplateDraft, errors: ValidationErrors, templateId: Int64?, actor: Actor,
                     _ context: RequestContext, status: Int = 200) throws -> Response {
        let clients = try context.app.invoices.clientOptions(for: actor)
        return .html(RecurringViews.form(draft, errors: errors, templateId: templateId, clients: clients,
                                         currency: Components.currency(context), context), status: status)
    }

    static func draft(from form: FormData) -> RecurringTemplateDraft {
        RecurringTemplateDraft(name: form["name"] ?? "", frequency: form["frequency"] ?? "", startDate: form["start_date"] ?? "",
                               endDate: form["end_date"] ?? "", mode: form["mode"] ?? "draft",
                               invoice: InvoicePages.draft(from: form))
    }
}

/// GET/POST /settings/reminders — Permission: manageReminders (admin and owner).
enum ReminderSettingsPages {
    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let draft = try context.app.reminders.settings(for: context.actor())
        return .html(ReminderViews.settings(draft, errors: ValidationErrors(), context))
    }

    /// 303 → the same page; a bad schedule or fee → 422 with the field messages.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        let draft = ReminderSettingsDraft(enabled: form["enabled"] == "1", schedule: form["schedule"] ?? "",
                                          lateFeeKind: form["late_fee_kind"] ?? "none", lateFeeValue: form["late_fee_value"] ?? "",
                                          lateFeeAfterStep: form["late_fee_after_step"] ?? "",
                                          lateFeeMode: form["late_fee_mode"] ?? "draft")
        do {
            try context.app.reminders.updateSettings(draft, by: context.actor())
            context.setFlash(.success, draft.enabled ? "Reminder settings saved; reminders are on." : "Reminder settings saved; reminders are off.")
            return .seeOther("/settings/reminders")
        } catch AppError.invalid(let errors) {
            return .html(ReminderViews.settings(draft, errors: errors, context), status: 422)
        }
    }
}
