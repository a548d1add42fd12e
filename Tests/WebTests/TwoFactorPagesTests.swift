import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

/// 2FA through the pages, in-process: enrol from the page's otpauth:// URI, sign in with a
/// code, replay refused, recovery codes single-use, disable, and the company policy gate.
@Suite struct TwoFactorPagesTests {
    /// The otpauth:// URI shown on the enrolment page (as text, for manual entry).
    static func otpauthURI(in html: String) -> String? {
        guard let start = html.range(of: "class=\"otpauth-uri\">") else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</code>") else { return nil }
        return String(rest[..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
    }

    static func secret(fromURI uri: String) -> [UInt8]? {
        guard let components = URLComponents(string: uri), components.scheme == "otpauth", components.host == "totp",
              let value = components.queryItems?.first(where: { $0.name == "secret" })?.value else { return nil }
        return Base32.decode(value)
    }

    /// Enrols through the pages; returns the secret and the recovery codes.
    static func enrol(_ browser: Browser) throws -> (secret: [UInt8], recoveryCodes: [String]) {
        #expect(browser.post("/account/two-factor/start").status == 303)
        let page = browser.get("/account/two-factor").bodyText
        #expect(page.contains("<svg class=\"qr-code\""))
        let uri = try #require(otpauthURI(in: page))
        #expect(uri.hasPrefix("otpauth://totp/EZ360PM:") && uri.contains("&issuer=EZ360PM"))
        let secret = try #require(Self.secret(fromURI: uri))
        #expect(page.contains(Base32.encode(secret)))
        let confirmed = browser.post("/account/two-factor", [("code", TOTP.code(secret: secret, at: Date()))])
        #expect(confirmed.status == 200)
        let codes = confirmed.bodyText.components(separatedBy: "class=\"recovery-code\">").dropFirst()
            .compactMap { $0.split(separator: "<").first.map(String.init) }
        #expect(codes.count == 10)
        return (secret, codes)
    }

    @Test func enrolThenSignInWithACodeRotatesTheSessionAndRefusesReplay() throws {
        let harness = try WebHarness()
        try harness.member("ann@a.example", company: "A", role: .staff)
        let companyA = try harness.companyId("A")
        let ann = Browser(harness)
        ann.signIn("ann@a.example")
        let (secret, _) = try Self.enrol(ann)
        #expect(try harness.auditCount("2fa.enrolled", company: companyA) == 1)
        #expect(ann.post("/logout").status == 303)

        let browser = Browser(harness)
        let password = browser.signIn("ann@a.example")
        #expect(password.status == 303 && password.location == "/login/two-factor")
        #expect(browser.cookies["ez360_session"] == nil, "no session before the second factor")
        #expect(browser.get("/").location?.hasPrefix("/login") == true)
        #expect(browser.get("/login/two-factor").status == 200)
        #expect(browser.post("/login/two-factor", [("code", "000000")]).status == 422)
        // The enrolment used this step: the next one (within the ±1 window) signs in.
        let code = TOTP.code(secret: secret, at: Date().addingTimeInterval(30))
        let done = browser.post("/login/two-factor", [("code", code)])
        #expect(done.status == 303 && done.location == "/")
        #expect(browser.cookies["ez360_session"] != nil)
        #expect(browser.get("/").status == 200)

        // The same code again: refused (replay), even with a new pending sign-in.
        let again = Browser(harness)
        again.signIn("ann@a.example")
        #expect(again.post("/login/two-factor", [("code", code)]).status == 422)
        #expect(again.cookies["ez360_session"] == nil)
    }

    @Test func recoveryCodesWorkOnceAndWrongCodesEndThePendingSignIn() throws {
        let harness = try WebHarness()
        try harness.member("bob@a.example", company: "A", role: .staff)
        let companyA = try harness.companyId("A")
        let bob = Browser(harness)
        bob.signIn("bob@a.example")
        let (_, codes) = try Self.enrol(bob)
        bob.post("/logout")

        let first = Browser(harness)
        first.signIn("bob@a.example")
        #expect(first.post("/login/two-factor", [("code", codes[0].uppercased())]).status == 303)
        #expect(first.get("/").status == 200)
        #expect(try harness.auditCount("2fa.recovery_code_used", company: companyA) == 1)

        let second = Browser(harness)
        second.signIn("bob@a.example")
        #expect(second.post("/login/two-factor", [("code", codes[0])]).status == 422, "a used recovery code")
        for _ in 0..<3 { #expect(second.post("/login/two-factor", [("code", "999999")]).status == 422) }
        let fifth = second.post("/login/two-factor", [("code", codes[1])])
        // Four wrong codes so far: the 5th wrong one would end it; this right one still works.
        #expect(fifth.status == 303)

        let third = Browser(harness)
        third.signIn("bob@a.example")
        for _ in 0..<5 { #expect([422, 429].contains(third.post("/login/two-factor", [("code", "999999")]).status)) }
        // Out of attempts (→ /login) — and by now the login throttle has locked this IP too (429).
        let refused = third.post("/login/two-factor", [("code", codes[2])])
        #expect(refused.location == "/login" || refused.status == 429)
        #expect(third.cookies["ez360_session"] == nil)

    }

    @Test func disablingNeedsThePasswordAndACode() throws {
        let harness = try WebHarness()
        try harness.member("cy@a.example", company: "A", role: .staff)
        let companyA = try harness.companyId("A")
        let cy = Browser(harness)
        cy.signIn("cy@a.example")
        let (secret, _) = try Self.enrol(cy)
        let code = TOTP.code(secret: secret, at: Date().addingTimeInterval(30))
        #expect(cy.post("/account/two-factor/disable", [("password", "wrong password!"), ("code", code)]).status == 422)
        #expect(cy.post("/account/two-factor/disable", [("password", WebHarness.password), ("code", "123456")]).status == 422)
        #expect(try harness.auditCount("2fa.disabled", company: companyA) == 0)
        #expect(cy.post("/account/two-factor/disable", [("password", WebHarness.password), ("code", code)]).status == 303)
        #expect(try harness.auditCount("2fa.disabled", company: companyA) == 1)
        cy.post("/logout")
        let plain = Browser(harness)
        #expect(plain.signIn("cy@a.example").location == "/")
    }

    @Test func companyPolicySendsManagersWithout2FAToEnrolmentFirst() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("staff@a.example", company: "A", role: .staff)
        let company = try harness.app.twoFactor.setPolicy(companyName: "A", required: true)
        #expect(company.requireTwoFactor)

        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        #expect(owner.get("/clients").location == "/account/two-factor")
        #expect(owner.get("/").location == "/account/two-factor")
        #expect(owner.post("/clients", [("name", "Acme")]).location == "/account/two-factor")
        #expect(owner.get("/account/two-factor").status == 200)
        _ = try Self.enrol(owner)
        #expect(owner.get("/clients").status == 200)

        let staff = Browser(harness)
        staff.signIn("staff@a.example")
        #expect(staff.get("/clients").status == 200, "the policy covers owner, admin and manager only")
        #expect(owner.post("/logout").status == 303)
    }

    @Test func productionConfigTurnsThePolicyOnForNewCompanies() {
        #expect(AppConfig.fromEnvironment(["EZ360_ENV": "production"]).requireTwoFactorByDefault)
        #expect(!AppConfig.fromEnvironment(["EZ360_ENV": "development"]).requireTwoFactorByDefault)
        #expect(!AppConfig.fromEnvironment(["EZ360_ENV": "production", "EZ360_REQUIRE_2FA": "0"]).requireTwoFactorByDefault)
        #expect(AppConfig.fromEnvironment(["EZ360_ENV": "test", "EZ360_REQUIRE_2FA": "1"]).requireTwoFactorByDefault)
    }
}
