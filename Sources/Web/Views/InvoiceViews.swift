import App
import Domain
import Foundation
import Store

/// The invoice pages: list, form (new and edit, with a no-JavaScript "Add line"), detail
/// with totals, tax summary, timeline and the actions the status and role allow, the
/// printable document, and the client's public page.
enum InvoiceViews {
    static func money(_ cents: Int64, _ currency: String) -> String {
        MoneyFormat.display(cents: cents, currency: Currency(code: currency) ?? .usd)
    }

    static func badge(_ status: InvoiceStatus) -> HTML {
        "<span class=\"badge badge-\(status.rawValue)\">\(status.label)</span>"
    }

    static func index(_ page: Page<InvoiceSummary>, filter: InvoiceListFilter, _ context: RequestContext) -> HTML {
        let canEdit = context.signedIn.map { Permission.editInvoices.isGranted(to: $0.role) } ?? false
        let newButton: HTML = canEdit ? "<a class=\"button primary\" href=\"/invoices/new\">New invoice</a>" : HTML()
        var statusLinks: [HTML] = []
        let current = filter.status?.rawValue ?? ""
        for (value, label) in [("", "All")] + InvoiceStatus.allCases.map({ ($0.rawValue, $0.label) }) {
            var query: [(String, String)] = [("status", value), ("project", filter.projectId.map(String.init) ?? ""), ("q", filter.search)]
            query = query.filter { !$0.1.isEmpty }
            let href = "/invoices" + (query.isEmpty ? "" : "?" + query.map { "\($0.0)=\(URLQuery.encode($0.1))" }.joined(separator: "&"))
            statusLinks.append(value == current ? "<a href=\"\(href)\" aria-current=\"page\">\(label)</a> " : "<a href=\"\(href)\">\(label)</a> ")
        }
        let statusField: HTML = filter.status.map { "<input type=\"hidden\" name=\"status\" value=\"\($0.rawValue)\">" } ?? HTML()
            + (filter.projectId.map { "<input type=\"hidden\" name=\"project\" value=\"\($0)\">" } ?? HTML())
        let searchForm: HTML = """
            <form class="search" role="search" method="get" action="/invoices">\(statusField)<label for="q" class="visually-hidden">Search invoices</label><input type="search" id="q" name="q" value="\(filter.search)" placeholder="Number or client"><button class="button" type="submit">Search</button></form>

            """
        let listing: HTML
        if page.items.isEmpty {
            listing = filter.search.isEmpty && filter.status == nil
                ? Components.emptyState("No invoices yet.", action: canEdit ? "<a class=\"button primary\" href=\"/invoices/new\">Create your first invoice</a>" : nil)
                : Components.emptyState("No invoices match.")
        } else {
            listing = summaryTable(page.items, caption: "Invoices")
                + Components.pagination(page, path: "/invoices",
                                        query: [("status", current), ("client", filter.clientId.map(String.init) ?? ""),
                                                ("project", filter.projectId.map(String.init) ?? ""), ("q", filter.search)],
                                        edges: page.items.first.flatMap { first in page.items.last.map { (first.id, $0.id) } })
        }
        let scope: HTML = filter.projectId.map { " of <a href=\"/projects/\($0)\">one project</a> (<a href=\"/invoices\">show all</a>)" } ?? HTML()
        let count: HTML = "<p class=\"muted\">\(page.totalCount) \(page.totalCount == 1 ? "invoice" : "invoices")\(scope)</p>\n"
        return Layout.page("Invoices", context, body: """
            <div class="page-header"><h1>Invoices</h1><div class="actions">\(newButton)</div></div>
            <nav class="filters" aria-label="Status">\(statusLinks)</nav>
            \(searchForm)\(count)\(listing)
            """)
    }

    /// The table of invoice rows the list and the project page show.
    static func summaryTable(_ invoices: [InvoiceSummary], caption: String) -> HTML {
        var rows = HTML()
        for invoice in invoices {
            rows.append("""
                <tr><td><a href="/invoices/\(invoice.id)">\(invoice.number ?? "Draft #\(invoice.id)")</a></td><td>\(invoice.clientName)</td>\
                <td>\(invoice.issueDate)</td><td>\(invoice.dueDate)</td><td>\(badge(invoice.status))</td>\
                <td class="num">\(money(invoice.totalCents, invoice.currency))</td></tr>

                """)
        }
        return Components.table(caption: caption,
                                headers: [("Number", false), ("Client", false), ("Issued", false), ("Due", false),
                                          ("Status", false), ("Total", true)],
                                renderedRows: rows)
    }

    /// The project page's invoices: the newest few, and a link to all of them in the list.
    static func projectSection(_ page: Page<InvoiceSummary>, projectId: Int64) -> HTML {
        guard !page.items.isEmpty else {
            return "<section class=\"card\"><h2>Invoices</h2>\n<p class=\"muted\">No invoices for this project yet.</p></section>\n"
        }
        let more: HTML = page.totalCount > page.items.count
            ? "<p><a href=\"/invoices?project=\(projectId)\">All \(page.totalCount) invoices of this project</a></p>\n" : HTML()
        return """
            <section class="card"><h2>Invoices</h2>
            \(summaryTable(page.items, caption: "Invoices of this project"))\(more)</section>

            """
    }

    /// The draft form. `invoiceId` nil: a new invoice. Always shows one empty row more
    /// than the draft has lines; "Add line" posts the form back with `intent=add_line`.
    ///
    /// With `taxRates` (the company's live rates) each row's tax is a select (`line_tax`):
    /// the rates, "No tax", and the row's own snapshot when it matches no live rate; a new row
    /// has the default rate preselected. Without, the free-form name and percentage columns.
    /// A non-empty `catalog` adds "Add from catalog" (`intent=add_catalog_item`).
    static func form(_ draft: InvoiceDraft, errors: ValidationErrors, invoiceId: Int64?, clients: [(id: Int64, name: String)],
                     currency: Currency, _ context: RequestContext, taxRates: [TaxRateRecord]? = nil,
                     catalog: [CatalogItemRecord] = [], projects: [ProjectSummary] = []) -> HTML {
        let title = invoiceId == nil ? "New invoice" : "Edit draft invoice"
        let action = invoiceId.map { "/invoices/\($0)/edit" } ?? "/invoices"
        let cancel = invoiceId.map { "/invoices/\($0)" } ?? "/invoices"
        let summary: HTML = errors.isEmpty ? HTML()
            : "<div class=\"flash flash-error\" role=\"alert\">Please correct the \(errors.messages.count == 1 ? "field" : "fields") marked below.</div>\n"
        let clientField = clientPicker(clients, selected: draft.clientId, errors: errors)
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(summary)<form class="form invoice-form" method="post" action="\(action)" novalidate>
            \(Components.csrfField(context))
            \(clientField)\
            \(projectPicker(projects, selected: draft.projectId, errors: errors))\
            \(Components.field("Issue date", name: "issue_date", value: draft.issueDate, error: errors["issue_date"], hint: "YYYY-MM-DD. The number's month comes from it.", required: true))\
            \(Components.field("Payment terms (days)", name: "payment_terms_days", value: draft.paymentTermsDays, error: errors["payment_terms_days"], hint: "0 for due on receipt; 30 if left empty."))\
            \(Components.field("Due date", name: "due_date", value: draft.dueDate, error: errors["due_date"], hint: "Leave empty to count the payment terms from the issue date."))\
            \(lineEditor(draft.lines, errors: errors, currency: currency, taxRates: taxRates, catalog: catalog))
            \(discountField(draft.discountKind))
            \(Components.field("Discount value", name: "discount_value", value: draft.discountValue, error: errors["discount_value"], hint: "A percentage like 10, or an amount like 50.00."))\
            \(Components.field("Notes", name: "notes", value: draft.notes, error: errors["notes"], kind: .textarea(rows: 3), hint: "Printed on the invoice."))\
            \(Components.field("Terms", name: "terms", value: draft.terms, error: errors["terms"], kind: .textarea(rows: 3), hint: "Printed on the invoice."))\
            <div class="form-actions"><button class="button primary" type="submit" name="intent" value="save">Save draft</button> <a class="button" href="\(cancel)">Cancel</a></div>
            </form>
            """)
    }

    /// The client picker of a document form (invoices and estimates).
    static func clientPicker(_ clients: [(id: Int64, name: String)], selected: String, errors: ValidationErrors) -> HTML {
        var options: HTML = "<option value=\"\">Choose a client…</option>"
        for client in clients {
            let selected: HTML = String(client.id) == selected ? " selected" : HTML()
            options.append("<option value=\"\(client.id)\"\(selected)>\(client.name)</option>")
        }
        let clientError: HTML = errors["client_id"].map { "<p class=\"field-error\" id=\"client_id-error\">\($0)</p>" } ?? HTML()
        return """
            <div class="field\(errors["client_id"] == nil ? "" : " has-error")"><label for="client_id">Client <span class="muted">(required)</span></label>\
            <select id="client_id" name="client_id"\(errors["client_id"] == nil ? HTML() : " aria-invalid=\"true\" aria-describedby=\"client_id-error\"")>\(options)</select>\(clientError)</div>

            """
    }

    /// The optional project of an invoice: the open projects grouped by client (the service
    /// checks the project is the chosen client's). A chosen project no longer listed (archived
    /// since) stays chosen.
    static func projectPicker(_ projects: [ProjectSummary], selected: String, errors: ValidationErrors) -> HTML {
        var options: HTML = "<option value=\"\">No project</option>"
        var found = selected.isEmpty
        let byClient = Dictionary(grouping: projects, by: \.clientName)
        for clientName in byClient.keys.sorted(by: { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending }) {
            options.append("<optgroup label=\"\(clientName)\">")
            for project in byClient[clientName] ?? [] {
                let isSelected = String(project.id) == selected
                found = found || isSelected
                options.append("<option value=\"\(project.id)\"\(isSelected ? HTML(" selected") : HTML())>\(project.name)</option>")
            }
            options.append("</optgroup>")
        }
        if !found { options.append("<option value=\"\(selected)\" selected>The current project</option>") }
        let error = errors["project_id"]
        let errorText: HTML = error.map { "<p class=\"field-error\" id=\"project_id-error\">\($0)</p>" } ?? HTML()
        return """
            <div class="field\(error == nil ? "" : " has-error")"><label for="project_id">Project</label>\
            <select id="project_id" name="project_id" aria-describedby="project_id-hint\(error == nil ? "" : " project_id-error")"\(error == nil ? HTML() : " aria-invalid=\"true\"")>\(options)</select>\
            <p class="hint" id="project_id-hint">Optional: one of the client's projects. The project's page lists its invoices.</p>\(errorText)</div>

            """
    }

    /// The discount kind picker (invoices and estimates).
    static func discountField(_ kind: String) -> HTML {
        var discountOptions = HTML()
        for (value, label) in [("none", "No discount"), ("percentage", "Percentage (%)"), ("fixed", "Fixed amount")] {
            let selected: HTML = kind == value ? " selected" : HTML()
            discountOptions.append("<option value=\"\(value)\"\(selected)>\(label)</option>")
        }
        return "<div class=\"field\"><label for=\"discount_kind\">Discount</label><select id=\"discount_kind\" name=\"discount_kind\">\(discountOptions)</select></div>\n"
    }

    /// The line table of a document form (invoices and estimates): one empty row more than
    /// the draft has, and "Add line" posting the form back with `intent=add_line`.
    static func lineEditor(_ draftLines: [InvoiceDraft.Line], errors: ValidationErrors, currency: Currency,
                           taxRates: [TaxRateRecord]? = nil, catalog: [CatalogItemRecord] = []) -> HTML {
        let lines = draftLines.last?.isBlank == true ? draftLines : draftLines + [InvoiceDraft.Line()]
        var rows = HTML()
        for (index, line) in lines.enumerated() {
            func cell(_ column: String, _ name: String, _ value: String, _ label: String, _ mode: String) -> HTML {
                let field = InvoiceDraft.lineField(index, column)
                let error = errors[field]
                let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"\(field)-error\">\($0)</p>" } ?? HTML()
                let invalid: HTML = error == nil ? HTML() : " aria-invalid=\"true\" aria-describedby=\"\(field)-error\""
                return """
                    <td><label class="visually-hidden" for="\(field)">\(label), line \(index + 1)</label>\
                    <input type="text" inputmode="\(mode)" id="\(field)" name="\(name)" value="\(value)"\(invalid)>\(errorHTML)</td>
                    """
            }
            rows.append("<tr>")
            rows.append(cell("description", "line_description", line.description, "Description", "text"))
            rows.append(cell("quantity", "line_quantity", line.quantity, "Quantity", "decimal"))
            rows.append(cell("unit_price", "line_unit_price", line.unitPrice, "Unit price", "decimal"))
            if let taxRates {
                rows.append(taxCell(line, index: index, rates: taxRates, errors: errors))
            } else {
                rows.append(cell("tax_name", "line_tax_name", line.taxName, "Tax name", "text"))
                rows.append(cell("tax_percent", "line_tax_percent", line.taxPercent, "Tax %", "decimal"))
            }
            rows.append("</tr>\n")
        }
        let linesError: HTML = errors["lines"].map { "<p class=\"field-error\" id=\"lines-error\" role=\"alert\">\($0)</p>" } ?? HTML()
        return """
            <fieldset class="lines"><legend>Lines (amounts in \(currency.code))</legend>
            <div class="table-wrap"><table class="table"><thead><tr><th scope="col">Description</th><th scope="col">Quantity</th><th scope="col">Unit price</th>\(taxRates == nil ? freeTaxHeader : taxHeader)</tr></thead>
            <tbody>
            \(rows)</tbody></table></div>\(linesError)
            <button class="button" type="submit" name="intent" value="add_line">Add line</button>
            \(catalogPicker(catalog, errors: errors))</fieldset>
            """
    }

    static func detail(_ detail: InvoiceDetail, timeline: [AuditEventRecord], link: String, _ context: RequestContext,
                       reminders: HTML = HTML()) -> HTML {
        let role = context.signedIn?.role ?? .viewer
        let invoice = detail.invoice
        let id = detail.id
        var actions: [HTML] = []
        if invoice.status == .draft {
            if Permission.editInvoices.isGranted(to: role) {
                actions.append("<a class=\"button\" href=\"/invoices/\(id)/edit\">Edit</a>")
            }
            if Permission.sendInvoices.isGranted(to: role) {
                actions.append(Components.postButton("Send invoice", action: "/invoices/\(id)/send", context, style: "button primary",
                                                     confirm: "Send this invoice to \(detail.client.name)? It gets its number and can no longer be edited."))
            }
            if Permission.editInvoices.isGranted(to: role) {
                actions.append(Components.postButton("Delete draft", action: "/invoices/\(id)/delete", context, style: "button danger",
                                                     confirm: "Delete this draft invoice?"))
            }
        } else if invoice.status == .sent && invoice.amountPaidCents == 0 && Permission.voidInvoices.isGranted(to: role) {
            actions.append(Components.postButton("Void", action: "/invoices/\(id)/void", context, style: "button danger",
                                                 confirm: "Void \(invoice.number ?? "this invoice")? It keeps its number and is reversed in the books."))
        }
        actions.append("<a class=\"button\" href=\"/invoices/\(id)/pdf\">PDF</a>")
        actions.append("<a class=\"button\" href=\"/invoices/\(id)/print\">Print</a>")
        let title = invoice.number ?? "Draft invoice"
        let projectRow: HTML = detail.project.map { project in
            "\n<dt>Project</dt><dd><a href=\"/projects/\(project.id ?? 0)\">\(project.name)</a></dd>"
        } ?? HTML()
        let linkHTML: HTML = invoice.status == .draft ? HTML()
            : "<dt>Client link</dt><dd><a href=\"\(link)\">\(link)</a></dd>\n"
        var events = HTML()
        for event in timeline {
            events.append("<li><time datetime=\"\(ISOTime.string(event.createdAt))\">\(DisplayDate.day(event.createdAt))</time> \(activityLabel(event))</li>\n")
        }
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title) \(badge(invoice.status))</h1><div class="actions">\(actions.map { $0 + " " })</div></div>
            <dl class="details">
            <dt>Client</dt><dd><a href="/clients/\(detail.client.id ?? 0)">\(detail.client.name)</a></dd>\(projectRow)
            <dt>Issued</dt><dd>\(invoice.issueDate)</dd>
            <dt>Due</dt><dd>\(invoice.dueDate) (\(PaymentTerms(netDays: invoice.paymentTermsDays)?.label ?? ""))</dd>
            \(linkHTML)</dl>
            \(document(detail))
            \(reminders)<section class="timeline"><h2>Activity</h2><ol>
            \(events)</ol></section>
            <p><a href="/invoices">Back to invoices</a></p>
            """)
    }

    static func activityLabel(_ event: AuditEventRecord) -> String {
        let details = (try? JSONDecoder().decode([String: [String: String?]].self, from: Data(event.details.utf8))) ?? [:]
        func after(_ field: String) -> String { (details[field]?["after"] ?? nil) ?? "" }
        return switch event.action {
        case "invoice.created": after("source").hasPrefix("estimate:")
            ? "Created as a draft from estimate \(after("source").dropFirst("estimate:".count))." : "Created as a draft."
        case "invoice.updated": "Draft edited."
        case "invoice.sent": "Sent as \(after("number"))."
        case "invoice.emailed": "Emailed to \(after("to"))."
        case "invoice.viewed": "Viewed by the client through the link."
        case "invoice.voided": "Voided."
        default: event.action
        }
    }

    /// The invoice itself: lines, tax summary and totals (detail, print and public pages).
    static func document(_ detail: InvoiceDetail) -> HTML {
        let invoice = detail.invoice
        return documentSection(lines: detail.lines, totals: detail.totals, currency: invoice.currency,
                               amounts: (invoice.subtotalCents, invoice.discountCents, invoice.taxCents, invoice.totalCents),
                               paid: invoice.amountPaidCents > 0 ? (invoice.amountPaidCents, invoice.balanceDueCents) : nil,
                               notes: invoice.notes, terms: invoice.terms)
    }

    /// Lines, tax summary, totals, notes and terms of any billing document (invoices, estimates).
    static func documentSection(lines: [InvoiceLineRecord], totals: DocumentTotals?, currency: String,
                                amounts: (subtotal: Int64, discount: Int64, tax: Int64, total: Int64),
                                paid: (amount: Int64, balance: Int64)?, notes: String, terms: String) -> HTML {
        var rows = HTML()
        for line in lines {
            let tax = line.taxName.isEmpty ? "" : TaxRate(name: line.taxName, milliPercent: line.taxMilliPercent).label
            rows.append("""
                <tr><td class="multiline">\(line.description)</td><td class="num">\(InvoiceDraft.quantityText(line.quantityThousandths))</td>\
                <td class="num">\(money(line.unitPriceCents, currency))</td><td>\(tax)</td><td class="num">\(money(line.amountCents, currency))</td></tr>

                """)
        }
        var taxRows = HTML()
        for row in totals?.taxSummary ?? [] {
            taxRows.append("<tr><td>\(row.rate.label)</td><td class=\"num\">\(MoneyFormat.display(row.taxableBase))</td><td class=\"num\">\(MoneyFormat.display(row.tax))</td></tr>\n")
        }
        let taxTable: HTML = taxRows == HTML() ? HTML() : Components.table(caption: "Tax summary",
            headers: [("Tax", false), ("Taxable amount", true), ("Tax", true)], renderedRows: taxRows)
        let discount: HTML = amounts.discount > 0
            ? "<dt>Discount</dt><dd class=\"num\">-\(money(amounts.discount, currency))</dd>\n" : HTML()
        let paidHTML: HTML = paid.map {
            "<dt>Paid</dt><dd class=\"num\">\(money($0.amount, currency))</dd><dt>Balance due</dt><dd class=\"num\">\(money($0.balance, currency))</dd>\n"
        } ?? HTML()
        let notesHTML: HTML = notes.isEmpty ? HTML() : "<h2>Notes</h2><p class=\"multiline\">\(notes)</p>\n"
        let termsHTML: HTML = terms.isEmpty ? HTML() : "<h2>Terms</h2><p class=\"multiline\">\(terms)</p>\n"
        return """
            <section class="invoice-document">
            \(Components.table(caption: "Lines", headers: [("Description", false), ("Quantity", true), ("Unit price", true), ("Tax", false), ("Amount", true)], renderedRows: rows))\
            \(taxTable)<dl class="details totals">
            <dt>Subtotal</dt><dd class="num">\(money(amounts.subtotal, currency))</dd>
            \(discount)<dt>Tax</dt><dd class="num">\(money(amounts.tax, currency))</dd>
            <dt>Total</dt><dd class="num"><strong>\(money(amounts.total, currency))</strong></dd>
            \(paidHTML)</dl>
            \(notesHTML)\(termsHTML)</section>
            """
    }

    /// A printable page: no navigation, the print stylesheet (`@media print` in app.css).
    static func printable(_ detail: InvoiceDetail, _ context: RequestContext) -> HTML {
        let invoice = detail.invoice
        let title = invoice.number ?? "Draft invoice"
        return Layout.bare(title, context, body: printBody(detail, title: title))
    }

    static func printBody(_ detail: InvoiceDetail, title: String) -> HTML {
        let invoice = detail.invoice
        let client = detail.client
        let clientCompany: HTML = client.companyName.isEmpty ? HTML() : "<br>\(client.companyName)"
        let address: HTML = client.address.isEmpty ? HTML() : "<br><span class=\"multiline\">\(client.address)</span>"
        return """
            <article class="invoice-print">
            <header class="page-header"><h1>Invoice \(title)</h1>\(invoice.status == .draft || invoice.status == .void ? badge(invoice.status) : HTML())</header>
            <div class="parties"><p><strong>\(detail.company.name)</strong></p>
            <p>Bill to:<br><strong>\(client.name)</strong>\(clientCompany)\(address)</p></div>
            <dl class="details"><dt>Issued</dt><dd>\(invoice.issueDate)</dd><dt>Due</dt><dd>\(invoice.dueDate)</dd></dl>
            \(document(detail))
            </article>
            """
    }

    /// The client's page behind the emailed link: the invoice and its PDF, no sign-in.
    static func publicPage(_ detail: InvoiceDetail, token: String, _ context: RequestContext) -> HTML {
        let title = detail.invoice.number ?? "Invoice"
        return Layout.bare(title, context, body: """
            \(printBody(detail, title: title))
            <p><a class="button primary" href="/i/\(token)/pdf">Download PDF</a></p>
            """)
    }
}

enum ISOTime {
    static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
