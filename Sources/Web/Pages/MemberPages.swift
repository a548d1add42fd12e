import App
import Domain

/// GET /members, POST /members/invitations — Permission: manageMembers (admin and up).
enum MemberPages {
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        .html(MemberViews.index(try context.app.invitations.overview(for: context.actor()), email: "", role: .staff,
                                error: nil, context))
    }

    /// 303 → /members with a flash; a refused invitation shows the page again with the reason.
    static func invite(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        let email = form["email"] ?? ""
        let role = Role(rawValue: form["role"] ?? "") ?? .staff
        let actor = try context.actor()
        do {
            try context.app.invitations.invite(email: email, role: role, by: actor)
        } catch AppError.invalid(let errors) {
            let overview = try context.app.invitations.overview(for: actor)
            return .html(MemberViews.index(overview, email: email, role: role,
                                           error: errors.messages.map(\.message).joined(separator: " "), context), status: 422)
        } catch AppError.conflict(let message) {
            let overview = try context.app.invitations.overview(for: actor)
            return .html(MemberViews.index(overview, email: email, role: role, error: message, context), status: 409)
        }
        context.setFlash(.success, "Invitation sent to \(EmailAddress.normalized(email)).")
        return .seeOther("/members")
    }

    /// POST /members/{id}/role — 303 → /members. The member's sessions end (they sign in again
    /// with the new role); changing your own role signs you out.
    static func changeRole(_ request: Request, _ context: RequestContext) throws -> Response {
        let userId = try request.id()
        let role = Role(rawValue: try request.form()["role"] ?? "")
        let actor = try context.actor()
        do {
            let change = try context.app.memberships.changeRole(userId: userId, to: role, by: actor)
            if userId == actor.userId && change.before != change.after {
                context.setCookie(SessionCookie.deletion(config: context.app.config))
                context.setFlash(.info, "Your role is now \(change.after.rawValue). Sign in again.")
                return .seeOther("/login")
            }
            context.setFlash(.success, change.before == change.after ? "\(change.email) is already \(change.after.rawValue)."
                             : "\(change.email) is now \(change.after.rawValue); their sessions were ended.")
        } catch AppError.conflict(let message) {
            context.setFlash(.error, message)
        } catch AppError.invalid(let errors) {
            context.setFlash(.error, errors.messages.map(\.message).joined(separator: " "))
        }
        return .seeOther("/members")
    }
}
