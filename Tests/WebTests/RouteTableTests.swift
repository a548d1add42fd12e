import Domain
import Foundation
import Testing
@testable import Web

/// Walks the route table (DESIGN.md §8): every route declares a permission, every unsafe
/// route refuses an anonymous caller, a missing or wrong CSRF token and a foreign Origin,
/// and every answer carries the security headers and a request id.
@Suite struct RouteTableTests {
    /// Routes that are meant to be reachable signed out.
    static let publicRoutes: Set<String> = ["GET /healthz", "GET /ping", "GET /login", "POST /login", "GET /signup", "POST /signup", "POST /csp-report",
                                            // Mailed links and "forgot your password?": the token or the email is all a visitor has.
                                            "GET /invitations/{token}", "POST /invitations/{token}",
                                            "GET /password/forgot", "POST /password/forgot",
                                            "GET /password/reset/{token}", "POST /password/reset/{token}",
                                            // The second sign-in step: the pending sign-in cookie says who.
                                            "GET /login/two-factor", "POST /login/two-factor",
                                            // The client's invoice link: the random token is the capability.
                                            "GET /i/{token}", "GET /i/{token}/pdf",
                                            // The client's estimate link and its answers (name required, CSRF-checked).
                                            "GET /e/{token}", "GET /e/{token}/pdf", "POST /e/{token}/accept", "POST /e/{token}/decline"]
    /// Routes without a CSRF (token and Origin) check: only the CSP report endpoint, which
    /// browsers post to by themselves, without cookies or tokens.
    static let csrfExemptRoutes: Set<String> = ["POST /csp-report"]

    static func concretePath(_ pattern: String, id: Int64) -> String {
        pattern.replacingOccurrences(of: "{id}", with: String(id))
    }

    @Test func onlyTheIntendedRoutesAreAnonymous() {
        for route in Routes.all where route.permission == .anonymous {
            #expect(Self.publicRoutes.contains("\(route.method) \(route.pattern)"), "\(route.method) \(route.pattern) is anonymous")
        }
        let patterns = Routes.all.map { "\($0.method) \($0.pattern)" }
        #expect(Set(patterns).count == patterns.count, "a route is declared twice")
    }

    @Test func onlyTheCSPReportEndpointSkipsTheCSRFCheck() {
        let exempt = Routes.all.filter { $0.csrf == .exempt }.map { "\($0.method) \($0.pattern)" }
        #expect(Set(exempt) == Self.csrfExemptRoutes)
        #expect(exempt.count == 1)
    }

    @Test func unsafeRoutesRefuseAnonymousCallersAndWriteNothing() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        let companyA = try harness.companyId("A")
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        let clientId = try #require(Int64(owner.post("/clients", [("name", "Acme")]).location?.split(separator: "/").last ?? ""))
        let before = try harness.auditCount(company: companyA)

        for route in Routes.all where route.method == "POST" && route.permission != .anonymous {
            let visitor = Browser(harness)
            _ = visitor.get("/login")  // has a sign-in CSRF cookie and token, but no session
            let response = visitor.post(Self.concretePath(route.pattern, id: clientId), [("name", "Hijacked")])
            #expect([401, 403].contains(response.status), "\(route.pattern) answered \(response.status)")
        }
        #expect(try harness.auditCount(company: companyA) == before)
        #expect(try harness.app.clients.get(clientId, for: .system(companyId: companyA)).name == "Acme")
    }

    @Test func unsafeRoutesRefuseMissingWrongOrForeignCSRF() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        let companyA = try harness.companyId("A")
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        let clientId = try #require(Int64(owner.post("/clients", [("name", "Acme")]).location?.split(separator: "/").last ?? ""))
        let before = try harness.auditCount(company: companyA)

        for route in Routes.all where route.method == "POST" && route.csrf == .required {
            let path = Self.concretePath(route.pattern, id: clientId)
            let fields = [("name", "Changed"), ("email", "owner@a.example"), ("password", WebHarness.password)]
            let missing = owner.post(path, fields, csrf: false)
            #expect(missing.status == 403, "\(path) without a token answered \(missing.status)")
            let wrong = owner.post(path, fields + [("_csrf", "forged-token-forged-token-forged-token-1234")], csrf: false)
            #expect(wrong.status == 403, "\(path) with a wrong token answered \(wrong.status)")
            let foreign = owner.post(path, fields, headers: ["origin": "https://evil.example", "host": "ez360.example"])
            #expect(foreign.status == 403, "\(path) from a foreign origin answered \(foreign.status)")
        }
        #expect(try harness.auditCount(company: companyA) == before)
        #expect(owner.get("/clients/\(clientId)").status == 200)
    }

    @Test func sameOriginPostsAreAccepted() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        let response = owner.post("/clients", [("name", "Same Origin Ltd")],
                                  headers: ["origin": "http://ez360.example", "host": "ez360.example"])
        #expect(response.status == 303)
    }

    @Test func everyAnswerCarriesSecurityHeadersAndARequestId() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        let anonymous = Browser(harness)
        for route in Routes.all {
            for browser in [owner, anonymous] {
                let response = browser.send(route.method, Self.concretePath(route.pattern, id: 1))
                for (name, value) in SecurityHeaders.common {
                    #expect(response.headers.filter { $0.name == name }.map(\.value) == [value],
                            "\(route.method) \(route.pattern) → \(response.status) lacks \(name)")
                }
                #expect(response.header("X-Request-ID") != nil)
                #expect(response.header("Strict-Transport-Security") == nil, "HSTS is for production only")
            }
        }
        for path in ["/nope", "/clients/1/nope"] {
            #expect(anonymous.get(path).header("Content-Security-Policy") == SecurityHeaders.contentSecurityPolicy)
        }
    }
}
