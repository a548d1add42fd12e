import App
import Domain

/// GET /login, POST /login, POST /logout. Permission: anonymous (sign-out: signed in).
enum SignInPage {
    static func path(next: String?) -> String {
        guard let next, isSafeNext(next), next != "/" else { return "/login" }
        return "/login?next=" + URLQuery.encode(next)
    }

    /// Only a local path: never `//host` or `https://…` (no open redirect).
    static func isSafeNext(_ next: String) -> Bool {
        next.hasPrefix("/") && !next.hasPrefix("//") && !next.hasPrefix("/\\") && !next.contains("\r") && !next.contains("\n")
    }

    static func get(_ request: Request, _ context: RequestContext) throws -> Response {
        if context.signedIn != nil { return .seeOther(request.query["next"].flatMap { isSafeNext($0) ? $0 : nil } ?? "/") }
        return .html(view(email: "", next: request.query["next"] ?? "", error: nil, context))
    }

    static func post(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        let email = form["email"] ?? ""
        let next = form["next"] ?? ""
        do {
            let step = try context.app.auth.beginSignIn(email: email, password: form["password"] ?? "", ip: context.remoteAddress,
                                                        userAgent: request.userAgent, requestId: context.requestId,
                                                        next: isSafeNext(next) ? next : "/")
            guard case .signedIn(let session) = step else {
                if case .secondFactorRequired(let pendingToken) = step {
                    context.setCookie(SecondFactorPage.cookie(token: pendingToken, context))
                }
                return .seeOther("/login/two-factor")
            }
            context.signedIn = session.signedIn
            context.setCookie(SessionCookie.cookie(token: session.token, config: context.app.config))
            context.setCookie(SetCookie.removal(CSRF.cookieName, secure: context.app.config.isProduction))
            return .seeOther(isSafeNext(next) ? next : "/")
        } catch AuthError.invalidCredentials {
            return .html(view(email: email, next: next, error: wrongCredentials, context), status: 422)
        } catch AuthError.locked {
            // The same words for a known and an unknown email, and no time: neither tells
            // whether the account exists or which counter (account or IP) is locked.
            return .html(view(email: email, next: next, error: wrongCredentials + " " + tooManyAttempts, context),
                         status: 429)
        }
    }

    static let wrongCredentials = "That email and password do not match an account."
    static let tooManyAttempts = "Too many failed attempts: sign-in is paused for a while. Try again later."

    static func logout(_ request: Request, _ context: RequestContext) throws -> Response {
        if let signedIn = context.signedIn {
            try context.app.auth.signOut(signedIn, requestId: context.requestId, ip: context.remoteAddress)
        }
        context.signedIn = nil
        context.setCookie(SessionCookie.deletion(config: context.app.config))
        context.setFlash(.info, "You have signed out.")
        return .seeOther("/login")
    }

    static func view(email: String, next: String, error: String?, _ context: RequestContext) -> HTML {
        let errorHTML: HTML = error.map { "<div class=\"flash flash-error\" role=\"alert\">\($0)</div>" } ?? HTML()
        let signupLink: HTML = context.app.signup.isOpen ? "<p>New here? <a href=\"/signup\">Create your company</a></p>" : HTML()
        return Layout.bare("Sign in", context, body: """
            <div class="card"><h1>Sign in to EZ360PM</h1>\(errorHTML)
            <form class="form" method="post" action="/login" novalidate>
            \(Components.csrfField(context))<input type="hidden" name="next" value="\(next)">
            \(Components.field("Email", name: "email", value: email, kind: .email, required: true, autocomplete: "username"))\
            \(Components.field("Password", name: "password", value: "", kind: .password, required: true, autocomplete: "current-password"))\
            <div class="form-actions"><button class="button primary" type="submit">Sign in</button></div>
            </form><p><a href="/password/forgot">Forgot your password?</a></p>\(signupLink)</div>
            """)
    }
}
