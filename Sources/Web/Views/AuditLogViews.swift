import App
import Domain
import Foundation
import Store

enum AuditLogViews {
    static func index(_ query: AuditLogPage.Query, listing: AuditLogService.Listing, errors: ValidationErrors,
                      _ context: RequestContext) -> HTML {
        let page = listing.page
        let table: HTML
        if page.items.isEmpty {
            table = Components.emptyState("No audit events match.")
        } else {
            let rows: [[HTML]] = page.items.map { entry in
                let event = entry.event
                let object: String = event.objectType.isEmpty ? "" : event.objectType + (event.objectId.map { " #\($0)" } ?? "")
                return ["\(TimeText.utc(event.createdAt))", "\(entry.userEmail ?? "—")",
                        "<code>\(event.action)</code>", "\(object)", "<code class=\"details\">\(event.details)</code>",
                        "\(event.ip)", "<code>\(event.requestId)</code>"]
            }
            table = Components.table(caption: "Audit events",
                                     headers: [("Time", false), ("User", false), ("Action", false), ("Object", false),
                                               ("Details", false), ("IP", false), ("Request id", false)],
                                     rows: rows)
                + Components.pagination(page, path: "/audit",
                                        query: [("action", query.action), ("user", query.user), ("from", query.from), ("to", query.to)])
        }
        let count: HTML = "<p class=\"muted\">\(page.totalCount) \(page.totalCount == 1 ? "event" : "events")</p>\n"
        return index(query, actions: listing.actions, members: listing.members, errors: errors, context, results: count + table)
    }

    static func index(_ query: AuditLogPage.Query, actions: [String], members: [(id: Int64, email: String)],
                      errors: ValidationErrors, _ context: RequestContext, results: HTML = HTML()) -> HTML {
        func option(_ value: String, _ label: String, selected: Bool) -> HTML {
            selected ? "<option value=\"\(value)\" selected>\(label)</option>" : "<option value=\"\(value)\">\(label)</option>"
        }
        var actionChoices = actions
        if !query.action.isEmpty && !actionChoices.contains(query.action) { actionChoices.append(query.action) }
        let actionOptions: [HTML] = [option("", "Any action", selected: query.action.isEmpty)]
            + actionChoices.map { option($0, $0, selected: $0 == query.action) }
        let userOptions: [HTML] = [option("", "Anyone", selected: query.user.isEmpty)]
            + members.map { option(String($0.id), $0.email, selected: String($0.id) == query.user) }
        func error(_ field: String) -> HTML {
            errors[field].map { "<p class=\"field-error\" id=\"\(field)-error\">\($0)</p>" } ?? HTML()
        }
        func invalid(_ field: String) -> HTML {
            errors[field] == nil ? HTML() : " aria-invalid=\"true\" aria-describedby=\"\(field)-error\""
        }
        let summary: HTML = errors.isEmpty ? HTML()
            : "<div class=\"flash flash-error\" role=\"alert\">Check the filter: \(errors.messages.map(\.message).joined(separator: " "))</div>\n"
        return Layout.page("Audit log", context, body: """
            <div class="page-header"><h1>Audit log</h1></div>
            \(summary)<form class="form filters" method="get" action="/audit">
            <div class="field"><label for="action">Action</label><select id="action" name="action">\(actionOptions)</select></div>
            <div class="field"><label for="user">User</label><select id="user" name="user"\(invalid("user"))>\(userOptions)</select>\(error("user"))</div>
            <div class="field"><label for="from">From</label><input type="date" id="from" name="from" value="\(query.from)"\(invalid("from"))>\(error("from"))</div>
            <div class="field"><label for="to">To</label><input type="date" id="to" name="to" value="\(query.to)"\(invalid("to"))>\(error("to"))</div>
            <div class="form-actions"><button class="button" type="submit">Filter</button> <a class="button" href="/audit">Clear</a></div>
            </form>
            <p class="muted">Times are UTC; dates include the whole day. Every change made in \(context.signedIn?.company.name ?? "the company"), \
            and every sign-in, failure and lockout of its members, newest first.</p>
            \(results)
            """)
    }
}
