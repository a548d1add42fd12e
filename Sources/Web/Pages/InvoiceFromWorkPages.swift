import App
import Domain
import Foundation
import Store

/// Invoicing a project's unbilled time and expenses. The project id is looked up within the
/// signed-in company: another company's project is a 404.
enum InvoiceFromWorkPages {
    /// GET /projects/{id}/invoice — Permission: editInvoices. The form on its own page.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let project = try context.app.projects.get(request.id(), for: actor)
        let grouping = UnbilledTimeGrouping(rawValue: request.query["grouping"] ?? "")?.rawValue ?? UnbilledTimeGrouping.service.rawValue
        return .html(InvoiceFromWorkViews.page(project, grouping: grouping, includeExpenses: true, errors: ValidationErrors(), context))
    }

    /// POST /projects/{id}/invoice — Permission: editInvoices. 303 → the new draft; nothing
    /// unbilled → 303 → the project with a message (a double submit lands here); an unknown
    /// grouping → 422 with the form.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let id = try request.id()
        let form = try request.form()
        let groupingText = form["grouping"] ?? ""
        let includeExpenses = form["include_expenses"] == "1"
        do {
            guard let grouping = UnbilledTimeGrouping(rawValue: groupingText) else {
                var errors = ValidationErrors()
                errors.add("grouping", "Choose one line per service, per person or per time entry.")
                throw AppError.invalid(errors)
            }
            let result = try context.app.invoices.createFromUnbilled(projectId: id, grouping: grouping,
                                                                     includeExpenses: includeExpenses, by: actor)
            guard let invoice = result.invoice else {
                context.setFlash(.info, includeExpenses
                    ? "Nothing to invoice: this project has no approved billable time or billable expenses that are not on an invoice."
                    : "Nothing to invoice: this project has no approved billable time that is not on an invoice.")
                return .seeOther("/projects/\(id)")
            }
            context.setFlash(.success, "Draft invoice created from \(result.timeEntries) time \(result.timeEntries == 1 ? "entry" : "entries") and \(result.expenses) \(result.expenses == 1 ? "expense" : "expenses").")
            return .seeOther("/invoices/\(invoice.id ?? 0)")
        } catch AppError.invalid(let errors) {
            // Confirm the project is ours before echoing the form back.
            let project = try context.app.projects.get(id, for: actor)
            return .html(InvoiceFromWorkViews.page(project, grouping: groupingText, includeExpenses: includeExpenses, errors: errors,
                                                   context), status: 422)
        }
    }
}
