import App
import Domain
import Foundation
import Store

enum ExpenseViews {
    static let billingOptions: [(value: String, label: String)] = [
        (value: ExpenseListFilter.Billing.all.rawValue, label: "Billable or not"),
        (value: ExpenseListFilter.Billing.billable.rawValue, label: "Billable"),
        (value: ExpenseListFilter.Billing.unbilled.rawValue, label: "Billable, not invoiced"),
        (value: ExpenseListFilter.Billing.invoiced.rawValue, label: "Invoiced"),
        (value: ExpenseListFilter.Billing.nonBillable.rawValue, label: "Not billable"),
    ]

    /// What the file input accepts; the server decides from the bytes regardless.
    static let acceptedTypes = "image/jpeg,image/png,application/pdf,image/heic,.heic"

    static func index(_ page: Page<ExpenseSummary>, query: ExpenseListQuery, options: ExpenseFormOptions,
                      _ context: RequestContext) -> HTML {
        let canRecord = context.signedIn.map { Permission.recordExpenses.isGranted(to: $0.role) } ?? false
        let newButton: HTML = canRecord ? "<a class=\"button primary\" href=\"/expenses/new\">New expense</a>" : HTML()
        let clientOptions = [(value: "", label: "All clients")] + options.clients.map { (value: String($0.id), label: $0.name) }
        let projectOptions = [(value: "", label: "All projects")] + options.projects.map { (value: String($0.id), label: $0.name) }
        let statusOptions = [(value: "", label: "Current"), (value: "deleted", label: "Deleted")]
        let filters: HTML = """
            <form class="search" role="search" method="get" action="/expenses"><label for="q" class="visually-hidden">Search vendors</label><input type="search" id="q" name="q" value="\(query.search)" placeholder="Vendor">\
            \(ProjectViews.inlineSelect("Client", name: "client", options: clientOptions, selected: query.clientId.map(String.init) ?? ""))\
            \(ProjectViews.inlineSelect("Project", name: "project", options: projectOptions, selected: query.projectId.map(String.init) ?? ""))\
            \(ProjectViews.inlineSelect("Billing", name: "billing", options: billingOptions, selected: query.billing.rawValue))\
            <label for="from" class="visually-hidden">From</label><input type="date" id="from" name="from" value="\(query.from)"> \
            <label for="to" class="visually-hidden">To</label><input type="date" id="to" name="to" value="\(query.to)">\
            \(ProjectViews.inlineSelect("Status", name: "status", options: statusOptions, selected: query.deleted ? "deleted" : ""))<button class="button" type="submit">Filter</button></form>

            """
        let listing: HTML
        if page.items.isEmpty {
            listing = query.isFiltered ? Components.emptyState("No expenses match these filters.")
                : Components.emptyState("No expenses yet.", action: canRecord ? "<a class=\"button primary\" href=\"/expenses/new\">Record your first expense</a>" : nil)
        } else {
            var rows = HTML()
            for expense in page.items {
                let client: HTML = expense.clientId.map { "<a href=\"/clients/\($0)\">\(expense.clientName ?? "")</a>" } ?? HTML()
                let project: HTML = expense.projectId.map { "<a href=\"/projects/\($0)\">\(expense.projectName ?? "")</a>" } ?? HTML()
                rows.append("""
                    <tr><td>\(expense.spentOn)</td><td><a href="/expenses/\(expense.id)">\(expense.vendor)</a>\(expense.hasReceipt ? " <span class=\"muted\">(receipt)</span>" : "")</td>\
                    <td>\(expense.category)</td><td>\(client)</td><td>\(project)</td>\
                    <td>\(billingBadge(billable: expense.billable, invoiced: expense.invoiced))</td>\
                    <td class="num">\(Components.money(expense.amountCents, context))</td><td class="num">\(Components.money(expense.taxCents, context))</td></tr>

                    """)
            }
            listing = Components.table(caption: "Expenses", headers: [("Date", false), ("Vendor", false), ("Category", false),
                                                                    ("Client", false), ("Project", false), ("Billing", false),
                                                                    ("Amount", true), ("Tax", true)], renderedRows: rows)
                + Components.pagination(page, path: "/expenses", query: query.pairs)
        }
        return Layout.page("Expenses", context, body: """
            <div class="page-header"><h1>Expenses</h1><div class="actions">\(newButton)</div></div>
            \(filters)<p class="muted">\(page.totalCount) \(page.totalCount == 1 ? "expense" : "expenses")</p>
            \(listing)
            """)
    }

    static func billingBadge(billable: Bool, invoiced: Bool) -> HTML {
        if invoiced { return "<span class=\"badge\">Invoiced</span>" }
        return billable ? "<span class=\"badge\">Billable</span>" : "<span class=\"badge badge-muted\">Not billable</span>"
    }

    /// 12500 → "12.5", 15000 → "15": a markup as typed back into the form and shown.
    static func percentText(_ milliPercent: Int) -> String {
        let whole = milliPercent / 1000, fraction = milliPercent % 1000
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    static func detail(_ detail: ExpenseDetail, canChange: Bool, _ context: RequestContext) -> HTML {
        let expense = detail.expense
        let id = expense.id ?? 0
        let currency = Currency(code: expense.currency) ?? Components.currency(context)
        func money(_ cents: Int64) -> String { MoneyFormat.display(cents: cents, currency: currency) }
        var actions: [HTML] = []
        if canChange {
            if expense.isDeleted {
                actions.append(Components.postButton("Restore", action: "/expenses/\(id)/restore", context))
            } else {
                actions.append("<a class=\"button\" href=\"/expenses/\(id)/edit\">Edit</a> ")
                actions.append(Components.postButton("Delete", action: "/expenses/\(id)/delete", context, confirm: "Delete this expense?"))
            }
        }
        func row(_ label: String, _ value: HTML) -> HTML { "<dt>\(label)</dt><dd>\(value)</dd>\n" }
        var details = row("Date", "\(expense.spentOn)")
        details.append(row("Vendor", "\(expense.vendor)"))
        if !expense.category.isEmpty { details.append(row("Category", "\(expense.category)")) }
        details.append(row("Amount", "\(money(expense.amountCents))"))
        details.append(row("Tax", "\(money(expense.taxCents))"))
        details.append(row("Total", "\(money(expense.total))"))
        if let clientId = expense.clientId { details.append(row("Client", "<a href=\"/clients/\(clientId)\">\(detail.clientName ?? "")</a>")) }
        if let projectId = expense.projectId { details.append(row("Project", "<a href=\"/projects/\(projectId)\">\(detail.projectName ?? "")</a>")) }
        var billing: HTML = billingBadge(billable: expense.billable, invoiced: expense.isInvoiced)
        if expense.billable {
            let unbilled = UnbilledExpense(id: id, spentOn: expense.spentOn, vendor: expense.vendor, category: expense.category,
                                           notes: expense.notes, clientId: expense.clientId, projectId: expense.projectId,
                                           amountCents: expense.amountCents, taxCents: expense.taxCents,
                                           markupMilliPercent: expense.markupMilliPercent)
            billing.append(" Markup \(percentText(expense.markupMilliPercent))%: bills \(money(unbilled.billedCents))")
        }
        details.append(row("Billing", billing))
        if !expense.notes.isEmpty { details.append("<dt>Notes</dt><dd class=\"multiline\">\(expense.notes)</dd>\n") }
        if let email = detail.createdByEmail { details.append(row("Recorded by", "\(email)")) }
        if let deleted = expense.deletedAt { details.append(row("Deleted", "\(DisplayDate.day(deleted))")) }

        let receipt: HTML
        if let key = expense.receiptMediaKey {
            let size = ByteCountFormatter.string(fromByteCount: Int64(expense.receiptSize ?? 0), countStyle: .file)
            let preview: HTML = key.kind == .jpeg || key.kind == .png
                ? "<p><img class=\"receipt-preview\" src=\"/expenses/\(id)/receipt\" alt=\"Receipt from \(expense.vendor)\" width=\"320\"></p>\n" : HTML()
            let verb = key.kind == .heic ? "Download" : "View"
            receipt = """
                \(preview)<p><a href="/expenses/\(id)/receipt">\(verb) receipt</a> <span class="muted">\(expense.receiptFilename ?? ""), \(key.kind.rawValue.uppercased()), \(size)</span></p>

                """
        } else {
            receipt = "<p class=\"muted\">No receipt attached.</p>\n"
        }
        let locked: HTML = expense.isInvoiced ? "<p class=\"muted\">This expense is on an invoice and can no longer be changed.</p>\n" : HTML()
        return Layout.page("Expense: \(expense.vendor)", context, body: """
            <div class="page-header"><h1>\(expense.vendor) <span class="muted">\(money(expense.amountCents))</span></h1><div class="actions">\(actions)</div></div>
            \(locked)<dl class="details">
            \(details)</dl>
            <section class="card"><h2>Receipt</h2>
            \(receipt)</section>
            <p><a href="/expenses">Back to expenses</a></p>
            """)
    }

    static func form(_ draft: ExpenseDraft, options: ExpenseFormOptions, errors: ValidationErrors, expense: ExpenseRecord?,
                     _ context: RequestContext) -> HTML {
        let title = expense == nil ? "New expense" : "Edit expense"
        let action = expense?.id.map { "/expenses/\($0)/edit" } ?? "/expenses"
        let cancel = expense?.id.map { "/expenses/\($0)" } ?? "/expenses"
        let currency = expense.flatMap { Currency(code: $0.currency) } ?? Components.currency(context)
        let clients = [(value: "", label: "No client")] + options.clients.map { (value: String($0.id), label: $0.name) }
        let projects = [(value: "", label: "No project")] + options.projects.map { (value: String($0.id), label: $0.name) }
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(Components.errorSummary(errors))<form class="form" method="post" action="\(action)" enctype="multipart/form-data" novalidate>
            \(Components.csrfField(context))
            \(Components.field("Date", name: "spent_on", value: draft.spentOn, error: errors["spent_on"], kind: .date, required: true))\
            \(Components.field("Vendor", name: "vendor", value: draft.vendor, error: errors["vendor"], required: true, maxLength: ExpenseDraft.vendorLimit))\
            \(categoryField(draft.category, error: errors["category"]))\
            \(Components.field("Amount (\(currency.code))", name: "amount", value: draft.amount, error: errors["amount"], hint: "Before tax, like 120.00.", required: true))\
            \(Components.field("Tax (\(currency.code))", name: "tax", value: draft.tax, error: errors["tax"], hint: "Optional: the tax on the receipt."))\
            \(Components.select("Client", name: "client_id", options: clients, selected: draft.clientId, error: errors["client_id"]))\
            \(Components.select("Project", name: "project_id", options: projects, selected: draft.projectId, error: errors["project_id"], hint: "Choosing a project sets its client."))\
            <div class="field"><label class="checkbox" for="billable"><input type="checkbox" id="billable" name="billable" value="1"\(draft.billable ? " checked" : "")> Billable: re-invoice it to the client</label></div>
            \(Components.field("Markup (%)", name: "markup", value: draft.markup, error: errors["markup"], hint: "Optional, for billable expenses: added to the amount when invoiced, like 10."))\
            \(receiptField(expense, error: errors["receipt"]))\
            \(Components.field("Notes", name: "notes", value: draft.notes, error: errors["notes"], kind: .textarea(rows: 3)))\
            <div class="form-actions"><button class="button primary" type="submit">Save expense</button> <a class="button" href="\(cancel)">Cancel</a></div>
            </form>
            """)
    }

    static func categoryField(_ value: String, error: String?) -> HTML {
        var suggestions = HTML()
        for category in ExpenseDraft.suggestedCategories { suggestions.append("<option value=\"\(category)\"></option>") }
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"category-error\">\($0)</p>" } ?? HTML()
        let described: HTML = error == nil ? " aria-describedby=\"category-hint\"" : " aria-describedby=\"category-error category-hint\" aria-invalid=\"true\""
        return """
            <div class="field\(error == nil ? "" : " has-error")"><label for="category">Category</label><input type="text" id="category" name="category" list="category-suggestions" maxlength="\(ExpenseDraft.categoryLimit)" value="\(value)"\(described)><datalist id="category-suggestions">\(suggestions)</datalist>\(errorHTML)<p class="hint" id="category-hint">Travel, Meals, Software, Hardware, Subcontractors, Office, Other — or your own.</p></div>

            """
    }

    static func receiptField(_ expense: ExpenseRecord?, error: String?) -> HTML {
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"receipt-error\">\($0)</p>" } ?? HTML()
        let described: HTML = error == nil ? " aria-describedby=\"receipt-hint\"" : " aria-describedby=\"receipt-error receipt-hint\" aria-invalid=\"true\""
        let hint = expense?.receiptKey == nil
            ? "Optional: a photo or scan, JPEG, PNG, PDF or HEIC, up to \(MediaCategory.receipts.maxSizeText)."
            : "Choose a file to replace the current receipt (\(expense?.receiptFilename ?? "")); JPEG, PNG, PDF or HEIC, up to \(MediaCategory.receipts.maxSizeText)."
        let remove: HTML = expense?.receiptKey == nil ? HTML()
            : "<label class=\"checkbox\" for=\"remove_receipt\"><input type=\"checkbox\" id=\"remove_receipt\" name=\"remove_receipt\" value=\"1\"> Remove the current receipt</label>"
        return """
            <div class="field\(error == nil ? "" : " has-error")"><label for="receipt">Receipt</label><input type="file" id="receipt" name="receipt" accept="\(acceptedTypes)"\(described)>\(errorHTML)<p class="hint" id="receipt-hint">\(hint)</p>\(remove)</div>

            """
    }

    /// The project page's Expenses section: sums and a link to the project's expenses.
    static func projectSection(_ totals: ProjectExpenseTotals, projectId: Int64, _ context: RequestContext) -> HTML {
        let canRecord = context.signedIn.map { Permission.recordExpenses.isGranted(to: $0.role) } ?? false
        let add: HTML = canRecord ? "<a class=\"button\" href=\"/expenses/new?project=\(projectId)\">Record an expense</a>" : HTML()
        guard totals.count > 0 else {
            return "<section class=\"card\"><h2>Expenses</h2>\n<p class=\"muted\">No expenses recorded yet.</p>\n<p>\(add)</p></section>\n"
        }
        let rows: [[HTML]] = [
            ["Recorded", "\(totals.count)", "\(Components.money(totals.amountCents, context))"],
            ["Billable", "", "\(Components.money(totals.billableAmountCents, context))"],
            ["Invoiced", "", "\(Components.money(totals.invoicedAmountCents, context))"],
            ["To invoice (with markup)", "\(totals.unbilledCount)", "\(Components.money(totals.unbilledBilledCents, context))"],
        ]
        return """
            <section class="card"><h2>Expenses</h2>
            \(Components.table(caption: "Expenses", headers: [("", false), ("Count", true), ("Amount", true)], rows: rows))\
            <p><a href="/expenses?project=\(projectId)">See the expenses</a> \(add)</p></section>

            """
    }
}
