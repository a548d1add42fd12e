import App
import Domain
import Foundation
import Store

/// The catalog pages. Every id is looked up within the signed-in company: another
/// company's id (in the path or in the tax-rate field) is a 404 for every verb.
enum CatalogPages {
    /// GET /catalog?q=&status=archived&page= — Permission: signedIn (pickers read it; admins manage it).
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let search = String((request.query["q"] ?? "").prefix(200))
        let filter = CatalogListFilter(rawValue: request.query["status"] ?? "") ?? .live
        let page = try context.app.catalog.list(for: actor, search: search, filter: filter,
                                                page: PageRequest(query: request.query["page"]))
        let rates = try context.app.taxRates.list(for: actor, includeArchived: true)
        return .html(CatalogViews.index(page, rates: rates, search: search, filter: filter, context))
    }

    /// GET /catalog/new — Permission: manageCatalog. The company's default tax rate is preselected.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        let rates = try context.app.taxRates.list(for: context.actor())
        let draft = CatalogItemDraft(unit: "hour", taxRateId: rates.first(where: \.isDefault)?.id.map(String.init) ?? "")
        return .html(CatalogViews.form(draft, rates: rates, errors: ValidationErrors(), itemId: nil, context))
    }

    /// POST /catalog — Permission: manageCatalog. 303 → the catalog; invalid → 422 with messages.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let draft = try draft(from: request.form())
        do {
            let item = try context.app.catalog.create(draft, by: context.actor())
            context.setFlash(.success, "“\(item.name)” added to the catalog.")
            return .seeOther("/catalog")
        } catch AppError.invalid(let errors) {
            let rates = try context.app.taxRates.list(for: context.actor())
            return .html(CatalogViews.form(draft, rates: rates, errors: errors, itemId: nil, context), status: 422)
        }
    }

    /// GET /catalog/{id}/edit — Permission: manageCatalog.
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let item = try context.app.catalog.get(request.id(), for: actor)
        let draft = CatalogItemDraft(kind: item.kind.rawValue, name: item.name, description: item.description, unit: item.unit,
                                     unitPrice: MoneyFormat.plain(cents: item.unitPriceCents, currency: Components.currency(context)),
                                     taxRateId: item.taxRateId.map(String.init) ?? "")
        return .html(CatalogViews.form(draft, rates: try rates(for: item.taxRateId, actor, context), errors: ValidationErrors(),
                                       itemId: item.id, context))
    }

    /// POST /catalog/{id}/edit — Permission: manageCatalog. 303 → the catalog; invalid → 422.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let id = try request.id()
        let draft = try draft(from: request.form())
        do {
            let item = try context.app.catalog.update(id, with: draft, by: context.actor())
            context.setFlash(.success, "“\(item.name)” saved.")
            return .seeOther("/catalog")
        } catch AppError.invalid(let errors) {
            let item = try context.app.catalog.get(id, for: context.actor())
            return .html(CatalogViews.form(draft, rates: try rates(for: item.taxRateId, context.actor(), context), errors: errors,
                                           itemId: id, context), status: 422)
        }
    }

    /// POST /catalog/{id}/archive — Permission: manageCatalog. 303 → the catalog.
    static func archive(_ request: Request, _ context: RequestContext) throws -> Response {
        let item = try context.app.catalog.archive(request.id(), by: context.actor())
        context.setFlash(.success, "“\(item.name)” archived. You can restore it from Archived items.")
        return .seeOther("/catalog")
    }

    /// POST /catalog/{id}/restore — Permission: manageCatalog. 303 → the catalog.
    static func restore(_ request: Request, _ context: RequestContext) throws -> Response {
        let item = try context.app.catalog.restore(request.id(), by: context.actor())
        context.setFlash(.success, "“\(item.name)” restored.")
        return .seeOther("/catalog")
    }

    /// The live rates, plus the item's own rate if it has been archived since.
    static func rates(for current: Int64?, _ actor: Actor, _ context: RequestContext) throws -> [TaxRateRecord] {
        let all = try context.app.taxRates.list(for: actor, includeArchived: true)
        return all.filter { !$0.isArchived || $0.id == current }
    }

    static func draft(from form: FormData) -> CatalogItemDraft {
        CatalogItemDraft(kind: form["kind"] ?? "", name: form["name"] ?? "", description: form["description"] ?? "",
                         unit: form["unit"] ?? "", unitPrice: form["unit_price"] ?? "", taxRateId: form["tax_rate_id"] ?? "")
    }
}
