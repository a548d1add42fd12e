import App
import Domain
import Foundation
import Store

/// The tax-rate pages under /settings/tax-rates. Every id is looked up within the signed-in
/// company: another company's id is a 404 for every verb.
enum TaxRatePages {
    /// GET /settings/tax-rates — Permission: signedIn (everyone reads rates; admins manage them).
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let rates = try context.app.taxRates.list(for: actor, includeArchived: Permission.manageTaxRates.isGranted(to: actor.role))
        return .html(TaxRateViews.index(rates, context))
    }

    /// GET /settings/tax-rates/new — Permission: manageTaxRates.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        .html(TaxRateViews.form(TaxRateDraft(), errors: ValidationErrors(), rateId: nil, context))
    }

    /// POST /settings/tax-rates — Permission: manageTaxRates. 303 → the list; invalid → 422.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let draft = try draft(from: request.form())
        do {
            let rate = try context.app.taxRates.create(draft, by: context.actor())
            context.setFlash(.success, "Tax rate “\(rate.taxRate.label)” added.")
            return .seeOther("/settings/tax-rates")
        } catch AppError.invalid(let errors) {
            return .html(TaxRateViews.form(draft, errors: errors, rateId: nil, context), status: 422)
        }
    }

    /// GET /settings/tax-rates/{id}/edit — Permission: manageTaxRates.
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let rate = try context.app.taxRates.get(request.id(), for: context.actor())
        let draft = TaxRateDraft(name: rate.name, rate: String(rate.taxRate.percentText.dropLast()), isDefault: rate.isDefault)
        return .html(TaxRateViews.form(draft, errors: ValidationErrors(), rateId: rate.id, context))
    }

    /// POST /settings/tax-rates/{id}/edit — Permission: manageTaxRates. 303 → the list; invalid → 422.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let id = try request.id()
        let draft = try draft(from: request.form())
        do {
            let rate = try context.app.taxRates.update(id, with: draft, by: context.actor())
            context.setFlash(.success, "Tax rate “\(rate.taxRate.label)” saved.")
            return .seeOther("/settings/tax-rates")
        } catch AppError.invalid(let errors) {
            _ = try context.app.taxRates.get(id, for: context.actor())
            return .html(TaxRateViews.form(draft, errors: errors, rateId: id, context), status: 422)
        }
    }

    /// POST /settings/tax-rates/{id}/archive — Permission: manageTaxRates. 303 → the list.
    static func archive(_ request: Request, _ context: RequestContext) throws -> Response {
        let rate = try context.app.taxRates.archive(request.id(), by: context.actor())
        context.setFlash(.success, "Tax rate “\(rate.name)” archived.")
        return .seeOther("/settings/tax-rates")
    }

    /// POST /settings/tax-rates/{id}/restore — Permission: manageTaxRates. 303 → the list.
    static func restore(_ request: Request, _ context: RequestContext) throws -> Response {
        let rate = try context.app.taxRates.restore(request.id(), by: context.actor())
        context.setFlash(.success, "Tax rate “\(rate.name)” restored.")
        return .seeOther("/settings/tax-rates")
    }

    static func draft(from form: FormData) -> TaxRateDraft {
        TaxRateDraft(name: form["name"] ?? "", rate: form["rate"] ?? "", isDefault: form["is_default"] == "1")
    }
}
