import Domain
import Foundation
import Store

enum TaxRateViews {
    static func index(_ rates: [TaxRateRecord], _ context: RequestContext) -> HTML {
        let canManage = context.signedIn.map { Permission.manageTaxRates.isGranted(to: $0.role) } ?? false
        let newButton: HTML = canManage ? "<a class=\"button primary\" href=\"/settings/tax-rates/new\">New tax rate</a>" : HTML()
        let listing: HTML
        if rates.isEmpty {
            listing = Components.emptyState("No tax rates yet.", action: canManage
                ? "<a class=\"button primary\" href=\"/settings/tax-rates/new\">Add your first tax rate</a>" : nil)
        } else {
            var rows = HTML()
            for rate in rates {
                let id = rate.id ?? 0
                let badges: HTML = rate.isDefault ? " <span class=\"badge\">Default</span>"
                    : (rate.isArchived ? " <span class=\"badge badge-muted\">Archived</span>" : HTML())
                var actions: [HTML] = []
                if canManage {
                    if rate.isArchived {
                        actions.append(Components.postButton("Restore", action: "/settings/tax-rates/\(id)/restore", context))
                    } else {
                        actions.append("<a class=\"button\" href=\"/settings/tax-rates/\(id)/edit\">Edit</a> ")
                        actions.append(Components.postButton("Archive", action: "/settings/tax-rates/\(id)/archive", context,
                                                             confirm: "Archive \(rate.name)? Documents that used it keep it."))
                    }
                }
                rows.append("<tr><td>\(rate.name)\(badges)</td><td class=\"num\">\(rate.taxRate.percentText)</td><td>\(actions)</td></tr>\n")
            }
            listing = Components.table(caption: "Tax rates", headers: [("Name", false), ("Rate", true), ("", false)], renderedRows: rows)
        }
        return Layout.page("Tax rates", context, body: """
            <div class="page-header"><h1>Tax rates</h1><div class="actions">\(newButton)</div></div>
            <p class="muted">The default rate is filled in on new catalog items and invoice lines. Archived rates stay on the documents that used them.</p>
            \(listing)
            """)
    }

    static func form(_ draft: TaxRateDraft, errors: ValidationErrors, rateId: Int64?, _ context: RequestContext) -> HTML {
        let title = rateId == nil ? "New tax rate" : "Edit tax rate"
        let action = rateId.map { "/settings/tax-rates/\($0)/edit" } ?? "/settings/tax-rates"
        let checked: HTML = draft.isDefault ? " checked" : HTML()
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(Components.errorSummary(errors))<form class="form" method="post" action="\(action)" novalidate>
            \(Components.csrfField(context))
            \(Components.field("Name", name: "name", value: draft.name, error: errors["name"], hint: "As printed on invoices, like GST or Sales tax.", required: true, maxLength: TaxRateDraft.nameLimit))\
            \(Components.field("Rate (%)", name: "rate", value: draft.rate, error: errors["rate"], hint: "Up to three decimals, like 8.25 or 9.975.", required: true))\
            <div class="field"><label class="checkbox" for="is_default"><input type="checkbox" id="is_default" name="is_default" value="1"\(checked)> The company's default rate</label></div>
            <div class="form-actions"><button class="button primary" type="submit">Save tax rate</button> <a class="button" href="/settings/tax-rates">Cancel</a></div>
            </form>
            """)
    }
}
