import App
import Domain
import Foundation
import Store

/// The estimate pages, shaped like the invoice pages (and sharing their form parsing, line
/// editor and document views). Every id is looked up within the signed-in company: another
/// company's id is a 404 for every verb.
enum EstimatePages {
    /// GET /estimates?status=&q=&page= — Permission: viewEstimates.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let filter = EstimateListFilter(status: EstimateStatus(rawValue: request.query["status"] ?? ""),
                                        search: String((request.query["q"] ?? "").prefix(200)))
        let page = try context.app.estimates.list(for: context.actor(), filter: filter, page: PageRequest(query: request.query["page"]))
        return .html(EstimateViews.index(page, filter: filter, today: InvoiceDates.today(context.app.clock.now()), context))
    }

    /// GET /estimates/new?client= — Permission: editEstimates. Issue date today; valid until
    /// today plus the company's default validity.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let today = InvoiceDates.today(context.app.clock.now())
        let days = try context.app.estimates.defaultValidDays(for: actor)
        let draft = EstimateDraft(clientId: request.query["client"] ?? "", issueDate: today.description,
                                  validUntil: today.adding(days: days).description)
        return try form(draft, errors: ValidationErrors(), estimateId: nil, actor: actor, context)
    }

    /// POST /estimates — Permission: editEstimates. 303 → the draft; invalid → 422.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let form = try request.form()
        var draft = draft(from: form)
        if form["intent"] == "add_line" {
            draft.lines.append(EstimateDraft.Line())
            return try self.form(draft, errors: ValidationErrors(), estimateId: nil, actor: actor, context)
        }
        do {
            let estimate = try context.app.estimates.create(draft, by: actor)
            context.setFlash(.success, "Draft estimate saved.")
            return .seeOther("/estimates/\(estimate.id ?? 0)")
        } catch AppError.invalid(let errors) {
            return try self.form(draft, errors: errors, estimateId: nil, actor: actor, context, status: 422)
        }
    }

    /// GET /estimates/{id} — Permission: viewEstimates.
    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let detail = try context.app.estimates.get(request.id(), for: actor)
        let timeline = try context.app.estimates.timeline(detail.id, for: actor)
        return .html(EstimateViews.detail(detail, timeline: timeline, link: context.app.estimates.publicLink(detail.estimate),
                                          today: InvoiceDates.today(context.app.clock.now()), context))
    }

    /// GET /estimates/{id}/edit — Permission: editEstimates. A sent estimate answers 409.
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let detail = try context.app.estimates.get(request.id(), for: actor)
        guard detail.estimate.status == .draft else { throw AppError.conflict(EstimateService.lockedMessage) }
        return try form(detail.draft, errors: ValidationErrors(), estimateId: detail.id, actor: actor, context)
    }

    /// POST /estimates/{id}/edit — Permission: editEstimates. 303; invalid → 422; sent → 409.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let id = try request.id()
        let existing = try context.app.estimates.get(id, for: actor)
        guard existing.estimate.status == .draft else { throw AppError.conflict(EstimateService.lockedMessage) }
        let form = try request.form()
        var draft = draft(from: form)
        if form["intent"] == "add_line" {
            draft.lines.append(EstimateDraft.Line())
            return try self.form(draft, errors: ValidationErrors(), estimateId: id, actor: actor, context)
        }
        do {
            _ = try context.app.estimates.update(id, with: draft, by: actor)
            context.setFlash(.success, "Draft estimate saved.")
            return .seeOther("/estimates/\(id)")
        } catch AppError.invalid(let errors) {
            return try self.form(draft, errors: errors, estimateId: id, actor: actor, context, status: 422)
        }
    }

    /// POST /estimates/{id}/send — Permission: sendEstimates. A double submit sends once.
    static func send(_ request: Request, _ context: RequestContext) throws -> Response {
        let result = try context.app.estimates.send(request.id(), by: context.actor())
        let number = result.estimate.number ?? ""
        if !result.sentNow {
            context.setFlash(.info, "\(number) was already sent.")
        } else if result.emailed {
            context.setFlash(.success, "Estimate \(number) sent; the email with the PDF and the link is on its way.")
        } else {
            context.setFlash(.info, "Estimate \(number) issued. The client has no email address, so no email was sent: share the link.")
        }
        return .seeOther("/estimates/\(result.estimate.id ?? 0)")
    }

    /// POST /estimates/{id}/convert — Permission: editEstimates (and editInvoices in the
    /// service). 303 → the invoice draft; a second convert goes to the same invoice.
    static func convert(_ request: Request, _ context: RequestContext) throws -> Response {
        let result = try context.app.estimates.convert(request.id(), by: context.actor())
        context.setFlash(result.convertedNow ? .success : .info,
                         result.convertedNow ? "Estimate \(result.estimate.number ?? "") converted into a draft invoice."
                                             : "\(result.estimate.number ?? "This estimate") was already converted: here is its invoice.")
        return .seeOther("/invoices/\(result.invoice.id ?? 0)")
    }

    /// POST /estimates/{id}/delete — Permission: editEstimates. Drafts only; 303 → the list.
    static func delete(_ request: Request, _ context: RequestContext) throws -> Response {
        try context.app.estimates.delete(request.id(), by: context.actor())
        context.setFlash(.success, "Draft estimate deleted.")
        return .seeOther("/estimates")
    }

    /// GET /estimates/{id}/pdf — Permission: viewEstimates.
    static func pdf(_ request: Request, _ context: RequestContext) throws -> Response {
        let (filename, data) = try context.app.estimates.pdf(request.id(), for: context.actor())
        return InvoicePages.pdfResponse(filename: filename, data: data)
    }

    /// GET /e/{token} — anonymous: the client's page with Accept and Decline forms while the
    /// estimate is open. A draft or an unknown token is 404.
    static func publicShow(_ request: Request, _ context: RequestContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let detail = try context.app.estimates.publicEstimate(token: token)
        return publicPage(detail, token: token, name: "", errors: ValidationErrors(), context)
    }

    /// POST /e/{token}/accept and /e/{token}/decline — anonymous, CSRF-checked (the
    /// double-submit cookie for a visitor) and rate limited by nginx. Name required: 422.
    static func accept(_ request: Request, _ context: RequestContext) throws -> Response {
        try respond(.accept, request, context)
    }

    static func decline(_ request: Request, _ context: RequestContext) throws -> Response {
        try respond(.decline, request, context)
    }

    static func respond(_ answer: EstimateResponse, _ request: Request, _ context: RequestContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let name = try request.form()["name"] ?? ""
        do {
            _ = try context.app.estimates.respond(token: token, answer, name: name, requestId: context.requestId,
                                                  ip: context.remoteAddress)
            return .seeOther("/e/\(token)")
        } catch AppError.invalid(let errors) {
            let detail = try context.app.estimates.publicEstimate(token: token)
            return publicPage(detail, token: token, name: name, errors: errors, context, status: 422)
        }
    }

    static func publicPage(_ detail: EstimateDetail, token: String, name: String, errors: ValidationErrors,
                           _ context: RequestContext, status: Int = 200) -> Response {
        var response = Response.html(EstimateViews.publicPage(detail, token: token, name: name, errors: errors,
                                                              today: InvoiceDates.today(context.app.clock.now()), context),
                                     status: status)
        response.setHeader("Cache-Control", "private, no-store")
        return response
    }

    /// GET /e/{token}/pdf — anonymous: the stored PDF behind the link.
    static func publicPDF(_ request: Request, _ context: RequestContext) throws -> Response {
        let (filename, data) = try context.app.estimates.publicPDF(token: request.pathParameters["token"] ?? "")
        return InvoicePages.pdfResponse(filename: filename, data: data)
    }

    static func form(_ draft: EstimateDraft, errors: ValidationErrors, estimateId: Int64?, actor: Actor,
                     _ context: RequestContext, status: Int = 200) throws -> Response {
        let clients = try context.app.estimates.clientOptions(for: actor)
        let currency = Currency(code: context.signedIn?.company.currency ?? "USD") ?? .usd
        let days = try context.app.estimates.defaultValidDays(for: actor)
        return .html(EstimateViews.form(draft, errors: errors, estimateId: estimateId, clients: clients, currency: currency,
                                        validDays: days, context), status: status)
    }

    /// The form's fields: the invoice form's parsing, with "valid until" in the due date's place.
    static func draft(from form: FormData) -> EstimateDraft {
        let invoice = InvoicePages.draft(from: form)
        return EstimateDraft(clientId: invoice.clientId, issueDate: invoice.issueDate, validUntil: form["valid_until"] ?? "",
                             discountKind: invoice.discountKind, discountValue: invoice.discountValue, notes: invoice.notes,
                             terms: invoice.terms, lines: invoice.lines)
    }
}
