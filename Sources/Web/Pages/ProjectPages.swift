import App
import Domain
import Foundation
import Store

/// The project pages. Every id — in the path, or a client or person chosen in the form —
/// is looked up within the signed-in company: another company's id is a 404 for every verb.
enum ProjectPages {
    /// GET /projects?q=&status=&client=&page= — Permission: viewProjects.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let search = String((request.query["q"] ?? "").prefix(200))
        let statusText = request.query["status"] ?? ""
        let status = ProjectStatus(rawValue: statusText)
        let clientId = request.query["client"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
        let page = try context.app.projects.list(for: actor, search: search, filter: status.map { .status($0) } ?? .open,
                                                 clientId: clientId, page: PageRequest(query: request.query["page"]))
        let clients = try context.app.clients.list(for: actor, search: "", filter: .live, page: PageRequest(number: 1, size: 500))
        return .html(ProjectViews.index(page, clients: clients.items.map { (id: $0.id, name: $0.name) }, search: search,
                                        status: status?.rawValue ?? "", clientId: clientId, context))
    }

    /// GET /projects/{id} — Permission: viewProjects.
    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let page = try context.app.projects.page(request.id(), for: context.actor())
        let id = page.detail.project.id ?? 0
        let sections = (page.expenses.map { ExpenseViews.projectSection($0, projectId: id, context) } ?? HTML())
            + (page.invoices.map { InvoiceViews.projectSection($0, projectId: id) } ?? HTML())
            + InvoiceFromWorkViews.projectSection(projectId: id, context)
        return .html(ProjectViews.detail(page.detail, timeSection: TimeViews.projectSection(page.time, project: page.detail.project,
                                                                                           services: page.services, context),
                                         context, sections: sections))
    }

    /// GET /projects/new?client= — Permission: editProjects.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        let options = try context.app.projects.formOptions(for: context.actor())
        let draft = ProjectDraft(clientId: request.query["client"] ?? "")
        return .html(ProjectViews.form(draft, options: options, errors: ValidationErrors(), project: nil, context))
    }

    /// POST /projects — Permission: editProjects. 303 → the project; invalid → 422 with messages.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let draft = try draft(from: request.form())
        do {
            let project = try context.app.projects.create(draft, by: context.actor())
            context.setFlash(.success, "Project “\(project.name)” started.")
            return .seeOther("/projects/\(project.id ?? 0)")
        } catch AppError.invalid(let errors) {
            let options = try context.app.projects.formOptions(for: context.actor())
            return .html(ProjectViews.form(draft, options: options, errors: errors, project: nil, context), status: 422)
        }
    }

    /// GET /projects/{id}/edit — Permission: editProjects.
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let project = try context.app.projects.get(request.id(), for: actor)
        let members = try context.app.projects.members(of: project.id ?? 0, for: actor)
        let currency = Components.currency(context)
        let draft = ProjectDraft(clientId: String(project.clientId), name: project.name, code: project.code ?? "",
                                 billingType: project.billingType.rawValue,
                                 hourlyRate: project.hourlyRateCents.map { MoneyFormat.plain(cents: $0, currency: currency) } ?? "",
                                 fixedFee: project.fixedFeeCents.map { MoneyFormat.plain(cents: $0, currency: currency) } ?? "",
                                 budgetHours: project.budgetMinutes.map { ProjectDraft.hoursText(minutes: $0) } ?? "",
                                 budgetAmount: project.budgetAmountCents.map { MoneyFormat.plain(cents: $0, currency: currency) } ?? "",
                                 status: project.status.rawValue, memberIds: members.map { String($0.userId) }, notes: project.notes)
        let options = try context.app.projects.formOptions(for: actor, includeClient: project.clientId)
        return .html(ProjectViews.form(draft, options: options, errors: ValidationErrors(), project: project, context))
    }

    /// POST /projects/{id}/edit — Permission: editProjects. 303 → the project; invalid → 422.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let id = try request.id()
        let draft = try draft(from: request.form())
        do {
            let project = try context.app.projects.update(id, with: draft, by: context.actor())
            context.setFlash(.success, "Project “\(project.name)” saved.")
            return .seeOther("/projects/\(id)")
        } catch AppError.invalid(let errors) {
            // Confirm the project is ours before echoing the form back.
            let project = try context.app.projects.get(id, for: context.actor())
            let options = try context.app.projects.formOptions(for: context.actor(), includeClient: project.clientId)
            return .html(ProjectViews.form(draft, options: options, errors: errors, project: project, context), status: 422)
        }
    }

    /// POST /projects/{id}/status — Permission: editProjects. Put on hold, finish, archive,
    /// reopen. 303 → the project; a move the state machine refuses → 409.
    static func setStatus(_ request: Request, _ context: RequestContext) throws -> Response {
        let id = try request.id()
        let form = try request.form()
        guard let status = ProjectStatus(rawValue: form["status"] ?? "") else {
            _ = try context.app.projects.get(id, for: context.actor())
            throw RequestError.badRequest("Choose a status.")
        }
        let project = try context.app.projects.setStatus(id, to: status, by: context.actor())
        context.setFlash(.success, "Project “\(project.name)” is now \(project.status.label.lowercased()).")
        return .seeOther("/projects/\(id)")
    }

    static func draft(from form: FormData) -> ProjectDraft {
        ProjectDraft(clientId: form["client_id"] ?? "", name: form["name"] ?? "", code: form["code"] ?? "",
                     billingType: form["billing_type"] ?? "", hourlyRate: form["hourly_rate"] ?? "",
                     fixedFee: form["fixed_fee"] ?? "", budgetHours: form["budget_hours"] ?? "",
                     budgetAmount: form["budget_amount"] ?? "", status: form["status"] ?? "",
                     memberIds: form.all("member_ids"), notes: form["notes"] ?? "")
    }
}
