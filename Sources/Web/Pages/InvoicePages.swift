import App
import Domain
import Foundation
import Store

/// The invoice pages. Every id is looked up within the signed-in company: another
/// company's id is a 404 for every verb.
enum InvoicePages {
    /// GET /invoices?status=&q=&client=&project=&page=&after=|before= — Permission: viewInvoices. Next and
    /// Previous carry a cursor (the neighbouring row's id) so a late page seeks, not skips.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let filter = InvoiceListFilter(status: InvoiceStatus(rawValue: request.query["status"] ?? ""),
                                       clientId: request.query["client"].flatMap { Int64($0) },
                                       projectId: request.query["project"].flatMap { Int64($0) },
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
    /// one more row, `intent=add_catalog_item` with a row copied from `catalog_item_id`
    /// (nothing saved); otherwise 303 → the new draft, or 422 with messages.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let form = try request.form()
        var draft = draft(from: form)
        if let response = try formIntent(form, &draft, invoiceId: nil, actor: actor, context) { return response }
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
        let page = try context.app.invoices.page(request.id(), for: actor)
        return .html(InvoiceViews.detail(page.detail, timeline: page.timeline, link: context.app.invoices.publicLink(page.detail.invoice),
                                         context, reminders: ReminderViews.invoiceReminders(page.reminders)))
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
        if let response = try formIntent(form, &draft, invoiceId: id, actor: actor, context) { return response }
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
        let options = try context.app.invoices.formOptions(for: actor)
        let currency = Currency(code: context.signedIn?.company.currency ?? "USD") ?? .usd
        return .html(InvoiceViews.form(draft, errors: errors, invoiceId: invoiceId, clients: clients, currency: currency, context,
                                       taxRates: options.taxRates, catalog: options.catalog, projects: options.projects),
                     status: status)
    }

    /// The form's intents: `add_line` shows it again with one more row, `add_catalog_item` appends a row copied
    /// from the chosen catalog item (nothing saved); then every row's tax select (`line_tax`)
    /// becomes its snapshot. A response (the form again, 200 or 422) or nil: go on and save.
    static func formIntent(_ form: FormData, _ draft: inout InvoiceDraft, invoiceId: Int64?, actor: Actor,
                           _ context: RequestContext) throws -> Response? {
        let options = try context.app.invoices.formOptions(for: actor)
        var errors = resolveTaxes(form, &draft, rates: options.taxRates)
        if form["intent"] == "add_line" {
            draft.lines.append(InvoiceDraft.Line())
            return try self.form(draft, errors: errors, invoiceId: invoiceId, actor: actor, context, status: errors.isEmpty ? 200 : 422)
        }
        if form["intent"] == "add_catalog_item" {
            let itemId = Int64(form["catalog_item_id"] ?? "").flatMap { id in options.catalog.contains { $0.id == id } ? id : nil }
            if let itemId {
                while draft.lines.last?.isBlank == true && draft.lines.last?.lineId == nil { draft.lines.removeLast() }
                draft.lines.append(try context.app.invoices.catalogLine(itemId: itemId, for: actor))
                return try self.form(draft, errors: errors, invoiceId: invoiceId, actor: actor, context, status: errors.isEmpty ? 200 : 422)
            }
            errors.add("catalog_item_id", "Choose an item from the catalog.")
        }
        guard errors.isEmpty else { return try self.form(draft, errors: errors, invoiceId: invoiceId, actor: actor, context, status: 422) }
        return nil
    }

    /// Turns each row's `line_tax` choice into its tax snapshot: `none` is no tax, a rate id
    /// (a live rate of the company) its name and percentage, empty keeps the snapshot in the
    /// row's hidden `line_tax_name`/`line_tax_percent` (a rate since archived or edited).
    /// Without `line_tax` fields (older forms, scripts) the free-form fields stand. A row left
    /// blank stays blank whatever its select says. Unknown rates are field messages.
    static func resolveTaxes(_ form: FormData, _ draft: inout InvoiceDraft, rates: [TaxRateRecord]) -> ValidationErrors {
        var errors = ValidationErrors()
        let choices = form.all("line_tax")
        for (index, choice) in choices.enumerated() where index < draft.lines.count {
            var line = draft.lines[index]
            let typed = [line.description, line.quantity, line.unitPrice].contains { !$0.trimmingWhitespace().isEmpty }
            switch choice {
            case "":
                continue
            case "none":
                (line.taxName, line.taxPercent) = ("", "")
            default:
                if let id = Int64(choice), let rate = rates.first(where: { $0.id == id }) {
                    (line.taxName, line.taxPercent) = (rate.name, InvoiceDraft.percentText(rate.milliPercent))
                } else {
                    errors.add(InvoiceDraft.lineField(index, "tax"), "Choose a tax rate from the list.")
                    continue
                }
            }
            if !typed { (line.taxName, line.taxPercent) = ("", "") }
            draft.lines[index] = line
        }
        return errors
    }

    /// The form's fields; line columns are repeated inputs, one per row, in row order.
    static func draft(from form: FormData) -> InvoiceDraft {
        let descriptions = form.all("line_description")
        let quantities = form.all("line_quantity")
        let prices = form.all("line_unit_price")
        let taxNames = form.all("line_tax_name")
        let taxPercents = form.all("line_tax_percent")
        // Hidden per row (empty when none): the stored line it edits, the catalog item it came from.
        let lineIds = form.all("line_id")
        let catalogIds = form.all("line_catalog_item_id")
        let count = min(max(descriptions.count, quantities.count, prices.count, taxNames.count, taxPercents.count),
                        InvoiceDraft.maxLines + 1)
        func at(_ values: [String], _ index: Int) -> String { index < values.count ? values[index] : "" }
        func id(_ values: [String], _ index: Int) -> Int64? { Int64(at(values, index)).flatMap { $0 > 0 ? $0 : nil } }
        let lines = (0..<count).map { index in
            InvoiceDraft.Line(description: at(descriptions, index), quantity: at(quantities, index), unitPrice: at(prices, index),
                              taxName: at(taxNames, index), taxPercent: at(taxPercents, index),
                              catalogItemId: id(catalogIds, index), lineId: id(lineIds, index))
        }
        return InvoiceDraft(clientId: form["client_id"] ?? "", projectId: form["project_id"] ?? "", issueDate: form["issue_date"] ?? "", dueDate: form["due_date"] ?? "",
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
