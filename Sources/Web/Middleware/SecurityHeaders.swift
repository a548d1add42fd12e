/// The headers every dynamic response carries; nginx adds the same set to what it serves
/// itself (nginx/security-headers.conf). Keep the two in step.
enum SecurityHeaders {
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'; report-uri /csp-report"

    static let common: [(name: String, value: String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]

    static let strictTransportSecurity = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")

    static func apply(to response: inout Response, production: Bool) {
        response.headers.append(contentsOf: common)
        if production { response.headers.append(strictTransportSecurity) }
        // Pages show a firm's money: never keep them in shared or browser caches.
        if response.header("Cache-Control") == nil { response.headers.append(("Cache-Control", "no-store")) }
    }
}
