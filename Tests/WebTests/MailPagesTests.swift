import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct MailPagesTests {
    /// Company A with an admin, company B with an owner; a dead letter in each.
    func setUp() throws -> (harness: WebHarness, admin: Browser, deadA: Int64, deadB: Int64, companyA: Int64) {
        let harness = try WebHarness()
        try harness.member("admin@a.example", company: "A", role: .admin)
        try harness.member("owner@b.example", company: "B", role: .owner)
        let companyA = try harness.companyId("A")
        let companyB = try harness.companyId("B")
        func dead(_ company: Int64, subject: String) throws -> Int64 {
            let message = OutboxMessage(companyId: company, kind: .invoice, toAddress: "client@example.com",
                                        toName: "Client <Co>", subject: subject, textBody: "Body")
            let id = try #require(try harness.app.outbox.enqueue(message, by: nil).id)
            try harness.app.database.pool.write { db in
                _ = try OutboxQueries.claimNext(db, now: Date().addingTimeInterval(60))
                try OutboxQueries.markDead(db, id: id, attempts: 8, error: "msmtp: <relay> said 550 no such user", at: Date())
            }
            return id
        }
        let deadA = try dead(companyA, subject: "Invoice <INV-1> for A")
        let deadB = try dead(companyB, subject: "Invoice for B")
        let admin = Browser(harness)
        #expect(admin.signIn("admin@a.example").status == 303)
        return (harness, admin, deadA, deadB, companyA)
    }

    @Test func adminsSeeTheirCompanysDeadLettersEscaped() throws {
        let (_, admin, deadA, _, _) = try setUp()
        let page = admin.get("/mail/dead-letters")
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("Invoice &lt;INV-1&gt; for A"))
        #expect(html.contains("Client &lt;Co&gt; &lt;client@example.com&gt;"))
        #expect(html.contains("msmtp: &lt;relay&gt; said 550 no such user"))
        #expect(html.contains("action=\"/mail/dead-letters/\(deadA)/replay\""))
        #expect(!html.contains("Invoice for B"), "another company's mail is never listed")
        #expect(html.contains("<a href=\"/mail/dead-letters\" aria-current=\"page\">Mail</a>"))
    }

    @Test func replayRedirectsWithAFlashAndAnAuditEvent() throws {
        let (harness, admin, deadA, _, companyA) = try setUp()
        let response = admin.post("/mail/dead-letters/\(deadA)/replay")
        #expect(response.status == 303)
        #expect(response.location == "/mail/dead-letters")
        let after = admin.get("/mail/dead-letters").bodyText
        #expect(after.contains("flash-success"))
        #expect(after.contains("No undelivered mail"))
        #expect(try harness.app.database.pool.read { try OutboxQueries.opsFind($0, id: deadA) }?.status == .pending)
        #expect(try harness.auditCount("mail.replayed", company: companyA) == 1)

        // Replaying again (a double click) is a message, not an error page.
        let again = admin.post("/mail/dead-letters/\(deadA)/replay")
        #expect(again.status == 303)
        #expect(admin.get("/mail/dead-letters").bodyText.contains("flash-error"))
        #expect(try harness.auditCount("mail.replayed", company: companyA) == 1)
    }

    @Test func anotherCompanysMessageIsNotFoundAndUntouched() throws {
        let (harness, admin, _, deadB, _) = try setUp()
        #expect(admin.post("/mail/dead-letters/\(deadB)/replay").status == 404)
        #expect(admin.post("/mail/dead-letters/999999/replay").status == 404)
        #expect(admin.post("/mail/dead-letters/abc/replay").status == 404)
        #expect(try harness.app.database.pool.read { try OutboxQueries.opsFind($0, id: deadB) }?.status == .dead)
    }

    @Test func rolesBelowAdminAreRefusedAndSeeNoLink() throws {
        let (harness, _, deadA, _, companyA) = try setUp()
        for role in [Role.viewer, .staff, .manager] {
            try harness.member("\(role.rawValue)@a.example", company: "A", role: role)
            let browser = Browser(harness)
            browser.signIn("\(role.rawValue)@a.example")
            #expect(browser.get("/mail/dead-letters").status == 403)
            #expect(browser.post("/mail/dead-letters/\(deadA)/replay").status == 403)
            #expect(!browser.get("/").bodyText.contains("/mail/dead-letters"), "\(role) sees the Mail link")
        }
        #expect(try harness.auditCount("mail.replayed", company: companyA) == 0)
    }
}
