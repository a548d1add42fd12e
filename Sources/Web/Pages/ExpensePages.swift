import App
import Domain
import Foundation
import Store

/// The expense pages. Every id — in the path, or a client or project chosen in the form — is
/// looked up within the signed-in company: another company's id is a 404 for every verb.
/// The form is multipart (it carries the receipt); a receipt that is too large (up to the
/// 12 MB body limit), empty or not a JPEG, PNG, PDF or HEIC by its bytes comes back as the
/// receipt field's message with the rest of the form as typed (422).
enum ExpensePages {
    /// The file input's name.
    static let receiptField = "receipt"

    /// GET /expenses?q=&client=&project=&billing=&from=&to=&status=deleted&page= — Permission: viewExpenses.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let query = ExpenseListQuery(request.query)
        let page = try context.app.expenses.list(for: actor, filter: query.filter, page: PageRequest(query: request.query["page"]))
        let options = try formOptions(context)
        return .html(ExpenseViews.index(page, query: query, options: options, context))
    }

    /// GET /expenses/{id} — Permission: viewExpenses.
    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let detail = try context.app.expenses.detail(request.id(), for: actor)
        return .html(ExpenseViews.detail(detail, canChange: context.app.expenses.canChange(detail.expense, by: actor), context))
    }

    /// GET /expenses/{id}/receipt — Permission: viewExpenses. After the permission check the
    /// app answers with `X-Accel-Redirect` and nginx sends the file from its internal location
    /// (images and PDFs inline, HEIC as a download). No receipt, or another company's: 404.
    static func receipt(_ request: Request, _ context: RequestContext) throws -> Response {
        let download = try context.app.expenses.receipt(request.id(), for: context.actor())
        var response = Response.accelRedirect(mediaKey: download.key, downloadName: download.filename, inline: download.inline)
        response.setHeader("Cache-Control", "private, no-store")
        return response
    }

    /// GET /expenses/new?project= — Permission: recordExpenses.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        _ = try context.actor()
        var draft = ExpenseDraft(spentOn: CalendarDate(daysSinceEpoch: Int(floor(context.app.clock.now().timeIntervalSince1970 / 86_400))).description)
        if let project = request.query["project"] { draft.projectId = project }
        if let client = request.query["client"] { draft.clientId = client }
        return .html(ExpenseViews.form(draft, options: try formOptions(context), errors: ValidationErrors(), expense: nil, context))
    }

    /// POST /expenses — Permission: recordExpenses. 303 → the expense; invalid → 422 with messages.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        let draft = draft(from: form)
        do {
            let expense = try context.app.expenses.create(draft, receipt: receipt(from: request), by: context.actor())
            context.setFlash(.success, "Expense from “\(expense.vendor)” recorded.")
            return .seeOther("/expenses/\(expense.id ?? 0)")
        } catch AppError.invalid(let errors) {
            return .html(ExpenseViews.form(draft, options: try formOptions(context), errors: errors, expense: nil, context), status: 422)
        }
    }

    /// GET /expenses/{id}/edit — Permission: recordExpenses (their own; managers anyone's).
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let expense = try context.app.expenses.get(request.id(), for: actor)
        guard context.app.expenses.canChange(expense, by: actor) else {
            throw expense.isInvoiced ? AppError.conflict("This expense is on an invoice and can no longer be changed or deleted.")
                : AppError.forbidden
        }
        let currency = Currency(code: expense.currency) ?? Components.currency(context)
        let draft = ExpenseDraft(spentOn: expense.spentOn, vendor: expense.vendor, category: expense.category,
                                 amount: MoneyFormat.plain(cents: expense.amountCents, currency: currency),
                                 tax: expense.taxCents == 0 ? "" : MoneyFormat.plain(cents: expense.taxCents, currency: currency),
                                 clientId: expense.clientId.map(String.init) ?? "", projectId: expense.projectId.map(String.init) ?? "",
                                 billable: expense.billable,
                                 markup: expense.markupMilliPercent == 0 ? "" : ExpenseViews.percentText(expense.markupMilliPercent),
                                 notes: expense.notes)
        return .html(ExpenseViews.form(draft, options: try formOptions(context, keeping: expense), errors: ValidationErrors(),
                                       expense: expense, context))
    }

    /// POST /expenses/{id}/edit — Permission: recordExpenses. 303 → the expense; invalid → 422.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let id = try request.id()
        let form = try request.form()
        let draft = draft(from: form)
        do {
            let expense = try context.app.expenses.update(id, with: draft, receipt: receipt(from: request),
                                                          removeReceipt: form["remove_receipt"] == "1", by: context.actor())
            context.setFlash(.success, "Expense from “\(expense.vendor)” saved.")
            return .seeOther("/expenses/\(id)")
        } catch AppError.invalid(let errors) {
            let expense = try context.app.expenses.get(id, for: context.actor())
            return .html(ExpenseViews.form(draft, options: try formOptions(context, keeping: expense), errors: errors, expense: expense,
                                           context), status: 422)
        }
    }

    /// POST /expenses/{id}/delete — Permission: recordExpenses. Soft delete; 409 once invoiced.
    static func delete(_ request: Request, _ context: RequestContext) throws -> Response {
        let expense = try context.app.expenses.delete(request.id(), by: context.actor())
        context.setFlash(.success, "Expense from “\(expense.vendor)” deleted.")
        return .seeOther("/expenses")
    }

    /// POST /expenses/{id}/restore — Permission: recordExpenses.
    static func restore(_ request: Request, _ context: RequestContext) throws -> Response {
        let expense = try context.app.expenses.restore(request.id(), by: context.actor())
        context.setFlash(.success, "Expense from “\(expense.vendor)” restored.")
        return .seeOther("/expenses/\(expense.id ?? 0)")
    }

    static func draft(from form: FormData) -> ExpenseDraft {
        ExpenseDraft(spentOn: form["spent_on"] ?? "", vendor: form["vendor"] ?? "", category: form["category"] ?? "",
                     amount: form["amount"] ?? "", tax: form["tax"] ?? "", clientId: form["client_id"] ?? "",
                     projectId: form["project_id"] ?? "", billable: form["billable"] == "1", markup: form["markup"] ?? "",
                     notes: form["notes"] ?? "")
    }

    /// The receipt the form carried: a file, a file the body parser skipped as too large, or none.
    static func receipt(from request: Request) -> ReceiptUpload? {
        if request.oversizedUploadFields.contains(receiptField) { return .refused(.tooLarge(.receipts)) }
        guard let file = request.upload(receiptField) else { return nil }
        return .file(path: file.path, filename: file.filename)
    }

    /// Live clients and open projects; with `keeping`, also the expense's own client and
    /// project when they have been deleted or archived since, so saving the form keeps them.
    static func formOptions(_ context: RequestContext, keeping expense: ExpenseRecord? = nil) throws -> ExpenseFormOptions {
        let actor = try context.actor()
        let clients = try context.app.clients.list(for: actor, search: "", filter: .live, page: PageRequest(number: 1, size: 500))
        let projects = try context.app.projects.list(for: actor, search: "", filter: .open, clientId: nil,
                                                     page: PageRequest(number: 1, size: 500))
        var options = ExpenseFormOptions(clients: clients.items.map { (id: $0.id, name: $0.name) },
                                         projects: projects.items.map { (id: $0.id, name: "\($0.clientName) — \($0.name)") })
        if let clientId = expense?.clientId, !options.clients.contains(where: { $0.id == clientId }) {
            let client = try context.app.clients.get(clientId, for: actor)
            options.clients.append((id: clientId, name: client.name + (client.isDeleted ? " (deleted)" : "")))
        }
        if let projectId = expense?.projectId, !options.projects.contains(where: { $0.id == projectId }) {
            let project = try context.app.projects.get(projectId, for: actor)
            options.projects.append((id: projectId, name: "\(project.name) (\(project.status.label.lowercased()))"))
        }
        return options
    }
}

/// The clients and projects the form and the list filters offer.
struct ExpenseFormOptions {
    var clients: [(id: Int64, name: String)]
    var projects: [(id: Int64, name: String)]
}

/// The list's query string, read leniently: anything unreadable is no filter.
struct ExpenseListQuery {
    let search: String
    let clientId: Int64?
    let projectId: Int64?
    let billing: ExpenseListFilter.Billing
    let from: String
    let to: String
    let deleted: Bool

    init(_ query: FormData) {
        search = String((query["q"] ?? "").prefix(200))
        clientId = query["client"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
        projectId = query["project"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
        billing = ExpenseListFilter.Billing(rawValue: query["billing"] ?? "") ?? .all
        from = CalendarDate(parsing: query["from"] ?? "")?.description ?? ""
        to = CalendarDate(parsing: query["to"] ?? "")?.description ?? ""
        deleted = query["status"] == "deleted"
    }

    var filter: ExpenseListFilter {
        ExpenseListFilter(clientId: clientId, projectId: projectId, billing: billing, from: CalendarDate(parsing: from),
                          to: CalendarDate(parsing: to), search: search, deleted: deleted)
    }

    var isFiltered: Bool {
        !search.isEmpty || clientId != nil || projectId != nil || billing != .all || !from.isEmpty || !to.isEmpty || deleted
    }

    var pairs: [(String, String)] {
        [("q", search), ("client", clientId.map(String.init) ?? ""), ("project", projectId.map(String.init) ?? ""),
         ("billing", billing.rawValue), ("from", from), ("to", to), ("status", deleted ? "deleted" : "")]
    }
}
