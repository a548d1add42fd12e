import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

/// Issue 3 point 3: the email verification gate.
@Suite struct EmailVerificationGateTests {
    @Test func theGateDefaultsOnInProductionOnly() {
        #expect(AppConfig.fromEnvironment(["EZ360_ENV": "production"]).requireEmailVerification)
        #expect(!AppConfig.fromEnvironment(["EZ360_ENV": "development"]).requireEmailVerification)
        #expect(!AppConfig.fromEnvironment(["EZ360_ENV": "test"]).requireEmailVerification)
        #expect(!AppConfig.fromEnvironment(["EZ360_ENV": "production", "EZ360_REQUIRE_EMAIL_VERIFICATION": "0"]).requireEmailVerification)
        #expect(AppConfig.fromEnvironment(["EZ360_ENV": "development", "EZ360_REQUIRE_EMAIL_VERIFICATION": "1"]).requireEmailVerification)
    }

    @Test func cliCreatedUsersAreVerified() throws {
        let harness = try WebHarness()
        let created = try harness.member("owner@a.example", company: "A", role: .owner)
        #expect(created.user.emailVerifiedAt != nil)
    }

    @Test func anUnverifiedUserSeesOnlyTheVerificationPageUntilTheyFollowTheLink() throws {
        let time = MovableClock()
        let harness = try WebHarness(clock: time.clock) { $0.requireEmailVerification = true }
        try harness.member("owner@a.example", company: "A", role: .owner)
        let companyA = try harness.companyId("A")
        try harness.setUnverified("owner@a.example")
        let user = Browser(harness)
        user.signIn("owner@a.example")
        for path in ["/", "/clients", "/account/sessions", "/audit", "/members"] {
            let response = user.get(path)
            #expect(response.status == 303 && response.location == "/verify-email", "\(path)")
        }
        let page = user.get("/verify-email")
        #expect(page.status == 200 && page.bodyText.contains("Send a new link"))
        let token = try #require(Browser.csrf(in: page.bodyText))
        #expect(user.post("/clients", [("name", "Blocked"), ("_csrf", token)], csrf: false).location == "/verify-email")

        // Resend: at most one per 5 minutes, audited.
        #expect(user.post("/verify-email/resend", [("_csrf", token)], csrf: false).status == 303)
        #expect(user.post("/verify-email/resend", [("_csrf", token)], csrf: false).status == 303)
        #expect(try harness.mails(kind: "verification").count == 1)
        #expect(try harness.auditCount("auth.verification_sent", company: companyA) == 1)
        time.advance(5 * 60)
        user.post("/verify-email/resend", [("_csrf", token)], csrf: false)
        #expect(try harness.mails(kind: "verification").count == 2)

        let path = try #require(try harness.linkPath(kind: "verification", prefix: "/verify-email/"))
        #expect(user.get(path).status == 200)
        // Another user cannot use it.
        try harness.member("other@a.example", company: "A", role: .staff)
        let other = Browser(harness)
        other.signIn("other@a.example")
        #expect(other.post(path, [("_csrf", Browser.csrf(in: other.get("/").bodyText) ?? "")], csrf: false).status == 404)
        let verified = user.post(path, [("_csrf", token)], csrf: false)
        #expect(verified.status == 303 && verified.location == "/")
        #expect(user.get("/").status == 200)
        #expect(user.post(path, [("_csrf", token)], csrf: false).status == 410)
        #expect(try harness.auditCount("auth.email_verified", company: companyA) == 1)
    }

    @Test func verificationLinksExpireAfter48Hours() throws {
        let time = MovableClock()
        let harness = try WebHarness(clock: time.clock) { $0.requireEmailVerification = true }
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.setUnverified("owner@a.example")
        let user = Browser(harness)
        user.signIn("owner@a.example")
        let token = try #require(Browser.csrf(in: user.get("/verify-email").bodyText))
        user.post("/verify-email/resend", [("_csrf", token)], csrf: false)
        let path = try #require(try harness.linkPath(kind: "verification", prefix: "/verify-email/"))
        time.advance(48 * 3600 + 1)
        // The session would be idle by now: sign in again.
        user.cookies["ez360_session"] = nil
        user.signIn("owner@a.example")
        let fresh = try #require(Browser.csrf(in: user.get("/verify-email").bodyText))
        #expect(user.post(path, [("_csrf", fresh)], csrf: false).status == 410)
        #expect(user.get("/").location == "/verify-email")
    }
}
