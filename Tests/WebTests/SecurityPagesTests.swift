import App
import Foundation
import Store
import Testing
@testable import Web

/// Lockout at the sign-in form, the lockouts page, "Your sessions", the CSP report endpoint
/// and page, and the owner's audit log — in-process, through the whole pipeline.
@Suite struct SecurityPagesTests {
    static let lockedWords = "Too many failed attempts"

    @Test func theSignInFormLocksAKnownAndAnUnknownEmailAlike() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        var known: [(Int, Bool)] = []
        var unknown: [(Int, Bool)] = []
        for _ in 1...6 {
            let a = Browser(harness).signIn("owner@a.example", password: "not the password at all")
            known.append((a.status, a.bodyText.contains(Self.lockedWords)))
            // A fresh harness per email would also do; here the IP counter is what locks the
            // unknown email's attempts too, so compare messages, not the order of counters.
        }
        #expect(known.map(\.0) == [422, 422, 422, 422, 429, 429])
        #expect(known.map(\.1) == [false, false, false, false, true, true])

        let other = try WebHarness()
        for _ in 1...6 {
            let b = Browser(other).signIn("nobody@a.example", password: "not the password at all")
            unknown.append((b.status, b.bodyText.contains(Self.lockedWords)))
        }
        #expect(unknown.map(\.0) == known.map(\.0) && unknown.map(\.1) == known.map(\.1))

        let locked = Browser(harness).signIn("owner@a.example")
        #expect(locked.status == 429, "the right password is refused while locked")
        #expect(locked.bodyText.contains("That email and password do not match an account."))
        #expect(locked.headers.allSatisfy { !$0.value.hasPrefix("ez360_session=") })
    }

    @Test func adminsSeeAndLiftLockoutsOwnersOnlyTheirs() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("admin@a.example", company: "A", role: .admin)
        try harness.member("staff@a.example", company: "A", role: .staff)
        let companyA = try harness.companyId("A")
        // Lock the staff member's account directly (the harness's single IP would lock too).
        try harness.app.database.pool.write { db in
            try LoginThrottleQueries.save(db, LoginThrottleRecord(kind: .account, key: "staff@a.example", failures: 5,
                                                                  lockedUntil: Date().addingTimeInterval(600), lastFailureAt: Date()))
            try LoginThrottleQueries.save(db, LoginThrottleRecord(kind: .account, key: "<b>x@evil.example", failures: 9,
                                                                  lockedUntil: Date().addingTimeInterval(600), lastFailureAt: Date()))
        }
        let admin = Browser(harness)
        admin.signIn("admin@a.example")
        let page = admin.get("/security/lockouts")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("staff@a.example"))
        #expect(!page.bodyText.contains("evil.example"), "another company's (or nobody's) lock is not shown")
        #expect(admin.get("/").bodyText.contains("href=\"/security/lockouts\""))

        try harness.member("manager@a.example", company: "A", role: .manager)
        let manager = Browser(harness)
        manager.signIn("manager@a.example")
        #expect(manager.get("/security/lockouts").status == 403)
        #expect(manager.post("/security/lockouts/unlock", [("kind", "account"), ("key", "staff@a.example")]).status == 403)
        #expect(Browser(harness).get("/security/lockouts").status == 303)

        let before = try harness.auditCount("auth.unlocked", company: companyA)
        let foreign = admin.post("/security/lockouts/unlock", [("kind", "account"), ("key", "<b>x@evil.example")])
        #expect(foreign.status == 404)
        let bad = admin.post("/security/lockouts/unlock", [("kind", "nonsense"), ("key", "x")])
        #expect(bad.status == 400)
        let lifted = admin.post("/security/lockouts/unlock", [("kind", "account"), ("key", "staff@a.example")])
        #expect(lifted.status == 303 && lifted.location == "/security/lockouts")
        #expect(try harness.auditCount("auth.unlocked", company: companyA) == before + 1)
        #expect(!admin.get("/security/lockouts").bodyText.contains("<td>staff@a.example</td>"))
        #expect(Browser(harness).signIn("staff@a.example").status == 303, "unlocked: signs in")
    }

    @Test func yourSessionsListsSignsOutOneAndEverywhereElse() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("other@a.example", company: "A", role: .staff)
        let companyA = try harness.companyId("A")
        let here = Browser(harness)
        here.extraHeaders["user-agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
        here.signIn("owner@a.example")
        let phone = Browser(harness)
        phone.extraHeaders["user-agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile Safari/604.1"
        phone.signIn("owner@a.example")
        let tablet = Browser(harness)
        tablet.extraHeaders["user-agent"] = "<script>alert(1)</script>"
        tablet.signIn("owner@a.example")
        let colleague = Browser(harness)
        colleague.signIn("other@a.example")

        let page = here.get("/account/sessions")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Firefox on Linux"))
        #expect(page.bodyText.contains("Safari on iPhone"))
        #expect(page.bodyText.contains("This device"))
        #expect(page.bodyText.contains("127.0.0.1"))
        #expect(!page.bodyText.contains("<script>alert"), "a user agent is text, escaped")
        #expect(here.get("/").bodyText.contains("href=\"/account/sessions\""))

        let sessions = try harness.app.database.pool.read { try SessionRecord.fetchAll($0) }
        let colleagueId = try harness.app.database.pool.read { try IdentityQueries.user($0, email: "other@a.example")?.id }
        let colleagues = try #require(sessions.first { $0.userId == colleagueId }?.id)
        #expect(here.post("/account/sessions/\(colleagues)/revoke").status == 404, "another user's session is not found")
        #expect(colleague.get("/clients").status == 200, "and still alive")

        let phoneId = try #require(sessions.first { $0.userAgent.contains("iPhone") }?.id)
        let one = here.post("/account/sessions/\(phoneId)/revoke")
        #expect(one.status == 303 && one.location == "/account/sessions")
        #expect(phone.get("/clients").status == 303, "the phone is signed out")
        #expect(tablet.get("/clients").status == 200)

        let all = here.post("/account/sessions/revoke-others")
        #expect(all.status == 303)
        #expect(tablet.get("/clients").status == 303)
        #expect(here.get("/clients").status == 200, "this device stays signed in")
        #expect(try harness.auditCount("session.revoked", company: companyA) == 2)
        #expect(here.post("/account/sessions/abc/revoke").status == 404)
    }

    @Test func theCSPEndpointStoresReportsAnonymouslyAndRefusesJunk() throws {
        let harness = try WebHarness()
        let legacy = #"{"csp-report":{"document-uri":"https://ez.example/clients?q=secret","violated-directive":"script-src 'self'","blocked-uri":"inline"}}"#
        let ok = harness.send("POST", "/csp-report", headers: ["content-type": "application/csp-report", "user-agent": "Firefox/1"],
                              body: Array(legacy.utf8))
        #expect(ok.status == 204)
        #expect(ok.body.isEmpty)
        #expect(ok.headers.allSatisfy { $0.name != "Set-Cookie" })
        let modern = #"[{"type":"csp-violation","url":"https://ez.example/x","body":{"documentURL":"https://ez.example/x#frag","effectiveDirective":"img-src","blockedURL":"https://evil.example/p.png?id=1"}},{"type":"deprecation","body":{}}]"#
        #expect(harness.send("POST", "/csp-report", headers: ["content-type": "application/reports+json"], body: Array(modern.utf8)).status == 204)
        #expect(harness.send("POST", "/csp-report", headers: ["content-type": "application/json; charset=utf-8", "origin": "https://elsewhere.example"],
                             body: Array(legacy.utf8)).status == 204, "no Origin or token check on this route")

        #expect(harness.send("POST", "/csp-report", headers: ["content-type": "text/plain"], body: Array(legacy.utf8)).status == 415)
        #expect(harness.send("POST", "/csp-report", headers: ["content-type": "application/x-www-form-urlencoded"], body: Array("a=b".utf8)).status == 415)
        #expect(harness.send("POST", "/csp-report", headers: ["content-type": "application/csp-report"], body: Array("not json".utf8)).status == 400)
        #expect(harness.send("POST", "/csp-report", headers: ["content-type": "application/csp-report"], body: Array("{}".utf8)).status == 400)
        let huge = #"{"csp-report":{"document-uri":""# + String(repeating: "a", count: 17_000) + #""}}"#
        #expect(harness.send("POST", "/csp-report", headers: ["content-type": "application/csp-report"], body: Array(huge.utf8)).status == 413)
        #expect(harness.send("GET", "/csp-report").status == 405)

        let stored = try harness.app.database.pool.read { try CSPReportQueries.recent($0, limit: 10) }
        #expect(stored.count == 3)
        #expect(stored.map(\.documentUri) == ["https://ez.example/clients", "https://ez.example/x", "https://ez.example/clients"],
                "query strings and fragments are dropped")
        #expect(stored[1].blockedUri == "https://evil.example/p.png" && stored[1].violatedDirective == "img-src")
        #expect(stored[2].userAgent == "Firefox/1")
    }

    @Test func theCSPReportsPageIsForOwnersAndAdminsAndEscapes() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("manager@a.example", company: "A", role: .manager)
        let hostile = #"{"csp-report":{"document-uri":"https://ez.example/<script>x</script>","violated-directive":"\"><img src=x>","blocked-uri":"inline"}}"#
        _ = harness.send("POST", "/csp-report", headers: ["content-type": "application/csp-report"], body: Array(hostile.utf8))
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        let page = owner.get("/security/csp-reports")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(!page.bodyText.contains("<img src=x>"))
        let manager = Browser(harness)
        manager.signIn("manager@a.example")
        #expect(manager.get("/security/csp-reports").status == 403)
        #expect(!manager.get("/").bodyText.contains("/security/"), "no Security link below admin")
    }

    @Test func theAuditLogIsForOwnersFilteredPaginatedAndEscaped() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("admin@a.example", company: "A", role: .admin)
        try harness.member("owner@b.example", company: "B", role: .owner)
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        for index in 1...60 { _ = owner.post("/clients", [("name", "Client \(index) <b>bold</b>")]) }
        let other = Browser(harness)
        other.signIn("owner@b.example")
        _ = other.post("/clients", [("name", "Only in B")])

        let page = owner.get("/audit")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("client.created"))
        #expect(page.bodyText.contains("&lt;b&gt;bold&lt;/b&gt;"), "details are escaped JSON")
        #expect(!page.bodyText.contains("<b>bold</b>"))
        #expect(!page.bodyText.contains("Only in B"), "another company's events never show")
        #expect(page.bodyText.contains("rel=\"next\""))
        #expect(owner.get("/").bodyText.contains("href=\"/audit\""))

        let filtered = owner.get("/audit?action=client.created&page=2")
        #expect(filtered.status == 200)
        #expect(filtered.bodyText.contains("Page 2 of 2"))
        #expect(filtered.bodyText.contains("Client 10 &lt;b&gt;"))
        #expect(!filtered.bodyText.contains("auth.login</code>"))
        let adminId = try harness.app.database.pool.read { try IdentityQueries.user($0, email: "admin@a.example")?.id } ?? 0
        #expect(owner.get("/audit?user=\(adminId)").bodyText.contains("No audit events match."))
        #expect(owner.get("/audit?from=2000-01-01&to=2000-01-02").bodyText.contains("No audit events match."))
        let today = TimeText.utc(Date()).prefix(10)
        #expect(owner.get("/audit?from=\(today)&to=\(today)&action=client.created").bodyText.contains("60 events"))

        for bad in ["from=yesterday", "to=2026-02-30", "user=abc", "from=2026-03-02&to=2026-03-01"] {
            let response = owner.get("/audit?" + bad)
            #expect(response.status == 422, "\(bad)")
            #expect(response.bodyText.contains("Check the filter"), "\(bad)")
        }

        let admin = Browser(harness)
        admin.signIn("admin@a.example")
        #expect(admin.get("/audit").status == 403)
        #expect(!admin.get("/").bodyText.contains("href=\"/audit\""), "the link only for roles that may follow it")
    }
}
