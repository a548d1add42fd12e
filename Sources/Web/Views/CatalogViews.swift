import Domain
import Foundation
import Store

enum CatalogViews {
    static func index(_ page: Page<CatalogItemRecord>, rates: [TaxRateRecord], search: String, filter: CatalogListFilter,
                      _ context: RequestContext) -> HTML {
        let canManage = context.signedIn.map { Permission.manageCatalog.isGranted(to: $0.role) } ?? false
        let title = filter == .archived ? "Archived catalog items" : "Catalog"
        let newButton: HTML = canManage ? "<a class=\"button primary\" href=\"/catalog/new\">New item</a>" : HTML()
        let toggle: HTML = filter == .archived ? "<a class=\"button\" href=\"/catalog\">Current items</a>"
            : "<a class=\"button\" href=\"/catalog?status=archived\">Archived items</a>"
        let statusField: HTML = filter == .archived ? "<input type=\"hidden\" name=\"status\" value=\"archived\">" : HTML()
        let rateNames = Dictionary(uniqueKeysWithValues: rates.compactMap { rate in rate.id.map { ($0, rate.taxRate.label) } })
        let listing: HTML
        if page.items.isEmpty {
            listing = search.isEmpty && filter == .live
                ? Components.emptyState("No catalog items yet.", action: canManage ? "<a class=\"button primary\" href=\"/catalog/new\">Add your first service</a>" : nil)
                : Components.emptyState(search.isEmpty ? "No archived items." : "No items match “\(search)”.")
        } else {
            var rows = HTML()
            for item in page.items {
                let id = item.id ?? 0
                let name: HTML = canManage ? "<a href=\"/catalog/\(id)/edit\">\(item.name)</a>" : "\(item.name)"
                let action: HTML
                if !canManage {
                    action = HTML()
                } else if item.isArchived {
                    action = Components.postButton("Restore", action: "/catalog/\(id)/restore", context)
                } else {
                    action = Components.postButton("Archive", action: "/catalog/\(id)/archive", context,
                                                   confirm: "Archive \(item.name)? Entries and invoices that used it keep their copy.")
                }
                let unit = item.unit.isEmpty ? "" : " / \(item.unit)"
                rows.append("""
                    <tr><td>\(name)</td><td>\(item.kind.label)</td><td class="num">\(Components.money(item.unitPriceCents, context))\(unit)</td>\
                    <td>\(item.taxRateId.flatMap { rateNames[$0] } ?? "")</td><td>\(action)</td></tr>

                    """)
            }
            listing = Components.table(caption: title, headers: [("Name", false), ("Kind", false), ("Price", true), ("Tax", false), ("", false)],
                                       renderedRows: rows)
                + Components.pagination(page, path: "/catalog", query: [("q", search), ("status", filter == .archived ? "archived" : "")])
        }
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1><div class="actions">\(toggle) \(newButton)</div></div>
            <form class="search" role="search" method="get" action="/catalog">\(statusField)<label for="q" class="visually-hidden">Search the catalog</label><input type="search" id="q" name="q" value="\(search)" placeholder="Name or description"><button class="button" type="submit">Search</button></form>
            <p class="muted">\(page.totalCount) \(page.totalCount == 1 ? "item" : "items")</p>
            \(listing)
            """)
    }

    static func form(_ draft: CatalogItemDraft, rates: [TaxRateRecord], errors: ValidationErrors, itemId: Int64?,
                     _ context: RequestContext) -> HTML {
        let title = itemId == nil ? "New catalog item" : "Edit catalog item"
        let action = itemId.map { "/catalog/\($0)/edit" } ?? "/catalog"
        let kinds = CatalogItemKind.allCases.map { (value: $0.rawValue, label: $0.label) }
        let rateOptions = [(value: "", label: "No tax")] + rates.compactMap { rate in
            rate.id.map { (value: String($0), label: rate.taxRate.label + (rate.isArchived ? " (archived)" : "")) }
        }
        let currency = Components.currency(context)
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(Components.errorSummary(errors))<form class="form" method="post" action="\(action)" novalidate>
            \(Components.csrfField(context))
            \(Components.select("Kind", name: "kind", options: kinds, selected: draft.kind, error: errors["kind"], required: true))\
            \(Components.field("Name", name: "name", value: draft.name, error: errors["name"], hint: "Time entries and invoice lines copy this name when they are made.", required: true, maxLength: CatalogItemDraft.nameLimit))\
            \(Components.field("Description", name: "description", value: draft.description, error: errors["description"], kind: .textarea(rows: 3)))\
            \(Components.field("Unit", name: "unit", value: draft.unit, error: errors["unit"], hint: "hour, day, item…", maxLength: CatalogItemDraft.unitLimit))\
            \(Components.field("Unit price (\(currency.code))", name: "unit_price", value: draft.unitPrice, error: errors["unit_price"], hint: "Like 1,234.50.", required: true))\
            \(Components.select("Tax rate", name: "tax_rate_id", options: rateOptions, selected: draft.taxRateId, error: errors["tax_rate_id"]))\
            <div class="form-actions"><button class="button primary" type="submit">Save item</button> <a class="button" href="/catalog">Cancel</a></div>
            </form>
            """)
    }
}
