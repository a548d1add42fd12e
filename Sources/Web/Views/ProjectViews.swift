import App
import Domain
import Foundation
import Store

enum ProjectViews {
    /// The status filter's choices: "" is every project but the archived ones.
    static let statusOptions: [(value: String, label: String)] =
        [(value: "", label: "Open (not archived)")] + ProjectStatus.allCases.map { (value: $0.rawValue, label: $0.label) }

    static func index(_ page: Page<ProjectSummary>, clients: [(id: Int64, name: String)], search: String, status: String,
                      clientId: Int64?, _ context: RequestContext) -> HTML {
        let canEdit = context.signedIn.map { Permission.editProjects.isGranted(to: $0.role) } ?? false
        let newButton: HTML = canEdit ? "<a class=\"button primary\" href=\"/projects/new\">New project</a>" : HTML()
        let clientOptions = [(value: "", label: "All clients")] + clients.map { (value: String($0.id), label: $0.name) }
        let filters: HTML = """
            <form class="search" role="search" method="get" action="/projects"><label for="q" class="visually-hidden">Search projects</label><input type="search" id="q" name="q" value="\(search)" placeholder="Name or code">\
            \(inlineSelect("Status", name: "status", options: statusOptions, selected: status))\
            \(inlineSelect("Client", name: "client", options: clientOptions, selected: clientId.map(String.init) ?? ""))<button class="button" type="submit">Filter</button></form>

            """
        let listing: HTML
        if page.items.isEmpty {
            listing = search.isEmpty && status.isEmpty && clientId == nil
                ? Components.emptyState("No projects yet.", action: canEdit ? "<a class=\"button primary\" href=\"/projects/new\">Start your first project</a>" : nil)
                : Components.emptyState("No projects match these filters.")
        } else {
            var rows = HTML()
            for project in page.items {
                rows.append("""
                    <tr><td><a href="/projects/\(project.id)">\(project.name)</a></td><td>\(project.code ?? "")</td>\
                    <td><a href="/clients/\(project.clientId)">\(project.clientName)</a></td><td>\(project.billingType.label)</td>\
                    <td>\(badge(project.status))</td></tr>

                    """)
            }
            listing = Components.table(caption: "Projects", headers: [("Name", false), ("Code", false), ("Client", false),
                                                                    ("Billing", false), ("Status", false)], renderedRows: rows)
                + Components.pagination(page, path: "/projects", query: [("q", search), ("status", status),
                                                                         ("client", clientId.map(String.init) ?? "")])
        }
        return Layout.page("Projects", context, body: """
            <div class="page-header"><h1>Projects</h1><div class="actions">\(newButton)</div></div>
            \(filters)<p class="muted">\(page.totalCount) \(page.totalCount == 1 ? "project" : "projects")</p>
            \(listing)
            """)
    }

    static func inlineSelect(_ label: String, name: String, options: [(value: String, label: String)], selected: String) -> HTML {
        var html: HTML = " <label for=\"\(name)\" class=\"visually-hidden\">\(label)</label><select id=\"\(name)\" name=\"\(name)\">"
        for option in options {
            html.append(option.value == selected ? "<option value=\"\(option.value)\" selected>\(option.label)</option>"
                        : "<option value=\"\(option.value)\">\(option.label)</option>")
        }
        html.append("</select> ")
        return html
    }

    static func badge(_ status: ProjectStatus) -> HTML {
        status == .active ? "<span class=\"badge\">\(status.label)</span>" : "<span class=\"badge badge-muted\">\(status.label)</span>"
    }

    /// `timeSection` and `sections`: cards other features add below the budget (time, expenses), rendered by their own views.
    static func detail(_ detail: ProjectDetail, timeSection: HTML = HTML(), _ context: RequestContext, sections: HTML = HTML()) -> HTML {
        let project = detail.project
        let id = project.id ?? 0
        let role = context.signedIn?.role ?? .viewer
        var actions: [HTML] = []
        if Permission.editProjects.isGranted(to: role) {
            if project.status != .archived { actions.append("<a class=\"button\" href=\"/projects/\(id)/edit\">Edit</a> ") }
            for next in project.status.allowedNext {
                let label = switch next {
                case .active: project.status == .archived ? "Reopen" : (project.status == .onHold ? "Resume" : "Reopen")
                case .onHold: "Put on hold"
                case .done: "Mark done"
                case .archived: "Archive"
                }
                actions.append(postStatus(label, to: next, id: id, context))
            }
        }
        func row(_ label: String, _ value: HTML) -> HTML { "<dt>\(label)</dt><dd>\(value)</dd>\n" }
        let billing: String = switch project.billingType {
        case .hourly: "Hourly at \(Components.money(project.hourlyRateCents ?? 0, context)) an hour"
        case .fixedFee: "Fixed fee of \(Components.money(project.fixedFeeCents ?? 0, context))"
        case .nonBillable: "Non-billable"
        }
        var details = row("Client", "<a href=\"/clients/\(project.clientId)\">\(detail.client.name)</a>")
        if let code = project.code { details.append(row("Code", "\(code)")) }
        details.append(row("Status", badge(project.status)))
        details.append(row("Billing", "\(billing)"))
        if !project.notes.isEmpty { details.append("<dt>Notes</dt><dd class=\"multiline\">\(project.notes)</dd>\n") }
        details.append(row("Started", "\(DisplayDate.day(project.createdAt))"))

        let members: HTML = detail.members.isEmpty ? "<p class=\"muted\">Nobody is assigned yet.</p>\n"
            : "<ul>\(detail.members.map { member -> HTML in member.displayName.isEmpty ? "<li>\(member.email)</li>" : "<li>\(member.displayName) <span class=\"muted\">\(member.email)</span></li>" })</ul>\n"
        return Layout.page(project.name, context, body: """
            <div class="page-header"><h1>\(project.name) \(badge(project.status))</h1><div class="actions">\(actions)</div></div>
            <dl class="details">
            \(details)</dl>
            <section class="card"><h2>Budget used</h2>
            \(budget(project, detail.usage, context))</section>
            \(timeSection)\(sections)<section class="card"><h2>People</h2>
            \(members)</section>
            <p><a href="/projects">Back to projects</a></p>
            """)
    }

    /// Budget against what has been used: time logged (any status) and its billable amount,
    /// plus the project's expenses before tax (`ProjectQueries.budgetUsage`).
    static func budget(_ project: ProjectRecord, _ usage: ProjectBudgetUsage, _ context: RequestContext) -> HTML {
        var rows = HTML()
        if let minutes = project.budgetMinutes {
            rows.append("<tr><td>Hours</td><td class=\"num\">\(DurationFormat.decimalHours(minutes: Int(usage.minutesLogged)))</td><td class=\"num\">\(DurationFormat.decimalHours(minutes: Int(minutes)))</td><td class=\"num\">\(percent(usage.minutesLogged, of: minutes))</td></tr>\n")
        }
        if let cents = project.budgetAmountCents {
            rows.append("<tr><td>Amount</td><td class=\"num\">\(Components.money(usage.amountUsedCents, context))</td><td class=\"num\">\(Components.money(cents, context))</td><td class=\"num\">\(percent(usage.amountUsedCents, of: cents))</td></tr>\n")
        }
        guard project.budgetMinutes != nil || project.budgetAmountCents != nil else {
            return "<p class=\"muted\">No budget set. Hours logged so far: \(DurationFormat.decimalHours(minutes: Int(usage.minutesLogged))).</p>\n"
        }
        return Components.table(caption: "Budget used", headers: [("", false), ("Used", true), ("Budget", true), ("%", true)], renderedRows: rows)
            + "<p class=\"muted\">Hours count every entry logged; the amount is billable time at each entry's rate plus the project's expenses before tax.</p>\n"
    }

    static func percent(_ used: Int64, of budget: Int64) -> String {
        budget > 0 ? String(used * 100 / budget) + "%" : ""
    }

    static func postStatus(_ label: String, to status: ProjectStatus, id: Int64, _ context: RequestContext) -> HTML {
        "<form method=\"post\" action=\"/projects/\(id)/status\" class=\"inline\">\(Components.csrfField(context))<input type=\"hidden\" name=\"status\" value=\"\(status.rawValue)\"><button type=\"submit\" class=\"button\">\(label)</button></form> "
    }

    static func form(_ draft: ProjectDraft, options: ProjectFormOptions, errors: ValidationErrors, project: ProjectRecord?,
                     _ context: RequestContext) -> HTML {
        let title = project == nil ? "New project" : "Edit project"
        let action = project?.id.map { "/projects/\($0)/edit" } ?? "/projects"
        let cancel = project?.id.map { "/projects/\($0)" } ?? "/projects"
        let currency = Components.currency(context)
        let clients = [(value: "", label: "Choose a client")] + options.clients.map { (value: String($0.id), label: $0.name) }
        let billing = ProjectBillingType.allCases.map { (value: $0.rawValue, label: $0.label) }
        let statuses: [ProjectStatus] = project.map { [$0.status] + $0.status.allowedNext } ?? [.active, .onHold]
        let people = options.members.map { (value: String($0.userId), label: $0.displayName.isEmpty ? $0.email : "\($0.displayName) (\($0.email))") }
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(Components.errorSummary(errors))<form class="form" method="post" action="\(action)" novalidate>
            \(Components.csrfField(context))
            \(Components.select("Client", name: "client_id", options: clients, selected: draft.clientId, error: errors["client_id"], required: true))\
            \(Components.field("Name", name: "name", value: draft.name, error: errors["name"], required: true, maxLength: ProjectDraft.nameLimit))\
            \(Components.field("Code", name: "code", value: draft.code, error: errors["code"], hint: "Optional and short, like WEB-01; unique in the company.", maxLength: ProjectDraft.codeLimit))\
            \(Components.select("Billing", name: "billing_type", options: billing, selected: draft.billingType, error: errors["billing_type"], required: true))\
            \(Components.field("Hourly rate (\(currency.code))", name: "hourly_rate", value: draft.hourlyRate, error: errors["hourly_rate"], hint: "For hourly projects, like 150.00."))\
            \(Components.field("Fixed fee (\(currency.code))", name: "fixed_fee", value: draft.fixedFee, error: errors["fixed_fee"], hint: "For fixed-fee projects."))\
            \(Components.field("Budget hours", name: "budget_hours", value: draft.budgetHours, error: errors["budget_hours"], hint: "Optional, like 40 or 12.5."))\
            \(Components.field("Budget amount (\(currency.code))", name: "budget_amount", value: draft.budgetAmount, error: errors["budget_amount"], hint: "Optional."))\
            \(Components.select("Status", name: "status", options: statuses.map { (value: $0.rawValue, label: $0.label) }, selected: draft.status, error: errors["status"]))\
            \(Components.checkboxes("People", name: "member_ids", options: people, checked: Set(draft.memberIds), error: errors["member_ids"], hint: "Members of the company who work on this project."))\
            \(Components.field("Notes", name: "notes", value: draft.notes, error: errors["notes"], kind: .textarea(rows: 4)))\
            <div class="form-actions"><button class="button primary" type="submit">Save project</button> <a class="button" href="\(cancel)">Cancel</a></div>
            </form>
            """)
    }

    /// A client's projects, for the client page.
    static func clientSection(_ projects: [ProjectSummary], clientId: Int64, _ context: RequestContext) -> HTML {
        let canEdit = context.signedIn.map { Permission.editProjects.isGranted(to: $0.role) } ?? false
        let add: HTML = canEdit ? "<p><a class=\"button\" href=\"/projects/new?client=\(clientId)\">New project for this client</a></p>\n" : HTML()
        guard !projects.isEmpty else {
            return "<section class=\"card\"><h2>Projects</h2>\n<p class=\"muted\">No projects yet.</p>\n\(add)</section>\n"
        }
        let items: [HTML] = projects.map { "<li><a href=\"/projects/\($0.id)\">\($0.name)</a> \(badge($0.status))</li>" }
        return "<section class=\"card\"><h2>Projects</h2>\n<ul>\(items)</ul>\n\(add)</section>\n"
    }
}
