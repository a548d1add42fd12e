import App
import Domain

/// GET/POST /password/forgot, GET/POST /password/reset/{token} — Permission: anonymous.
enum PasswordResetPages {
    /// What the forgot form answers, whether or not the email has an account.
    static let sentMessage = "If that email belongs to an account, a link to reset its password is on its way. "
        + "It works once, for 1 hour."

    static func forgot(_ request: Request, _ context: RequestContext) throws -> Response {
        .html(PasswordViews.forgot(email: "", context))
    }

    static func requestLink(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        try context.app.passwordReset.request(email: form["email"] ?? "", requestId: context.requestId, ip: context.remoteAddress)
        context.setFlash(.info, sentMessage)
        return .seeOther("/login")
    }

    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        do {
            try context.app.passwordReset.check(token: token)
            return .html(PasswordViews.reset(token: token, error: nil, context))
        } catch let problem as LinkProblem {
            return LinkPages.problem(problem, what: "password reset", context)
        }
    }

    /// 303 → /login: every session ended, the user signs in with the new password.
    static func reset(_ request: Request, _ context: RequestContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let form = try request.form()
        do {
            try context.app.passwordReset.reset(token: token, password: form["password"] ?? "", requestId: context.requestId,
                                                ip: context.remoteAddress)
        } catch let problem as LinkProblem {
            return LinkPages.problem(problem, what: "password reset", context)
        } catch AppError.invalid(let errors) {
            return .html(PasswordViews.reset(token: token, error: errors.messages.map(\.message).joined(separator: " "), context),
                         status: 422)
        }
        context.signedIn = nil
        context.setCookie(SessionCookie.deletion(config: context.app.config))
        context.setFlash(.success, "Your password has been changed and every session signed out. Sign in with the new password.")
        return .seeOther("/login")
    }
}
