import Foundation
import Testing

/// Issue 4, point 5, through nginx and ez360-fcgi: the owner drafts and sends an estimate;
/// `ez360 outbox deliver` sends the mail to the SMTP sink with the PDF and the link; the
/// client opens the link with no session and accepts it by name (a public POST with the
/// visitor's CSRF token); the owner converts it, twice, and lands on the same invoice draft.
@Suite(.serialized)
struct EstimateLiveTests {
    @Test func aSentEstimateArrivesByMailIsAcceptedSignedOutAndConvertsOnce() throws {
        Stack.outboxLock.lock()
        defer { Stack.outboxLock.unlock() }
        let stack = try Stack.get()
        let lab = try MailDeliveryTests.MailLab()
        let owner = stack.browser("estimator")
        #expect(try owner.signIn(Stack.ownerA).status == 303)
        let email = "estimate-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let clientId = try owner.createClient([("name", "Live Estimate Client"), ("email", email)])
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)

        let form = try owner.get("/estimates/new")
        #expect(form.status == 200)
        let token = try #require(Scrape.csrfToken(form.text))
        let created = try owner.post("/estimates", [
            ("_csrf", token), ("client_id", String(clientId)), ("issue_date", String(today)), ("valid_until", ""),
            ("discount_kind", "none"), ("intent", "save"),
            ("line_description", "Strategy workshop"), ("line_quantity", "1.5"), ("line_unit_price", "1,200.00"),
            ("line_tax_name", "Sales tax"), ("line_tax_percent", "8.25"),
        ])
        #expect(created.status == 303, "\(created.summary)")
        let path = try #require(created.location)
        #expect(try owner.get(path).text.contains("$1,948.50"))

        let sent = try owner.post(path + "/send", [("_csrf", try owner.formToken(path))])
        #expect(sent.status == 303 && sent.location == path, "\(sent.summary)")
        let detail = try owner.get(path)
        let number = try #require(Scrape.firstCapture(#"(EST-\d{6}-\d{4,})"#, in: detail.text))
        let pdf = try owner.get(path + "/pdf")
        #expect(pdf.status == 200 && pdf.body.starts(with: Array("%PDF".utf8)))

        try ChildProcess.runChecked(Paths.ez360, ["outbox", "deliver", "--data-dir", stack.dataDirectory],
                                    environment: ChildProcess.environment(lab.msmtpEnvironment), scratchDirectory: lab.directory)
        let message = try #require(try lab.received().first { ($0["rcpt_tos"] as? [String]) == [email] }, "\(lab.log())")
        #expect(MailDeliveryTests.header(message, "Subject") == ["Estimate \(number) from Company A"])
        let attachments = try #require(message["attachments"] as? [[String: Any]])
        try #require(attachments.count == 1)
        #expect(attachments[0]["filename"] as? String == "\(number).pdf")
        let attached = try #require((attachments[0]["data"] as? String).flatMap { Data(base64Encoded: $0) })
        #expect([UInt8](attached) == pdf.body, "the mail carries the stored PDF")
        let text = try #require(message["text"] as? String)
        let start = try #require(text.range(of: "/e/"))
        let link = String(text[start.lowerBound...].prefix { !$0.isWhitespace })

        let client = stack.browser("estimate-client")
        let page = try client.get(link)
        #expect(page.status == 200 && page.text.contains(number) && page.text.contains("Accept estimate"), "\(page.summary)")
        let clientToken = try #require(Scrape.csrfToken(page.text))
        let refused = try client.post(link + "/accept", [("_csrf", clientToken), ("name", "")])
        #expect(refused.status == 422, "\(refused.summary)")
        let accepted = try client.post(link + "/accept", [("_csrf", clientToken), ("name", "Grace Hopper")])
        #expect(accepted.status == 303, "\(accepted.summary)")
        #expect(try client.get(link).text.contains("Accepted by Grace Hopper"))
        #expect(try client.get(link + "/pdf").body == pdf.body)
        #expect(try client.get(path).status == 303, "the staff page still needs a session")

        let converted = try owner.post(path + "/convert", [("_csrf", try owner.formToken(path))])
        #expect(converted.status == 303, "\(converted.summary)")
        let invoicePath = try #require(converted.location)
        #expect(invoicePath.hasPrefix("/invoices/"))
        let again = try owner.post(path + "/convert", [("_csrf", try owner.formToken(path))])
        #expect(again.location == invoicePath, "a double submit converts once")
        let invoice = try owner.get(invoicePath)
        #expect(invoice.status == 200 && invoice.text.contains("Draft invoice") && invoice.text.contains("$1,948.50"))
    }
}
