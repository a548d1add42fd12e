import App
import Domain
import Store

/// The company settings form: how the firm appears on its invoices and estimates.
enum CompanyProfileViews {
    static func form(_ draft: CompanyProfileDraft, hasLogo: Bool, errors: ValidationErrors, _ context: RequestContext) -> HTML {
        Layout.page("Company details", context, body: """
            <div class="page-header"><h1>Company details</h1></div>
            <p class="muted">Printed on every invoice and estimate you send from now on; documents already sent keep what they had.</p>
            \(Components.errorSummary(errors))<form class="form" method="post" action="/settings/company" enctype="multipart/form-data" novalidate>
            \(Components.csrfField(context))
            \(Components.field("Address", name: "address", value: draft.address, error: errors["address"], kind: .textarea(rows: 4), hint: "As it should appear under your name, one line per line.", maxLength: CompanyProfileDraft.addressLimit))\
            \(Components.field("Billing email", name: "email", value: draft.email, error: errors["email"], kind: .email, hint: "Shown to clients on documents.", autocomplete: "email"))\
            \(Components.field("Phone", name: "phone", value: draft.phone, error: errors["phone"], kind: .tel, maxLength: CompanyProfileDraft.shortFieldLimit))\
            \(Components.field("Tax id", name: "tax_id", value: draft.taxId, error: errors["tax_id"], hint: "Your VAT, GST or EIN number, if documents must show it.", maxLength: CompanyProfileDraft.shortFieldLimit))\
            \(Components.field("Payment instructions", name: "payment_instructions", value: draft.paymentInstructions, error: errors["payment_instructions"], kind: .textarea(rows: 4), hint: "How clients pay you: bank details, payee, reference to quote.", maxLength: CompanyProfileDraft.paymentInstructionsLimit))\
            \(logoField(hasLogo: hasLogo, error: errors["logo"]))\
            \(Components.field("Estimates valid for (days)", name: "estimate_valid_days", value: draft.estimateValidDays, error: errors["estimate_valid_days"], hint: "The default \u{201C}valid until\u{201D} of a new estimate, from its issue date.", required: true))\
            <div class="form-actions"><button class="button primary" type="submit">Save company details</button></div>
            </form>
            """)
    }

    static func logoField(hasLogo: Bool, error: String?) -> HTML {
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"logo-error\">\($0)</p>" } ?? HTML()
        let described: HTML = error == nil ? " aria-describedby=\"logo-hint\"" : " aria-describedby=\"logo-error logo-hint\" aria-invalid=\"true\""
        let hint = hasLogo ? "A logo is set. Choose a PNG to replace it (at most 512 KB)." : "Optional: a PNG of at most 512 KB, drawn top left on documents."
        let remove: HTML = hasLogo
            ? "<label class=\"checkbox\" for=\"remove_logo\"><input type=\"checkbox\" id=\"remove_logo\" name=\"remove_logo\" value=\"1\"> Remove the logo</label>"
            : HTML()
        return """
            <div class="field\(error == nil ? "" : " has-error")"><label for="logo">Logo</label><input type="file" id="logo" name="logo" accept="image/png"\(described)>\(errorHTML)<p class="hint" id="logo-hint">\(hint)</p>\(remove)</div>

            """
    }
}
