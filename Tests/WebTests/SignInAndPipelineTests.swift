import Foundation
import Testing
@testable import Web

@Suite struct SignInAndPipelineTests {
    @Test func signInRotatesToASessionCookieAndSignOutEndsIt() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        let browser = Browser(harness)
        #expect(browser.get("/clients").location == "/login?next=%2Fclients")
        let response = browser.signIn("OWNER@a.example", password: WebHarness.password)
        #expect(response.status == 303)
        #expect(response.location == "/")
        let cookie = try #require(response.headers.first { $0.value.hasPrefix("ez360_session=") }?.value)
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Lax"))
        #expect(!cookie.contains("Secure"), "Secure only in production")
        let oldSession = try #require(browser.cookies["ez360_session"])
        #expect(browser.get("/clients").status == 200)

        #expect(browser.post("/logout").location == "/login")
        #expect(browser.cookies["ez360_session"] == nil)
        let replay = Browser(harness)
        replay.cookies["ez360_session"] = oldSession
        #expect(replay.get("/clients").status == 303, "the old token is dead on the server too")
    }

    @Test func wrongPasswordAndUnknownEmailGetTheSameAnswer() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        let wrong = Browser(harness).signIn("owner@a.example", password: "not the password")
        let unknown = Browser(harness).signIn("nobody@a.example", password: "not the password")
        #expect(wrong.status == 422)
        #expect(unknown.status == 422)
        #expect(wrong.bodyText.contains("That email and password do not match an account."))
        #expect(unknown.bodyText.contains("That email and password do not match an account."))
        #expect(wrong.headers.allSatisfy { !$0.value.hasPrefix("ez360_session=") })
        #expect(wrong.bodyText.contains("value=\"owner@a.example\""))
    }

    @Test func nextOnlyRedirectsLocally() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        for (next, expected) in [("/clients?page=2", "/clients?page=2"), ("//evil.example", "/"),
                                 ("https://evil.example", "/"), ("/\\evil.example", "/")] {
            let browser = Browser(harness)
            let response = browser.post("/login", [("email", "owner@a.example"), ("password", WebHarness.password), ("next", next)])
            #expect(response.location == expected, "next=\(next)")
        }
    }

    @Test func requestIdIsHonouredWhenWellFormed() throws {
        let harness = try WebHarness()
        #expect(harness.send("GET", "/ping", headers: ["x-request-id": "edge-abc-123"]).header("X-Request-ID") == "edge-abc-123")
        for hostile in ["has space in it", String(repeating: "a", count: 300), "short", "bad\r\nheader: x"] {
            let id = harness.send("GET", "/ping", headers: ["x-request-id": hostile]).header("X-Request-ID")
            #expect(id != hostile)
            #expect(id.map(RequestID.isWellFormed) == true)
        }
        let a = harness.send("GET", "/ping").header("X-Request-ID")
        let b = harness.send("GET", "/ping").header("X-Request-ID")
        #expect(a != nil && a != b)
    }

    @Test func healthzRunsARealQuery() throws {
        let harness = try WebHarness()
        let ok = harness.send("GET", "/healthz")
        #expect(ok.status == 200)
        #expect(ok.bodyText.contains("\"db\":\"ok\""))
        #expect(ok.bodyText.contains("\"status\":\"ok\""))
        #expect(ok.bodyText.contains("\"version\":"))
        #expect(ok.headers.allSatisfy { $0.name != "Set-Cookie" }, "no cookie for a probe")
        try FileManager.default.removeItem(atPath: harness.directory + "/ez360.sqlite")
        try harness.app.database.pool.write { try $0.execute(sql: "DROP TABLE companies") }
        let broken = harness.send("GET", "/healthz")
        #expect(broken.status == 503)
        #expect(broken.bodyText.contains("\"status\":\"error\""))
    }

    @Test func notFoundMethodNotAllowedAndHead() throws {
        let harness = try WebHarness()
        #expect(harness.send("GET", "/no-such-page").status == 404)
        let put = harness.send("PUT", "/clients")
        #expect(put.status == 405)
        #expect(put.header("Allow") == "GET, POST, HEAD")
        #expect(harness.send("GET", "/logout").status == 405)
        let head = harness.send("HEAD", "/login")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(Int(head.header("Content-Length") ?? "") ?? 0 > 0)
    }

    @Test func aThrowingHandlerBecomesA500WithTheRequestId() throws {
        let harness = try WebHarness()
        struct Boom: Error {}
        let web = WebApplication(app: harness.app, routes: [Route("GET", "/boom", .anonymous) { _, _ in throw Boom() }])
        let response = web.respond(to: Request(method: "GET", path: "/boom", headers: ["x-request-id": "trace-500-abc"]))
        #expect(response.status == 500)
        #expect(response.bodyText.contains("trace-500-abc"))
        #expect(response.header("Content-Security-Policy") != nil)
        #expect(web.respond(to: Request(method: "GET", path: "/boom")).status == 500, "and the next request is served")
    }
}
