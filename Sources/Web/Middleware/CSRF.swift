import App
import Foundation

/// Cross-site request forgery defence in the layers Fossil uses: same origin (Origin header),
/// unsafe methods only for changes, and a token in every form. Signed-in forms carry the
/// session's token; the sign-in form carries a random token also set as a cookie
/// (double submit), since there is no session yet.
enum CSRF {
    static let fieldName = "_csrf"
    static let cookieName = "ez360_csrf"

    /// The anonymous token: the cookie's when present and well-formed, else a new one set now.
    static func anonymousToken(incomingCookie: String?, _ context: RequestContext) -> String {
        if let existing = incomingCookie, existing.utf8.count == 43 { return existing }
        let token = SecureRandom.token()
        context.setCookie(SetCookie.ours(cookieName, token, secure: context.app.config.isProduction))
        return token
    }

    /// nil when the request passes; otherwise the 403 to send (nothing has been read or written).
    static func check(_ request: Request, _ context: RequestContext, json: Bool) throws -> Response? {
        if let origin = request.headers["origin"] {
            guard let host = request.headers["host"], originMatches(origin, host: host, https: request.isHTTPS) else {
                return ErrorPages.csrfRefused(context, json: json, reason: "The request came from another site.")
            }
        }
        let expected = context.signedIn?.csrfToken ?? request.cookies[cookieName] ?? ""
        let supplied = try request.headers["x-csrf-token"] ?? request.form()[fieldName] ?? ""
        guard !expected.isEmpty, ConstantTime.equals(supplied, expected) else {
            return ErrorPages.csrfRefused(context, json: json, reason: "The form had expired or was not sent by this site.")
        }
        return nil
    }

    /// `Origin: scheme://host[:port]` must name the scheme and host the request was sent to.
    static func originMatches(_ origin: String, host: String, https: Bool) -> Bool {
        origin.lowercased() == (https ? "https://" : "http://") + host.lowercased()
    }
}

enum SessionCookie {
    static let name = "ez360_session"

    static func cookie(token: String, config: AppConfig) -> SetCookie? {
        SetCookie.ours(name, token, maxAge: Int(config.sessionAbsoluteTimeout), secure: config.isProduction)
    }

    static func deletion(config: AppConfig) -> SetCookie? {
        SetCookie.removal(name, secure: config.isProduction)
    }
}
