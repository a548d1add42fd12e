import Foundation
import Testing

/// Issue 4, point 6, tried as a user would through nginx and ez360-fcgi: the owner creates
/// a client and a draft invoice, sends it; `ez360 outbox deliver` sends the mail through
/// msmtp to the SMTP sink, which receives the PDF and the link; the link answers 200 with
/// no session, and so does its PDF. Every HTML page on the way passes `tidy -errors`
/// (the live Browser checks each one).
@Suite(.serialized)
struct InvoiceLiveTests {
    @Test func aSentInvoiceArrivesByMailWithItsPDFAndItsLinkOpensSignedOut() throws {
        Stack.outboxLock.lock()
        defer { Stack.outboxLock.unlock() }
        let stack = try Stack.get()
        let lab = try MailDeliveryTests.MailLab()
        let owner = stack.browser("invoicer")
        #expect(try owner.signIn(Stack.ownerA).status == 303)
        let email = "invoice-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let clientId = try owner.createClient([("name", "Live Invoice Client"), ("email", email)])

        let form = try owner.get("/invoices/new")
        #expect(form.status == 200)
        let token = try #require(Scrape.csrfToken(form.text))
        let created = try owner.post("/invoices", [
            ("_csrf", token), ("client_id", String(clientId)), ("issue_date", "2026-11-30"), ("payment_terms_days", "30"),
            ("discount_kind", "none"), ("intent", "save"),
            ("line_description", "Strategy workshop"), ("line_quantity", "1.5"), ("line_unit_price", "1,200.00"),
            ("line_tax_name", "Sales tax"), ("line_tax_percent", "8.25"),
        ])
        #expect(created.status == 303, "\(created.summary)")
        let path = try #require(created.location)
        let draft = try owner.get(path)
        #expect(draft.status == 200 && draft.text.contains("$1,948.50"), "\(draft.summary)")

        let sent = try owner.post(path + "/send", [("_csrf", try owner.formToken(path))])
        #expect(sent.status == 303 && sent.location == path, "\(sent.summary)")
        let detail = try owner.get(path)
        let number = try #require(Scrape.firstCapture(#"(INV-\d{6}-\d{4,})"#, in: detail.text))
        let pdf = try owner.get(path + "/pdf")
        #expect(pdf.status == 200 && pdf.header("Content-Type") == "application/pdf")
        #expect(pdf.body.starts(with: Array("%PDF".utf8)))
        let print = try owner.get(path + "/print")
        #expect(print.status == 200)

        try ChildProcess.runChecked(Paths.ez360, ["outbox", "deliver", "--data-dir", stack.dataDirectory],
                                    environment: ChildProcess.environment(lab.msmtpEnvironment), scratchDirectory: lab.directory)
        let message = try #require(try lab.received().first { ($0["rcpt_tos"] as? [String]) == [email] }, "\(lab.log())")
        #expect(MailDeliveryTests.header(message, "Subject") == ["Invoice \(number) from Company A"])
        let attachments = try #require(message["attachments"] as? [[String: Any]])
        try #require(attachments.count == 1)
        #expect(attachments[0]["filename"] as? String == "\(number).pdf")
        #expect(attachments[0]["content_type"] as? String == "application/pdf")
        let attached = try #require((attachments[0]["data"] as? String).flatMap { Data(base64Encoded: $0) })
        #expect([UInt8](attached) == pdf.body, "the mail carries the stored PDF")
        #expect((message["defects"] as? [String]) == [])
        let text = try #require(message["text"] as? String)
        let start = try #require(text.range(of: "/i/"))
        let link = String(text[start.lowerBound...].prefix { !$0.isWhitespace })

        let client = stack.browser("invoice-client")
        let page = try client.get(link)
        #expect(page.status == 200 && page.text.contains(number) && page.text.contains("$1,948.50"), "\(page.summary)")
        let clientPDF = try client.get(link + "/pdf")
        #expect(clientPDF.status == 200 && clientPDF.header("Content-Type") == "application/pdf")
        #expect(clientPDF.body == pdf.body)
        #expect(try client.get("/i/not-a-real-token-not-a-real-token-00000000").status == 404)
        #expect(try client.get(path).status == 303, "the staff page still needs a session")
        #expect(try owner.get(path).text.contains("Viewed by the client through the link."))
    }
}
