import App
import Domain

/// GET /invitations/{token}, POST /invitations/{token} — Permission: anonymous (the token is
/// the credential). Unknown links answer 404, used or expired ones 410.
enum InvitationPages {
    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        do {
            return .html(MemberViews.accept(try context.app.invitations.pending(token: token), token: token, name: "",
                                            error: nil, context))
        } catch let problem as LinkProblem {
            return LinkPages.problem(problem, what: "invitation", context)
        }
    }

    /// Accepts and signs the new member in: 303 → /. An existing account joins and is sent to
    /// /login (303), where its second factor, if it has one, is asked for as usual.
    static func accept(_ request: Request, _ context: RequestContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let form = try request.form()
        let name = form["name"] ?? ""
        do {
            guard let session = try context.app.invitations.accept(token: token, displayName: name, password: form["password"] ?? "",
                                                             ip: context.remoteAddress, userAgent: request.userAgent,
                                                             requestId: context.requestId) else {
                context.setFlash(.success, "You have joined. Sign in to continue.")
                return .seeOther("/login")
            }
            context.signedIn = session.signedIn
            context.setCookie(SessionCookie.cookie(token: session.token, config: context.app.config))
            context.setCookie(SetCookie.removal(CSRF.cookieName, secure: context.app.config.isProduction))
            context.setFlash(.success, "Welcome to \(session.signedIn.company.name).")
            return .seeOther("/")
        } catch let problem as LinkProblem {
            return LinkPages.problem(problem, what: "invitation", context)
        } catch AppError.invalid(let errors) {
            let pending = try context.app.invitations.pending(token: token)
            return .html(MemberViews.accept(pending, token: token, name: name,
                                            error: errors.messages.map(\.message).joined(separator: " "), context), status: 422)
        }
    }
}

/// The answer for a mailed link that does not work.
enum LinkPages {
    static func problem(_ problem: LinkProblem, what: String, _ context: RequestContext) -> Response {
        switch problem {
        case .unknown:
            ErrorPages.page(context, status: 404, title: "Link not found",
                            message: "This \(what) link is not valid. Check that you copied the whole link from the email.")
        case .expired:
            ErrorPages.page(context, status: 410, title: "Link expired",
                            message: "This \(what) link has expired. Ask for a new one.")
        case .used:
            ErrorPages.page(context, status: 410, title: "Link already used",
                            message: "This \(what) link has already been used; each link works once.")
        }
    }
}
