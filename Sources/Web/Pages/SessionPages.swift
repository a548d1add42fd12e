import App
import Domain
import Foundation

/// "Your sessions": the signed-in user's sessions in this company, and signing them out.
/// Only the user's own sessions: another user's session id is a 404.
enum SessionPages {
    /// GET /account/sessions — Permission: signedIn.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let sessions = try context.app.sessions.list(for: context.actor())
        return .html(SessionViews.index(sessions, context))
    }

    /// POST /account/sessions/{id}/revoke — Permission: signedIn. 303 → the list (or, for the
    /// current session, → /login: that is signing out).
    static func revoke(_ request: Request, _ context: RequestContext) throws -> Response {
        let id = try request.id()
        try context.app.sessions.revoke(id, by: context.actor())
        if id == context.signedIn?.sessionId {
            context.signedIn = nil
            context.setCookie(SessionCookie.deletion(config: context.app.config))
            context.setFlash(.info, "You have signed out.")
            return .seeOther("/login")
        }
        context.setFlash(.success, "That session has been signed out.")
        return .seeOther("/account/sessions")
    }

    /// POST /account/sessions/revoke-others — Permission: signedIn. 303 → the list.
    static func revokeOthers(_ request: Request, _ context: RequestContext) throws -> Response {
        guard let current = context.signedIn?.sessionId else { throw AppError.forbidden }
        let count = try context.app.sessions.revokeOthers(keeping: current, by: context.actor())
        context.setFlash(.success, count == 1 ? "1 other session has been signed out."
                            : "\(count) other sessions have been signed out.")
        return .seeOther("/account/sessions")
    }
}
