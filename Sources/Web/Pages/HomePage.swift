import App
import Store

/// GET / — the dashboard. Permission: signedIn.
enum HomePage {
    static func get(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let liveClients = try context.app.clients.list(for: actor, search: "", filter: .live, page: .init(number: 1, size: 5))
        let recent: [HTML] = liveClients.items.map { "<li><a href=\"/clients/\($0.id)\">\($0.name)</a></li>" }
        let company = context.signedIn?.company.name ?? ""
        return .html(Layout.page("Dashboard", context, body: """
            <div class="page-header"><h1>\(company)</h1><div class="actions"><a class="button primary" href="/clients/new">New client</a></div></div>
            <div class="card"><h2>Clients</h2><p>\(liveClients.totalCount) active \(liveClients.totalCount == 1 ? "client" : "clients").</p>
            \(recent.isEmpty ? HTML() : "<ul>\(recent)</ul>")<p><a href="/clients">All clients</a></p></div>
            """))
    }
}
