import App
import Domain
import Foundation
import Store

/// "Invoice unbilled work": the form on the project page (and its own page, for messages)
/// that turns a project's approved billable time and billable expenses into one draft.
enum InvoiceFromWorkViews {
    static let groupings: [(UnbilledTimeGrouping, String)] = [
        (.service, "One line per service"), (.person, "One line per person"), (.entry, "One line per time entry"),
    ]

    /// The form. `grouping` is what is checked (by service unless the user chose otherwise).
    static func form(projectId: Int64, grouping: String, includeExpenses: Bool, errors: ValidationErrors,
                     _ context: RequestContext) -> HTML {
        var radios = HTML()
        for (value, label) in groupings {
            let checked: HTML = value.rawValue == grouping ? " checked" : HTML()
            radios.append("<label class=\"choice\"><input type=\"radio\" name=\"grouping\" value=\"\(value.rawValue)\"\(checked)> \(label)</label>\n")
        }
        var messages = HTML()
        for field in ["grouping", "project"] {
            if let message = errors[field] {
                messages.append("<p class=\"field-error\" id=\"\(field)-error\" role=\"alert\">\(message)</p>\n")
            }
        }
        let checked: HTML = includeExpenses ? " checked" : HTML()
        return """
            <form class="form invoice-unbilled" method="post" action="/projects/\(projectId)/invoice">
            \(Components.csrfField(context))
            <fieldset><legend>Group the approved billable time</legend>
            \(radios)</fieldset>
            <label class="choice"><input type="checkbox" name="include_expenses" value="1"\(checked)> Include billable expenses (with their markup)</label>
            \(messages)<div class="form-actions"><button class="button primary" type="submit">Create draft invoice</button></div>
            </form>

            """
    }

    /// The project page's section (staff who edit invoices only).
    static func projectSection(projectId: Int64, _ context: RequestContext) -> HTML {
        guard Permission.editInvoices.isGranted(to: context.signedIn?.role ?? .viewer) else { return HTML() }
        return """
            <section class="card invoice-unbilled-section"><h2>Invoice unbilled work</h2>
            <p class="muted">Approved billable time not yet invoiced, and optionally the billable expenses, go on one new draft invoice for the project's client. They stay locked while on it; deleting the draft or removing a line gives them back. A fixed-fee project's fee goes on its first invoice, and its time is listed at no charge.</p>
            \(form(projectId: projectId, grouping: UnbilledTimeGrouping.service.rawValue, includeExpenses: true, errors: ValidationErrors(), context))</section>

            """
    }

    /// The form on its own page (GET, or a POST with messages).
    static func page(_ project: ProjectRecord, grouping: String, includeExpenses: Bool, errors: ValidationErrors,
                     _ context: RequestContext) -> HTML {
        let id = project.id ?? 0
        return Layout.page("Invoice unbilled work", context, body: """
            <div class="page-header"><h1>Invoice unbilled work: \(project.name)</h1></div>
            \(form(projectId: id, grouping: grouping, includeExpenses: includeExpenses, errors: errors, context))\
            <p><a href="/projects/\(id)">Back to the project</a></p>
            """)
    }
}
