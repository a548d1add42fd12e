import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct PasswordChangeTests {
    @Test func changingThePasswordKeepsThisSessionAndEndsTheOthers() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("owner@a.example", company: "B", role: .owner)
        let here = Browser(harness)
        here.signIn("owner@a.example")
        let elsewhere = Browser(harness)
        elsewhere.signIn("owner@a.example")
        #expect(here.get("/account/sessions").bodyText.contains("href=\"/account/password\""))

        let newPassword = "a different and long passphrase"
        let response = here.post("/account/password", [("current_password", WebHarness.password), ("new_password", newPassword)])
        #expect(response.location == "/account/sessions")
        #expect(here.get("/account/sessions").bodyText.contains("1 other session was signed out"))
        #expect(elsewhere.get("/clients").status == 303, "the other session ended")
        #expect(here.get("/clients").status == 200, "this one stays")
        #expect(Browser(harness).signIn("owner@a.example").status == 422, "the old password no longer works")
        #expect(Browser(harness).signIn("owner@a.example", password: newPassword).status == 303)
        #expect(try harness.auditCount("auth.password_changed", company: try harness.companyId("A")) == 1)
    }

    @Test func wrongCurrentWeakOrSamePasswordsAreRefusedWithoutEcho() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        let browser = Browser(harness)
        browser.signIn("owner@a.example")
        let wrong = browser.post("/account/password", [("current_password", "not it at all, sorry"), ("new_password", "another long passphrase")])
        #expect(wrong.status == 422)
        #expect(wrong.bodyText.contains("That is not your current password."))
        #expect(!wrong.bodyText.contains("not it at all"))
        let weak = browser.post("/account/password", [("current_password", WebHarness.password), ("new_password", "password1234")])
        #expect(weak.status == 422)
        let same = browser.post("/account/password", [("current_password", WebHarness.password), ("new_password", WebHarness.password)])
        #expect(same.status == 422)
        #expect(same.bodyText.contains("different from the current one"))
        #expect(try harness.auditCount("auth.password_changed", company: try harness.companyId("A")) == 0)
        #expect(Browser(harness).signIn("owner@a.example").status == 303, "the password is unchanged")
    }
}
