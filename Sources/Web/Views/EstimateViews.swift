import App
import Domain
import Foundation
import Store

/// The estimate pages: list, form, detail with timeline and actions, and the client's public
/// page with Accept and Decline. The form's client picker, line editor and discount, and the
/// document (lines, tax summary, totals), are the invoice views' (`InvoiceViews`).
enum EstimateViews {
    static func badge(_ status: EstimateStatus, expired: Bool = false) -> HTML {
        expired ? "<span class=\"badge badge-void\">Expired</span>"
            : "<span class=\"badge badge-\(status.rawValue)\">\(status.label)</span>"
    }

    static func index(_ page: Page<EstimateSummary>, filter: EstimateListFilter, today: CalendarDate, _ context: RequestContext) -> HTML {
        let canEdit = context.signedIn.map { Permission.editEstimates.isGranted(to: $0.role) } ?? false
        let newButton: HTML = canEdit ? "<a class=\"button primary\" href=\"/estimates/new\">New estimate</a>" : HTML()
        var statusLinks: [HTML] = []
        let current = filter.status?.rawValue ?? ""
        for (value, label) in [("", "All")] + EstimateStatus.allCases.map({ ($0.rawValue, $0.label) }) {
            let query = [("status", value), ("q", filter.search)].filter { !$0.1.isEmpty }
            let href = "/estimates" + (query.isEmpty ? "" : "?" + query.map { "\($0.0)=\(URLQuery.encode($0.1))" }.joined(separator: "&"))
            statusLinks.append(value == current ? "<a href=\"\(href)\" aria-current=\"page\">\(label)</a> " : "<a href=\"\(href)\">\(label)</a> ")
        }
        let statusField: HTML = filter.status.map { "<input type=\"hidden\" name=\"status\" value=\"\($0.rawValue)\">" } ?? HTML()
        let searchForm: HTML = """
            <form class="search" role="search" method="get" action="/estimates">\(statusField)<label for="q" class="visually-hidden">Search estimates</label><input type="search" id="q" name="q" value="\(filter.search)" placeholder="Number or client"><button class="button" type="submit">Search</button></form>

            """
        let listing: HTML
        if page.items.isEmpty {
            listing = filter.search.isEmpty && filter.status == nil
                ? Components.emptyState("No estimates yet.", action: canEdit ? "<a class=\"button primary\" href=\"/estimates/new\">Create your first estimate</a>" : nil)
                : Components.emptyState("No estimates match.")
        } else {
            var rows = HTML()
            for estimate in page.items {
                let expired = estimate.status.isExpired(validUntil: CalendarDate(parsing: estimate.validUntil), today: today)
                rows.append("""
                    <tr><td><a href="/estimates/\(estimate.id)">\(estimate.number ?? "Draft #\(estimate.id)")</a></td><td>\(estimate.clientName)</td>\
                    <td>\(estimate.issueDate)</td><td>\(estimate.validUntil)</td><td>\(badge(estimate.status, expired: expired && estimate.status == .sent))</td>\
                    <td class="num">\(InvoiceViews.money(estimate.totalCents, estimate.currency))</td></tr>

                    """)
            }
            listing = Components.table(caption: "Estimates",
                                       headers: [("Number", false), ("Client", false), ("Issued", false), ("Valid until", false),
                                                 ("Status", false), ("Total", true)],
                                       renderedRows: rows)
                + Components.pagination(page, path: "/estimates", query: [("status", current), ("q", filter.search)])
        }
        let count: HTML = "<p class=\"muted\">\(page.totalCount) \(page.totalCount == 1 ? "estimate" : "estimates")</p>\n"
        return Layout.page("Estimates", context, body: """
            <div class="page-header"><h1>Estimates</h1><div class="actions">\(newButton)</div></div>
            <nav class="filters" aria-label="Status">\(statusLinks)</nav>
            \(searchForm)\(count)\(listing)
            """)
    }

    static func form(_ draft: EstimateDraft, errors: ValidationErrors, estimateId: Int64?, clients: [(id: Int64, name: String)],
                     currency: Currency, validDays: Int, _ context: RequestContext) -> HTML {
        let title = estimateId == nil ? "New estimate" : "Edit draft estimate"
        let action = estimateId.map { "/estimates/\($0)/edit" } ?? "/estimates"
        let cancel = estimateId.map { "/estimates/\($0)" } ?? "/estimates"
        let summary: HTML = errors.isEmpty ? HTML()
            : "<div class=\"flash flash-error\" role=\"alert\">Please correct the \(errors.messages.count == 1 ? "field" : "fields") marked below.</div>\n"
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(summary)<form class="form invoice-form" method="post" action="\(action)" novalidate>
            \(Components.csrfField(context))
            \(InvoiceViews.clientPicker(clients, selected: draft.clientId, errors: errors))\
            \(Components.field("Issue date", name: "issue_date", value: draft.issueDate, error: errors["issue_date"], hint: "YYYY-MM-DD. The number's month comes from it.", required: true))\
            \(Components.field("Valid until", name: "valid_until", value: draft.validUntil, error: errors["valid_until"], hint: "Leave empty for \(validDays) days from the issue date (the company default)."))\
            \(InvoiceViews.lineEditor(draft.lines, errors: errors, currency: currency))
            \(InvoiceViews.discountField(draft.discountKind))
            \(Components.field("Discount value", name: "discount_value", value: draft.discountValue, error: errors["discount_value"], hint: "A percentage like 10, or an amount like 50.00."))\
            \(Components.field("Notes", name: "notes", value: draft.notes, error: errors["notes"], kind: .textarea(rows: 3), hint: "Printed on the estimate and copied to its invoice."))\
            \(Components.field("Terms", name: "terms", value: draft.terms, error: errors["terms"], kind: .textarea(rows: 3), hint: "Printed on the estimate and copied to its invoice."))\
            <div class="form-actions"><button class="button primary" type="submit" name="intent" value="save">Save draft</button> <a class="button" href="\(cancel)">Cancel</a></div>
            </form>
            """)
    }

    static func detail(_ detail: EstimateDetail, timeline: [AuditEventRecord], link: String, today: CalendarDate,
                       _ context: RequestContext) -> HTML {
        let role = context.signedIn?.role ?? .viewer
        let estimate = detail.estimate
        let id = detail.id
        var actions: [HTML] = []
        switch estimate.status {
        case .draft:
            if Permission.editEstimates.isGranted(to: role) {
                actions.append("<a class=\"button\" href=\"/estimates/\(id)/edit\">Edit</a>")
            }
            if Permission.sendEstimates.isGranted(to: role) {
                actions.append(Components.postButton("Send estimate", action: "/estimates/\(id)/send", context, style: "button primary",
                                                     confirm: "Send this estimate to \(detail.client.name)? It gets its number and can no longer be edited."))
            }
            if Permission.editEstimates.isGranted(to: role) {
                actions.append(Components.postButton("Delete draft", action: "/estimates/\(id)/delete", context, style: "button danger",
                                                     confirm: "Delete this draft estimate?"))
            }
        case .sent, .accepted:
            if Permission.editEstimates.isGranted(to: role) && Permission.editInvoices.isGranted(to: role) {
                actions.append(Components.postButton("Convert to invoice", action: "/estimates/\(id)/convert", context,
                                                     style: estimate.status == .accepted ? "button primary" : "button",
                                                     confirm: "Create a draft invoice from \(estimate.number ?? "this estimate")?"))
            }
        case .converted:
            if let invoice = detail.convertedInvoice {
                actions.append("<a class=\"button primary\" href=\"/invoices/\(invoice.id ?? 0)\">Invoice \(invoice.number ?? "draft")</a>")
            }
        case .declined:
            break
        }
        actions.append("<a class=\"button\" href=\"/estimates/\(id)/pdf\">PDF</a>")
        let title = estimate.number ?? "Draft estimate"
        let linkHTML: HTML = estimate.status == .draft ? HTML()
            : "<dt>Client link</dt><dd><a href=\"\(link)\">\(link)</a></dd>\n"
        let answer: HTML = answerText(estimate).map { "<dt>Client's answer</dt><dd>\($0)</dd>\n" } ?? HTML()
        var events = HTML()
        for event in timeline {
            events.append("<li><time datetime=\"\(ISOTime.string(event.createdAt))\">\(DisplayDate.day(event.createdAt))</time> \(activityLabel(event))</li>\n")
        }
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title) \(badge(estimate.status, expired: detail.isExpired(today: today)))</h1><div class="actions">\(actions.map { $0 + " " })</div></div>
            <dl class="details">
            <dt>Client</dt><dd><a href="/clients/\(detail.client.id ?? 0)">\(detail.client.name)</a></dd>
            <dt>Issued</dt><dd>\(estimate.issueDate)</dd>
            <dt>Valid until</dt><dd>\(estimate.validUntil)</dd>
            \(answer)\(linkHTML)</dl>
            \(document(detail))
            <section class="timeline"><h2>Activity</h2><ol>
            \(events)</ol></section>
            <p><a href="/estimates">Back to estimates</a></p>
            """)
    }

    static func answerText(_ estimate: EstimateRecord) -> String? {
        guard let at = estimate.respondedAt else { return nil }
        if let name = estimate.acceptedName { return "Accepted by \(name) on \(DisplayDate.day(at))" }
        if let name = estimate.declinedName { return "Declined by \(name) on \(DisplayDate.day(at))" }
        return nil
    }

    static func activityLabel(_ event: AuditEventRecord) -> String {
        let details = (try? JSONDecoder().decode([String: [String: String?]].self, from: Data(event.details.utf8))) ?? [:]
        func after(_ field: String) -> String { (details[field]?["after"] ?? nil) ?? "" }
        return switch event.action {
        case "estimate.created": "Created as a draft."
        case "estimate.updated": "Draft edited."
        case "estimate.sent": "Sent as \(after("number"))."
        case "estimate.emailed": "Emailed to \(after("to"))."
        case "estimate.accepted": "Accepted by \(after("name")) through the link."
        case "estimate.declined": "Declined by \(after("name")) through the link."
        case "estimate.converted": "Converted into an invoice."
        default: event.action
        }
    }

    static func document(_ detail: EstimateDetail) -> HTML {
        let estimate = detail.estimate
        return InvoiceViews.documentSection(lines: detail.lines, totals: detail.totals, currency: estimate.currency,
                                            amounts: (estimate.subtotalCents, estimate.discountCents, estimate.taxCents, estimate.totalCents),
                                            paid: nil, notes: estimate.notes, terms: estimate.terms)
    }

    /// The client's page behind the emailed link: the estimate, its PDF, and while it is
    /// open (sent, not expired) one form per answer with the name field.
    static func publicPage(_ detail: EstimateDetail, token: String, name: String, errors: ValidationErrors, today: CalendarDate,
                           _ context: RequestContext) -> HTML {
        let estimate = detail.estimate
        let title = estimate.number ?? "Estimate"
        let client = detail.client
        let clientCompany: HTML = client.companyName.isEmpty ? HTML() : "<br>\(client.companyName)"
        let status: HTML
        if let answer = answerText(estimate) {
            status = "<p class=\"flash flash-success\" role=\"status\">\(answer).</p>\n"
        } else if estimate.status == .converted {
            status = "<p class=\"flash flash-success\" role=\"status\">This estimate has been accepted and invoiced.</p>\n"
        } else if detail.isExpired(today: today) {
            status = "<p class=\"flash flash-error\" role=\"status\">This estimate expired on \(estimate.validUntil). Ask \(detail.company.name) for a new one.</p>\n"
        } else {
            status = HTML()
        }
        var answerForms = HTML()
        if detail.isOpen(today: today) {
            let error: HTML = errors["name"].map { "<p class=\"field-error\" id=\"name-error\" role=\"alert\">\($0)</p>" } ?? HTML()
            let invalid: HTML = errors["name"] == nil ? HTML() : " aria-invalid=\"true\" aria-describedby=\"name-error\""
            answerForms = """
                <section class="estimate-answer"><h2>Your answer</h2>
                <form class="form" method="post" action="/e/\(token)/accept">\(Components.csrfField(context))
                <div class="field\(errors["name"] == nil ? "" : " has-error")"><label for="name">Your name <span class="muted">(required)</span></label><input type="text" id="name" name="name" value="\(name)" maxlength="200" autocomplete="name"\(invalid)>\(error)</div>
                <button class="button primary" type="submit">Accept estimate</button></form>
                <form class="form" method="post" action="/e/\(token)/decline">\(Components.csrfField(context))
                <div class="field"><label for="decline-name">Your name</label><input type="text" id="decline-name" name="name" value="\(name)" maxlength="200" autocomplete="name"></div>
                <button class="button danger" type="submit">Decline estimate</button></form>
                </section>

                """
        }
        return Layout.bare(title, context, body: """
            <article class="invoice-print">
            <header class="page-header"><h1>Estimate \(title)</h1></header>
            \(status)<div class="parties"><p><strong>\(detail.company.name)</strong></p>
            <p>For:<br><strong>\(client.name)</strong>\(clientCompany)</p></div>
            <dl class="details"><dt>Issued</dt><dd>\(estimate.issueDate)</dd><dt>Valid until</dt><dd>\(estimate.validUntil)</dd></dl>
            \(document(detail))
            </article>
            \(answerForms)<p><a class="button" href="/e/\(token)/pdf">Download PDF</a></p>
            """)
    }
}
