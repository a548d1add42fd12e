import Domain
import Foundation
import Store

enum ClientViews {
    static func index(_ page: Page<ClientSummary>, search: String, filter: ClientListFilter, _ context: RequestContext) -> HTML {
        let canEdit = context.signedIn.map { Permission.editClients.isGranted(to: $0.role) } ?? false
        let title = filter == .deleted ? "Deleted clients" : "Clients"
        let newButton: HTML = canEdit ? "<a class=\"button primary\" href=\"/clients/new\">New client</a>" : HTML()
        let toggle: HTML = filter == .deleted ? "<a class=\"button\" href=\"/clients\">Active clients</a>"
            : "<a class=\"button\" href=\"/clients?status=deleted\">Deleted clients</a>"
        let statusField: HTML = filter == .deleted ? "<input type=\"hidden\" name=\"status\" value=\"deleted\">" : HTML()
        let searchForm: HTML = """
            <form class="search" role="search" method="get" action="/clients">\(statusField)<label for="q" class="visually-hidden">Search clients</label><input type="search" id="q" name="q" value="\(search)" placeholder="Name, email or company"><button class="button" type="submit">Search</button></form>

            """
        let listing: HTML
        if page.items.isEmpty {
            listing = search.isEmpty && filter == .live
                ? Components.emptyState("No clients yet.", action: canEdit ? "<a class=\"button primary\" href=\"/clients/new\">Add your first client</a>" : nil)
                : Components.emptyState(search.isEmpty ? "No deleted clients." : "No clients match “\(search)”.")
        } else {
            var rows = HTML()
            rows.reserveCapacity(page.items.count * 256)
            for client in page.items {
                rows.append("""
                    <tr><td><a href="/clients/\(client.id)">\(client.name)</a></td><td>\(client.companyName)</td>\
                    <td>\(client.email)</td><td>\(client.phone)</td></tr>

                    """)
            }
            listing = Components.table(caption: title,
                                       headers: [("Name", false), ("Company", false), ("Email", false), ("Phone", false)],
                                       renderedRows: rows)
                + Components.pagination(page, path: "/clients", query: [("q", search), ("status", filter == .deleted ? "deleted" : "")],
                                        edges: page.items.first.flatMap { first in page.items.last.map { (first.id, $0.id) } })
        }
        let count: HTML = "<p class=\"muted\">\(page.totalCount) \(page.totalCount == 1 ? "client" : "clients")</p>\n"
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1><div class="actions">\(toggle) \(newButton)</div></div>
            \(searchForm)\(count)\(listing)
            """)
    }

    static func detail(_ client: ClientRecord, projects: [ProjectSummary], _ context: RequestContext) -> HTML {
        let role = context.signedIn?.role ?? .viewer
        let id = client.id ?? 0
        var actions: [HTML] = []
        if client.isDeleted {
            if Permission.deleteClients.isGranted(to: role) {
                actions.append(Components.postButton("Restore", action: "/clients/\(id)/restore", context, style: "button primary"))
            }
        } else {
            if Permission.editClients.isGranted(to: role) {
                actions.append("<a class=\"button\" href=\"/clients/\(id)/edit\">Edit</a>")
            }
            if Permission.deleteClients.isGranted(to: role) {
                actions.append(Components.postButton("Delete", action: "/clients/\(id)/delete", context, style: "button danger",
                                                     confirm: "Delete \(client.name)? You can restore it later."))
            }
        }
        let badge: HTML = client.isDeleted ? " <span class=\"badge badge-muted\">Deleted</span>" : HTML()
        func row(_ label: String, _ value: String, multiline: Bool = false) -> HTML {
            if value.isEmpty { return HTML() }
            return multiline ? "<dt>\(label)</dt><dd class=\"multiline\">\(value)</dd>\n" : "<dt>\(label)</dt><dd>\(value)</dd>\n"
        }
        return Layout.page(client.name, context, body: """
            <div class="page-header"><h1>\(client.name)\(badge)</h1><div class="actions">\(actions.map { $0 + " " })</div></div>
            <dl class="details">
            \(row("Company", client.companyName))\(row("Email", client.email))\(row("Phone", client.phone))\
            \(row("Address", client.address, multiline: true))\(row("Notes", client.notes, multiline: true))<dt>Added</dt><dd>\(DisplayDate.day(client.createdAt))</dd>
            </dl>
            \(ProjectViews.clientSection(projects, clientId: id, context))<p><a href="/clients">Back to clients</a></p>
            """)
    }

    static func form(_ draft: ClientDraft, errors: ValidationErrors, clientId: Int64?, _ context: RequestContext) -> HTML {
        let title = clientId == nil ? "New client" : "Edit client"
        let action = clientId.map { "/clients/\($0)/edit" } ?? "/clients"
        let cancel = clientId.map { "/clients/\($0)" } ?? "/clients"
        let summary: HTML = errors.isEmpty ? HTML()
            : "<div class=\"flash flash-error\" role=\"alert\">Please correct the \(errors.messages.count == 1 ? "field" : "fields") marked below.</div>\n"
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(summary)<form class="form" method="post" action="\(action)" novalidate>
            \(Components.csrfField(context))
            \(Components.field("Name", name: "name", value: draft.name, error: errors["name"], required: true, maxLength: ClientDraft.nameLimit))\
            \(Components.field("Company", name: "company_name", value: draft.companyName, error: errors["company_name"], hint: "The client's business, if any.", autocomplete: "organization"))\
            \(Components.field("Email", name: "email", value: draft.email, error: errors["email"], kind: .email, hint: "Invoices and reminders go here.", autocomplete: "email"))\
            \(Components.field("Phone", name: "phone", value: draft.phone, error: errors["phone"], kind: .tel, autocomplete: "tel"))\
            \(Components.field("Address", name: "address", value: draft.address, error: errors["address"], kind: .textarea(rows: 3), hint: "Printed on invoices."))\
            \(Components.field("Notes", name: "notes", value: draft.notes, error: errors["notes"], kind: .textarea(rows: 4), hint: "Only your team sees these."))\
            <div class="form-actions"><button class="button primary" type="submit">Save client</button> <a class="button" href="\(cancel)">Cancel</a></div>
            </form>
            """)
    }
}

enum DisplayDate {
    /// "Nov 22, 2026" in UTC (per-company time zones are a later capability).
    static func day(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .omitted)
        style.timeZone = TimeZone(identifier: "UTC") ?? .current
        return date.formatted(style)
    }
}
