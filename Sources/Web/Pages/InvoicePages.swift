import App
import Domain
import Foundation
import Store

/// The invoice pages. Every id is looked up within the signed-in company: another
/// company's id is a 404 for every verb.
enum InvoicePages {
    /// GET /invoices?status=&q=&client=&page=&after=|before= — Permission: viewInvoices. Next and
    /// Previous carry a cursor (the neighbouring row's id) so a late page seeks, not skips.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let filter = InvoiceListFilter(status: InvoiceStatus(rawValue: request.query["status"] ?? ""),
                                       clientId: request.query["client"].flatMap { Int64($0) },
                                       search: String((request.query["q"] ?? "").prefix(200)))
        let page = try context.app.invoices.list(for: context.actor(), filter: filter,
                                                 page: PageRequest(query: request.query["page"], after: request.query["after"],
                                                                   before: request.query["before"]))
        return .html(InvoiceViews.index(page, filter: filter, context))
    }

    /// GET /invoices/new?client= — Permission: editInvoices. Issue date today, Net 30.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let today = InvoiceDates.today(context.app.clock.now())
        let draft = InvoiceDraft(clientId: request.query["client"] ?? "", issueDate: today.description,
                                 paymentTermsDays: String(InvoiceDraft.defaultPaymentTermsDays))
        return try form(draft, errors: ValidationErrors(), invoiceId: nil, actor: actor, context)
    }

    /// POST /invoices — Permission: editInvoices. `intent=add_line` shows the form again with
    /// one more row (nothing saved); otherwise 303 → the new draft, or 422 with messages.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let form = try request.form()
        var draft = draft(from: form)
        if form["intent"] == "add_line" {
            draft.lines.append(InvoiceDraft.Line())
            return try self.form(draft, errors: ValidationErrors(), invoiceId: nil, actor: actor, context)
        }
        do {
            let invoice = try context.app.invoices.create(draft, by: actor)
            context.setFlash(.success, "Draft invoice saved.")
            return .seeOther("/invoices/\(invoice.id ?? 0)")
        } catch AppError.invalid(let errors) {
            return try self.form(draft, errors: errors, invoiceId: nil, actor: actor, context, status: 422)
        }
    }

    /// GET /invoices/{id} — Permission: viewInvoices.
    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let detail = try context.app.invoices.get(request.id(), for: actor)
        let timeline = try context.app.invoices.timeline(detail.id, for: actor)
        let reminders = ReminderViews.invoiceReminders(try context.app.reminders.log(detail.id, for: actor))
        return .html(InvoiceViews.detail(detail, timeline: timeline, link: context.app.invoices.publicLink(detail.invoice), context,
                                         reminders: reminders))
    }

    /// GET /invoices/{id}/edit — Permission: editInvoices. A sent invoice answers 409.
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let detail = try context.app.invoices.get(request.id(), for: actor)
        guard detail.invoice.status == .draft else { throw AppError.conflict(InvoiceService.lockedMessage) }
        return try form(detail.draft, errors: ValidationErrors(), invoiceId: detail.id, actor: actor, context)
    }

    /// POST /invoices/{id}/edit — Permission: editInvoices. 303 → the invoice; invalid →
    /// 422; sent → 409 with the locked message.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let id = try request.id()
        // Confirm the invoice is ours, and still a draft, before reading or echoing anything.
        let existing = try context.app.invoices.get(id, for: actor)
        guard existing.invoice.status == .draft else { throw AppError.conflict(InvoiceService.lockedMessage) }
        let form = try request.form()
        var draft = draft(from: form)
        if form["intent"] == "add_line" {
            draft.lines.append(InvoiceDraft.Line())
            return try self.form(draft, errors: ValidationErrors(), invoiceId: id, actor: actor, context)
        }
        do {
            _ = try context.app.invoices.update(id, with: draft, by: actor)
            context.setFlash(.success, "Draft invoice saved.")
            return .seeOther("/invoices/\(id)")
        } catch AppError.invalid(let errors) {
            return try self.form(draft, errors: errors, invoiceId: id, actor: actor, context, status: 422)
        }
    }

    /// POST /invoices/{id}/send — Permission: sendInvoices. 303 → the invoice. Sending twice
    /// (a double submit) sends once; an invoice without lines answers 422.
    static func send(_ request: Request, _ context: RequestContext) throws -> Response {
        let result = try context.app.invoices.send(request.id(), by: context.actor())
        let number = result.invoice.number ?? ""
        if !result.sentNow {
            context.setFlash(.info, "\(number) was already sent.")
        } else if result.emailed {
            context.setFlash(.success, "Invoice \(number) sent; the email with the PDF is on its way.")
        } else {
            context.setFlash(.info, "Invoice \(number) issued. The client has no email address, so no email was sent: share the PDF or the link.")
        }
        return .seeOther("/invoices/\(result.invoice.id ?? 0)")
    }

    /// POST /invoices/{id}/void — Permission: voidInvoices. 303 → the invoice.
    static func void(_ request: Request, _ context: RequestContext) throws -> Response {
        let invoice = try context.app.invoices.void(request.id(), by: context.actor())
        context.setFlash(.success, "Invoice \(invoice.number ?? "") voided.")
        return .seeOther("/invoices/\(invoice.id ?? 0)")
    }

    /// POST /invoices/{id}/delete — Permission: editInvoices. Drafts only; 303 → the list.
    static func delete(_ request: Request, _ context: RequestContext) throws -> Response {
        try context.app.invoices.delete(request.id(), by: context.actor())
        context.setFlash(.success, "Draft invoice deleted.")
        return .seeOther("/invoices")
    }

    /// GET /invoices/{id}/pdf — Permission: viewInvoices. The stored PDF of a sent invoice
    /// (a draft: a preview), as a download.
    static func pdf(_ request: Request, _ context: RequestContext) throws -> Response {
        let (filename, data) = try context.app.invoices.pdf(request.id(), for: context.actor())
        return pdfResponse(filename: filename, data: data)
    }

    /// GET /invoices/{id}/print — Permission: viewInvoices. Printable HTML.
    static func print(_ request: Request, _ context: RequestContext) throws -> Response {
        let detail = try context.app.invoices.get(request.id(), for: context.actor())
        return .html(InvoiceViews.printable(detail, context))
    }

    /// GET /i/{token} — anonymous: the client's view of a sent invoice. A draft or an
    /// unknown token is 404. The first view each day goes on the invoice's timeline.
    static func publicShow(_ request: Request, _ context: RequestContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let detail = try context.app.invoices.publicInvoice(token: token, requestId: context.requestId, ip: context.remoteAddress)
        var response = Response.html(InvoiceViews.publicPage(detail, token: token, context))
        response.setHeader("Cache-Control", "private, no-store")
        return response
    }

    /// GET /i/{token}/pdf — anonymous: the stored PDF behind a client's link.
    static func publicPDF(_ request: Request, _ context: RequestContext) throws -> Response {
        let (filename, data) = try context.app.invoices.publicPDF(token: request.pathParameters["token"] ?? "")
        return pdfResponse(filename: filename, data: data)
    }

    static func pdfResponse(filename: String, data: [UInt8]) -> Response {
        let safe = String(filename.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || "0123456789-_.".unicodeScalars.contains($0)) })
        return Response(status: 200, headers: [("Content-Type", "application/pdf"),
                                               ("Content-Disposition", "attachment; filename=\"\(safe.isEmpty ? "invoice.pdf" : safe)\""),
                                               ("Cache-Control", "private, no-store")],
                        body: data)
    }

    static func form(_ draft: InvoiceDraft, errors: ValidationErrors, invoiceId: Int64?, actor: Actor,
                     _ context: RequestContext, status: Int = 200) throws -> Response {
        let clients = try context.app.invoices.clientOptions(for: actor)
        let currency = Currency(code: context.signedIn?.company.currency ?? "USD") ?? .usd
        return .html(InvoiceViews.form(draft, errors: errors, invoiceId: invoiceId, clients: clients, currency: currency, context),
                     status: status)
    }

    /// The form's fields; line columns are repeated inputs, one per row, in row order.
    static func draft(from form: FormData) -> InvoiceDraft {
        let descriptions = form.all("line_description")
        let quantities = form.all("line_quantity")
        let prices = form.all("line_unit_price")
        let taxNames = form.all("line_tax_name")
        let taxPercents = form.all("line_tax_percent")
        let count = min(max(descriptions.count, quantities.count, prices.count, taxNames.count, taxPercents.count),
                        InvoiceDraft.maxLines + 1)
        func at(_ values: [String], _ index: Int) -> String { index < values.count ? values[index] : "" }
        let lines = (0..<count).map { index in
            InvoiceDraft.Line(description: at(descriptions, index), quantity: at(quantities, index), unitPrice: at(prices, index),
                              taxName: at(taxNames, index), taxPercent: at(taxPercents, index))
        }
        return InvoiceDraft(clientId: form["client_id"] ?? "", issueDate: form["issue_date"] ?? "", dueDate: form["due_date"] ?? "",
                            paymentTermsDays: form["payment_terms_days"] ?? "", discountKind: form["discount_kind"] ?? "none",
                            discountValue: form["discount_value"] ?? "", notes: form["notes"] ?? "", terms: form["terms"] ?? "",
                            lines: lines)
    }
}

enum InvoiceDates {
    /// Today as a UTC calendar day (per-company time zones are a later capability).
    static func today(_ now: Date) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
