/// One `Set-Cookie` response header.
///
/// Every field is validated when the value is made, and the value is immutable, so a
/// `SetCookie` that exists can always be written out: a name, value or path carrying `;`,
/// CR or LF could otherwise add attributes or whole headers (header injection). Invalid
/// input throws rather than traps because cookie values can be derived from request data,
/// and a trap would let a client crash the worker.
///
/// There is deliberately no `Domain` attribute (host-only cookies are not sent to
/// sibling subdomains) and no `Expires` (`Max-Age` is understood by every browser we
/// support and does not depend on the client's clock).
public struct SetCookie: Sendable, Equatable {
    public enum SameSite: String, Sendable {
        case lax = "Lax"
        case strict = "Strict"
        case none = "None"
    }

    public let name: String
    public let value: String
    public let path: String
    /// Seconds until expiry; `nil` makes a session cookie, `0` deletes the cookie.
    public let maxAge: Int?
    public let httpOnly: Bool
    public let secure: Bool
    public let sameSite: SameSite

    /// - Throws: `SetCookieError` when the name is not an RFC 6265 token, the value holds
    ///   anything but cookie-octets (optionally in one pair of double quotes), the path does
    ///   not start with `/` or holds `;` or a control character, `maxAge` is negative, or
    ///   `SameSite=None` is asked for without `Secure` (browsers drop such cookies).
    public init(
        name: String,
        value: String,
        path: String = "/",
        maxAge: Int? = nil,
        httpOnly: Bool = true,
        secure: Bool = false,
        sameSite: SameSite = .lax
    ) throws(SetCookieError) {
        guard !name.isEmpty, name.utf8.allSatisfy(CookieSyntax.isTokenByte) else { throw .invalidName }
        guard Self.isValidValue(value) else { throw .invalidValue }
        guard path.utf8.first == ASCII.slash, path.utf8.allSatisfy(CookieSyntax.isAttributeValueByte)
        else { throw .invalidPath }
        if let maxAge, maxAge < 0 { throw .invalidMaxAge }
        if sameSite == .none, !secure { throw .sameSiteNoneRequiresSecure }
        self.name = name
        self.value = value
        self.path = path
        self.maxAge = maxAge
        self.httpOnly = httpOnly
        self.secure = secure
        self.sameSite = sameSite
    }

    /// A cookie that makes the browser forget `name` at once. Path, Secure and SameSite
    /// must match the cookie being removed, or the browser keeps it.
    public static func deletion(
        name: String, path: String = "/", secure: Bool = false, sameSite: SameSite = .lax
    ) throws(SetCookieError) -> SetCookie {
        try SetCookie(name: name, value: "", path: path, maxAge: 0, secure: secure, sameSite: sameSite)
    }

    /// The header's value, e.g. `ez360_session=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax`.
    public var headerValue: String {
        var header = "\(name)=\(value); Path=\(path)"
        if let maxAge {
            header += "; Max-Age=\(maxAge)"
        }
        if httpOnly {
            header += "; HttpOnly"
        }
        if secure {
            header += "; Secure"
        }
        header += "; SameSite=\(sameSite.rawValue)"
        return header
    }

    private static func isValidValue(_ value: String) -> Bool {
        var bytes = Array(value.utf8)[...]
        if bytes.count >= 2, bytes.first == ASCII.quote, bytes.last == ASCII.quote {
            bytes = bytes.dropFirst().dropLast()
        }
        return bytes.allSatisfy(CookieSyntax.isCookieOctet)
    }
}

public enum SetCookieError: Error, Equatable, Sendable {
    case invalidName
    case invalidValue
    case invalidPath
    case invalidMaxAge
    case sameSiteNoneRequiresSecure

    public var message: String {
        switch self {
        case .invalidName: "A cookie name must be a non-empty RFC 6265 token."
        case .invalidValue: "A cookie value may only hold RFC 6265 cookie-octets."
        case .invalidPath: "A cookie path must start with / and hold no ; or control characters."
        case .invalidMaxAge: "A cookie's Max-Age cannot be negative."
        case .sameSiteNoneRequiresSecure: "A SameSite=None cookie must also be Secure."
        }
    }
}
