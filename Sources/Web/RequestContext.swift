import App
import Domain
import Foundation

/// What the pipeline learned about a request before its handler runs, passed explicitly to
/// the handler (no globals): the app, the request id, who is signed in, the CSRF token that
/// forms must carry, the flash message to show, and cookies to set on the way out.
public final class RequestContext {
    public let app: EZ360App
    public let requestId: String
    public let remoteAddress: String
    public internal(set) var signedIn: SignedIn?
    /// The token every form on the page must carry (`_csrf`): the session's, or for a visitor
    /// not signed in, the double-submit cookie's (made, and set, the first time a form needs it).
    public var csrfToken: String {
        if let signedIn { return signedIn.csrfToken }
        if let anonymousToken { return anonymousToken }
        let token = CSRF.anonymousToken(incomingCookie: incomingCSRFCookie, self)
        anonymousToken = token
        return token
    }
    private var anonymousToken: String?
    var incomingCSRFCookie: String?
    public internal(set) var flash: Flash?
    public internal(set) var currentPath: String = "/"
    private(set) var outgoingCookies: [SetCookie] = []

    func setCookie(_ cookie: SetCookie?) {
        if let cookie { outgoingCookies.append(cookie) }
    }

    init(app: EZ360App, requestId: String, remoteAddress: String) {
        self.app = app
        self.requestId = requestId
        self.remoteAddress = remoteAddress
    }

    /// The signed-in actor; routes that need one are only reached signed in.
    public func actor() throws -> Actor {
        guard let signedIn else { throw AppError.forbidden }
        return signedIn.actor(requestId: requestId, ip: remoteAddress)
    }

    /// Shown once, on the next page the browser loads (after the redirect).
    public func setFlash(_ kind: Flash.Kind, _ message: String) {
        setCookie(Flash(kind: kind, message: message).cookie(secure: app.config.isProduction))
    }
}

/// A one-time message carried across a redirect in a short-lived cookie.
public struct Flash: Equatable, Sendable {
    public enum Kind: String, Sendable { case success, error, info }

    public let kind: Kind
    public let message: String

    static let cookieName = "ez360_flash"

    func cookie(secure: Bool) -> SetCookie? {
        let encoded = Data("\(kind.rawValue):\(message.prefix(300))".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return SetCookie.ours(Self.cookieName, encoded, maxAge: 60, secure: secure)
    }

    init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// Decodes the cookie; anything malformed is simply no flash.
    init?(cookieValue: String) {
        var base64 = cookieValue.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        self.init(kind: kind, message: String(text[text.index(after: colon)...]))
    }
}
