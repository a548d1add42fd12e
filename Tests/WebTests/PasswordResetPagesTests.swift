import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

/// Issue 3 point 4: password reset by a single-use, one-hour, hashed link.
@Suite struct PasswordResetPagesTests {
    static let newPassword = "an entirely new passphrase"

    @Test func theSameAnswerWhetherOrNotTheEmailExists() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        #expect(Browser(harness).get("/login").bodyText.contains("href=\"/password/forgot\""))
        let known = Browser(harness)
        let knownAnswer = known.post("/password/forgot", [("email", "owner@a.example")])
        let unknown = Browser(harness)
        let unknownAnswer = unknown.post("/password/forgot", [("email", "nobody@a.example")])
        #expect(knownAnswer.status == 303 && unknownAnswer.status == 303)
        #expect(knownAnswer.location == unknownAnswer.location)
        #expect(known.get("/login").bodyText.contains("If that email belongs to an account"))
        #expect(unknown.get("/login").bodyText.contains("If that email belongs to an account"))
        #expect(try harness.mails(kind: "password_reset").map(\.toAddress) == ["owner@a.example"])
    }

    @Test func resetEndsEverySessionAndTheLinkWorksOnce() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        let companyA = try harness.companyId("A")
        let laptop = Browser(harness)
        laptop.signIn("owner@a.example")
        let phone = Browser(harness)
        phone.signIn("owner@a.example")
        #expect(try harness.sessionCount(email: "owner@a.example") == 2)

        Browser(harness).post("/password/forgot", [("email", "owner@a.example")])
        let path = try #require(try harness.linkPath(kind: "password_reset", prefix: "/password/reset/"))
        let token = String(path.dropFirst("/password/reset/".count))
        #expect(try harness.app.database.pool.read { try String.fetchAll($0, sql: "SELECT token_hash FROM user_tokens") }
                == [TokenHash.sha256Hex(token)])
        let visitor = Browser(harness)
        #expect(visitor.get(path).status == 200)
        #expect(visitor.post(path, [("password", "short")]).status == 422)
        let done = visitor.post(path, [("password", Self.newPassword)])
        #expect(done.status == 303 && done.location == "/login")
        #expect(try harness.sessionCount(email: "owner@a.example") == 0)
        #expect(laptop.get("/").status == 303)
        #expect(try harness.auditCount("auth.password_reset", company: companyA) == 1)
        #expect(Browser(harness).get(path).status == 410)
        #expect(Browser(harness).post(path, [("password", "yet another passphrase")]).status == 410)
        #expect(Browser(harness).signIn("owner@a.example").status == 422)
        #expect(Browser(harness).signIn("owner@a.example", password: Self.newPassword).status == 303)
    }

    @Test func linksExpireAfterAnHourAndRequestsAreRateLimited() throws {
        let time = MovableClock()
        let harness = try WebHarness(clock: time.clock)
        try harness.member("owner@a.example", company: "A", role: .owner)
        Browser(harness).post("/password/forgot", [("email", "owner@a.example")])
        Browser(harness).post("/password/forgot", [("email", "owner@a.example")])
        #expect(try harness.mails(kind: "password_reset").count == 1)
        let path = try #require(try harness.linkPath(kind: "password_reset", prefix: "/password/reset/"))
        time.advance(3601)
        #expect(Browser(harness).get(path).status == 410)
        #expect(Browser(harness).post(path, [("password", Self.newPassword)]).status == 410)
        #expect(Browser(harness).get("/password/reset/unknown-token").status == 404)
        time.advance(5 * 60)
        Browser(harness).post("/password/forgot", [("email", "owner@a.example")])
        #expect(try harness.mails(kind: "password_reset").count == 2)
    }
}
