import Foundation
import Testing

/// Issue 4, points 7 and 9, through nginx and ez360-fcgi: the owner sets up a recurring
/// invoice, `ez360 recurring run` issues its due dates (twice: nothing twice), and the pages
/// show them; the reminder settings refuse a bad schedule with a field message. Every HTML
/// page on the way passes `tidy -errors` (the live Browser checks each one).
@Suite(.serialized)
struct RecurringLiveTests {
    @Test func aRecurringTemplateIssuesItsDueDatesOnceAndThePagesAreValid() throws {
        let stack = try Stack.get()
        let owner = stack.browser("recurring")
        #expect(try owner.signIn(Stack.ownerA).status == 303)
        let clientId = try owner.createClient([("name", "Live Recurring Client"), ("email", "")])

        let form = try owner.get("/recurring/new")
        #expect(form.status == 200)
        let token = try #require(Scrape.csrfToken(form.text))
        var fields: [(String, String)] = [
            ("_csrf", token), ("name", "Live retainer"), ("client_id", String(clientId)), ("frequency", "monthly"),
            ("start_date", "2025-01-15"), ("end_date", "2025-03-15"), ("mode", "draft"), ("payment_terms_days", "30"),
            ("discount_kind", "none"), ("intent", "save"),
            ("line_description", "Retainer"), ("line_quantity", "1"), ("line_unit_price", "900.00"),
            ("line_tax_name", ""), ("line_tax_percent", ""),
        ]
        let bad = try owner.post("/recurring", fields.map { $0.0 == "start_date" ? ($0.0, "soon") : $0 })
        #expect(bad.status == 422 && bad.text.contains("Enter a date like 2026-12-01."), "\(bad.summary)")
        fields[0] = ("_csrf", token)
        let created = try owner.post("/recurring", fields)
        #expect(created.status == 303, "\(created.summary)")
        let path = try #require(created.location)

        for _ in 0..<2 {
            let output = try ChildProcess.runChecked(Paths.ez360, ["recurring", "run", "--date", "2025-12-31",
                                                                   "--data-dir", stack.dataDirectory],
                                                     environment: ChildProcess.environment(), scratchDirectory: NSTemporaryDirectory())
            #expect(output.hasPrefix("Recurring: "), "\(output)")
        }
        let detail = try owner.get(path)
        #expect(detail.status == 200)
        let links = Scrape.allCaptures(#"href="(/invoices/\d+)""#, in: detail.text)
        #expect(links.count == 3, "Jan, Feb and Mar 15, each once: \(links)")
        #expect(detail.text.contains("The schedule has ended."))
        #expect(try owner.get("/recurring").text.contains("Live retainer"))
        #expect(try owner.get(path + "/edit").status == 200)
        #expect(try owner.get(links[0]).status == 200)

        let settings = try owner.get("/settings/reminders")
        #expect(settings.status == 200)
        let refused = try owner.post("/settings/reminders", [("_csrf", try #require(Scrape.csrfToken(settings.text))),
                                                             ("enabled", "1"), ("schedule", "3 days"), ("late_fee_kind", "none"),
                                                             ("late_fee_mode", "draft")])
        #expect(refused.status == 422 && refused.text.contains("is not a whole number of days"), "\(refused.summary)")
    }
}
