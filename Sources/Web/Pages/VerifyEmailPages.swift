import App
import Domain
import Foundation

/// The email verification gate: GET /verify-email, POST /verify-email/resend,
/// GET/POST /verify-email/{token}. Permission: signedIn (the link is bound to its user: a
/// signed-out visitor signs in first and comes back).
enum VerifyEmailPages {
    /// Routes an unverified user may still reach while the gate is on.
    static func isAllowedWhileUnverified(_ route: Route) -> Bool {
        route.permission == .anonymous || route.pattern == "/logout" || route.pattern.hasPrefix("/verify-email")
    }

    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        guard let signedIn = context.signedIn else { throw AppError.forbidden }
        return .html(PasswordViews.verifyEmail(email: signedIn.user.email,
                                               verified: signedIn.user.emailVerifiedAt != nil, context))
    }

    static func resend(_ request: Request, _ context: RequestContext) throws -> Response {
        guard let signedIn = context.signedIn else { throw AppError.forbidden }
        switch try context.app.emailVerification.send(for: signedIn, requestId: context.requestId, ip: context.remoteAddress) {
        case .sent: context.setFlash(.success, "A verification link is on its way to \(signedIn.user.email).")
        case .alreadyVerified: context.setFlash(.info, "Your email address is already verified.")
        case .tooSoon:
            context.setFlash(.error, "A link was sent less than 5 minutes ago. Check your inbox, or try again in a few minutes.")
        }
        return .seeOther("/verify-email")
    }

    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        .html(PasswordViews.confirmVerification(token: request.pathParameters["token"] ?? "", context))
    }

    static func confirm(_ request: Request, _ context: RequestContext) throws -> Response {
        guard let signedIn = context.signedIn else { throw AppError.forbidden }
        do {
            try context.app.emailVerification.verify(token: request.pathParameters["token"] ?? "", for: signedIn,
                                                     requestId: context.requestId, ip: context.remoteAddress)
        } catch let problem as LinkProblem {
            return LinkPages.problem(problem, what: "verification", context)
        }
        context.setFlash(.success, "Thank you: your email address is verified.")
        return .seeOther("/")
    }
}
