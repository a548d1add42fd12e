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
}
