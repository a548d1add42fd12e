import App
import Domain

/// GET/POST /account/password — Permission: signedIn. 303 → /account/sessions with a flash
/// (the other sessions ended); invalid → 422 with messages (passwords are never echoed).
enum PasswordChangePage {
    static func get(_ request: Request, _ context: RequestContext) throws -> Response {
        .html(view(errors: ValidationErrors(), context))
    }

    static func post(_ request: Request, _ context: RequestContext) throws -> Response {
        guard let signedIn = context.signedIn else { throw AppError.forbidden }
        let form = try request.form()
        do {
            let ended = try context.app.passwordChange.change(current: form["current_password"] ?? "",
                                                              new: form["new_password"] ?? "", for: signedIn,
                                                              requestId: context.requestId, ip: context.remoteAddress)
            context.setFlash(.success, ended == 0 ? "Password changed."
                             : "Password changed; \(ended) other \(ended == 1 ? "session was" : "sessions were") signed out.")
            return .seeOther("/account/sessions")
        } catch AppError.invalid(let errors) {
            return .html(view(errors: errors, context), status: 422)
        }
    }

    static func view(errors: ValidationErrors, _ context: RequestContext) -> HTML {
        Layout.page("Change password", context, body: """
            <div class="page-header"><h1>Change password</h1></div>
            <form class="form" method="post" action="/account/password" novalidate>
            \(Components.csrfField(context))
            \(Components.field("Current password", name: "current_password", value: "", error: errors["current_password"], kind: .password, required: true, autocomplete: "current-password"))\
            \(Components.field("New password", name: "new_password", value: "", error: errors["new_password"], kind: .password, hint: "At least 12 characters; not a common password. Your other sessions will be signed out.", required: true, autocomplete: "new-password"))\
            <div class="form-actions"><button class="button primary" type="submit">Change password</button> <a class="button" href="/account/sessions">Cancel</a></div>
            </form>
            """)
    }
}
