import App
import Domain
import Store

/// `/settings/company`: the company's details as its documents print them. The form is
/// multipart (it carries the logo); a logo that is too big, not a PNG or unreadable comes
/// back as the logo field's message with the rest of the form as typed (422).
enum CompanyProfilePages {
    /// GET /settings/company — Permission: manageCompany.
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let (profile, days) = try context.app.companyProfile.get(for: context.actor())
        let draft = CompanyProfileDraft(address: profile.address, email: profile.email, phone: profile.phone, taxId: profile.taxId,
                                        paymentInstructions: profile.paymentInstructions, estimateValidDays: String(days))
        return .html(CompanyProfileViews.form(draft, hasLogo: profile.logoPNG != nil, errors: ValidationErrors(), context))
    }

    /// POST /settings/company — Permission: manageCompany. 303 → the form with a notice.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        let draft = CompanyProfileDraft(address: form["address"] ?? "", email: form["email"] ?? "", phone: form["phone"] ?? "",
                                        taxId: form["tax_id"] ?? "", paymentInstructions: form["payment_instructions"] ?? "",
                                        estimateValidDays: form["estimate_valid_days"] ?? "")
        let logo: LogoUpload? = request.oversizedUploadFields.contains("logo") ? .tooLarge
            : request.upload("logo").map { .file(path: $0.path) }
        do {
            try context.app.companyProfile.update(draft, logo: logo, removeLogo: form["remove_logo"] == "1", by: context.actor())
            context.setFlash(.success, "Company details saved.")
            return .seeOther("/settings/company")
        } catch AppError.invalid(let errors) {
            let hasLogo = try context.app.companyProfile.get(for: context.actor()).profile.logoPNG != nil
            return .html(CompanyProfileViews.form(draft, hasLogo: hasLogo, errors: errors, context), status: 422)
        }
    }
}
