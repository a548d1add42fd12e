import App
import Domain

/// GET /signup, POST /signup — anonymous, and only when `EZ360_OPEN_SIGNUP=1`; otherwise 404
/// (a self-hosted install is closed: its owner invites people).
enum SignupPage {
    static func get(_ request: Request, _ context: RequestContext) throws -> Response {
        guard context.app.signup.isOpen else { throw AppError.notFound }
        if context.signedIn != nil { return .seeOther("/") }
        return .html(view(SignupService.Draft(), errors: ValidationErrors(), context))
    }

    /// 303 → / signed in as the new company's owner; invalid → 422 with messages.
    static func post(_ request: Request, _ context: RequestContext) throws -> Response {
        guard context.app.signup.isOpen else { throw AppError.notFound }
        let form = try request.form()
        let draft = SignupService.Draft(companyName: form["company_name"] ?? "", name: form["name"] ?? "",
                                        email: form["email"] ?? "", password: form["password"] ?? "")
        do {
            let session = try context.app.signup.signUp(draft, ip: context.remoteAddress, userAgent: request.userAgent,
                                                        requestId: context.requestId)
            context.signedIn = session.signedIn
            context.setCookie(SessionCookie.cookie(token: session.token, config: context.app.config))
            context.setCookie(SetCookie.removal(CSRF.cookieName, secure: context.app.config.isProduction))
            context.setFlash(.success, "Welcome to EZ360PM, \(session.signedIn.company.name).")
            return .seeOther("/")
        } catch AppError.invalid(let errors) {
            var echoed = draft
            echoed.password = ""
            return .html(view(echoed, errors: errors, context), status: 422)
        }
    }

    static func view(_ draft: SignupService.Draft, errors: ValidationErrors, _ context: RequestContext) -> HTML {
        Layout.bare("Create your company", context, body: """
            <div class="card"><h1>Create your company</h1>
            <form class="form" method="post" action="/signup" novalidate>
            \(Components.csrfField(context))
            \(Components.field("Company name", name: "company_name", value: draft.companyName, error: errors["company_name"], required: true, autocomplete: "organization"))\
            \(Components.field("Your name", name: "name", value: draft.name, error: errors["name"], autocomplete: "name"))\
            \(Components.field("Email", name: "email", value: draft.email, error: errors["email"], kind: .email, required: true, autocomplete: "username"))\
            \(Components.field("Password", name: "password", value: "", error: errors["password"], kind: .password, hint: "At least 12 characters; not a common password.", required: true, autocomplete: "new-password"))\
            <div class="form-actions"><button class="button primary" type="submit">Create company</button> <a href="/login">Sign in instead</a></div>
            </form></div>
            """)
    }
}
