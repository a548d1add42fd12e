import App
import Domain

/// Two-factor enrolment for the signed-in user. Permission: signedIn. Reachable even when the
/// company policy requires 2FA and the user has none yet (TwoFactorGate lets these through).
///   GET  /account/two-factor          — status; the QR code, secret and URI of a started enrolment
///   POST /account/two-factor/start    — a new secret → 303 /account/two-factor
///   POST /account/two-factor          — confirm with a code → the ten recovery codes, shown once
///   POST /account/two-factor/disable  — password + code → 303 /account/two-factor
enum TwoFactorPages {
    static let path = "/account/two-factor"

    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let status = try context.app.twoFactor.status(for: context.actor())
        return .html(TwoFactorViews.page(status, codeError: nil, context))
    }

    static func start(_ request: Request, _ context: RequestContext) throws -> Response {
        _ = try context.app.twoFactor.begin(by: context.actor())
        return .seeOther(path)
    }

    static func confirm(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        do {
            let codes = try context.app.twoFactor.confirm(code: form["code"] ?? "", by: context.actor())
            return .html(TwoFactorViews.recoveryCodes(codes, context))
        } catch AppError.invalid(let errors) {
            let status = try context.app.twoFactor.status(for: context.actor())
            return .html(TwoFactorViews.page(status, codeError: errors["code"], context), status: 422)
        }
    }

    static func disable(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        do {
            try context.app.twoFactor.disable(password: form["password"] ?? "", code: form["code"] ?? "", by: context.actor())
            context.setFlash(.success, "Two-factor sign-in is off.")
            return .seeOther(path)
        } catch AppError.invalid(let errors) {
            let status = try context.app.twoFactor.status(for: context.actor())
            return .html(TwoFactorViews.page(status, codeError: errors["code"], context), status: 422)
        }
    }
}

/// GET/POST /login/two-factor — the second step of signing in for a user with 2FA: a code from
/// the app or a recovery code. Permission: anonymous (the pending sign-in cookie says who).
enum SecondFactorPage {
    static let cookieName = "ez360_2fa_pending"

    static func cookie(token: String, _ context: RequestContext) -> SetCookie? {
        SetCookie.ours(cookieName, token, maxAge: Int(AuthService.pendingSignInLifetime), secure: context.app.config.isProduction)
    }

    static func get(_ request: Request, _ context: RequestContext) throws -> Response {
        guard let token = request.cookies[cookieName], try context.app.auth.pendingSignInNext(token: token) != nil else {
            return .seeOther("/login")
        }
        return .html(TwoFactorViews.signInStep(error: nil, context))
    }

    static func post(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        do {
            let (session, next) = try context.app.auth.completeSecondFactor(
                pendingToken: request.cookies[cookieName] ?? "", code: form["code"] ?? "", ip: context.remoteAddress,
                userAgent: request.userAgent, requestId: context.requestId)
            context.signedIn = session.signedIn
            context.setCookie(SessionCookie.cookie(token: session.token, config: context.app.config))
            context.setCookie(SetCookie.removal(cookieName, secure: context.app.config.isProduction))
            context.setCookie(SetCookie.removal(CSRF.cookieName, secure: context.app.config.isProduction))
            return .seeOther(SignInPage.isSafeNext(next) ? next : "/")
        } catch AuthError.invalidCredentials {
            return .html(TwoFactorViews.signInStep(error: "That code is not right. Try the code your app shows now, or a recovery code.",
                                                   context), status: 422)
        } catch AuthError.locked {
            return .html(TwoFactorViews.signInStep(error: SignInPage.tooManyAttempts, context), status: 429)
        } catch AuthError.secondFactorExpired {
            context.setCookie(SetCookie.removal(cookieName, secure: context.app.config.isProduction))
            context.setFlash(.error, "That sign-in has expired or had too many wrong codes. Sign in again.")
            return .seeOther("/login")
        }
    }
}
