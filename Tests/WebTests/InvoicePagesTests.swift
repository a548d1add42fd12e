import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct InvoicePagesTests {
    func signedIn(_ role: Role = .owner) throws -> (WebHarness, Browser, Int64, Int64) {
        let harness = try WebHarness()
        try harness.member("\(role.rawValue)@a.example", company: "A", role: role)
        let browser = Browser(harness)
        #expect(browser.signIn("\(role.rawValue)@a.example").status == 303)
        let company = try harness.companyId("A")
        let client = try harness.app.clients.create(ClientDraft(name: "Harbor <Coffee>", email: "ap@harbor.example"),
                                                    by: .system(companyId: company))
        return (harness, browser, company, try #require(client.id))
    }

    static func fields(client: Int64, lines: [(String, String, String, String, String)] = [("Design", "2", "150.00", "Sales tax", "8.25")],
                       intent: String = "save") -> [(String, String)] {
        var fields: [(String, String)] = [("client_id", String(client)), ("issue_date", "2026-11-30"), ("payment_terms_days", "30"),
                                          ("discount_kind", "none"), ("intent", intent)]
        for line in lines {
            fields += [("line_description", line.0), ("line_quantity", line.1), ("line_unit_price", line.2),
                       ("line_tax_name", line.3), ("line_tax_percent", line.4)]
        }
        return fields
    }

    func createdId(_ response: Response) throws -> Int64 {
        #expect(response.status == 303, "\(response.status) \(response.bodyText.prefix(2000))")
        return try #require(Int64(response.location?.split(separator: "/").last ?? ""))
    }

    @Test func draftThenSendThenVoidThroughThePages() throws {
        let (harness, browser, company, client) = try signedIn()
        let form = browser.get("/invoices/new")
        #expect(form.status == 200)
        #expect(form.bodyText.contains("Harbor &lt;Coffee&gt;"))
        #expect(form.bodyText.contains("name=\"line_description\""))

        let id = try createdId(browser.post("/invoices", Self.fields(client: client)))
        let draft = browser.get("/invoices/\(id)")
        #expect(draft.status == 200)
        #expect(draft.bodyText.contains("Draft invoice") && draft.bodyText.contains("$324.75"))
        #expect(draft.bodyText.contains("Sales tax 8.25%"))
        #expect(draft.bodyText.contains("Created as a draft."))
        #expect(browser.get("/invoices/\(id)/edit").bodyText.contains("value=\"Design\""))
        #expect(browser.get("/invoices/\(id)/pdf").header("Content-Type") == "application/pdf")

        #expect(browser.post("/invoices/\(id)/send").location == "/invoices/\(id)")
        let sent = browser.get("/invoices/\(id)")
        #expect(sent.bodyText.contains("INV-202611-0001"))
        #expect(sent.bodyText.contains("Emailed to ap@harbor.example."))
        #expect(!sent.bodyText.contains("/invoices/\(id)/edit\""), "no edit action once sent")
        #expect(browser.post("/invoices/\(id)/send").location == "/invoices/\(id)", "a double submit is harmless")
        #expect(try harness.auditCount("invoice.sent", company: company) == 1)

        let pdf = browser.get("/invoices/\(id)/pdf")
        #expect(pdf.status == 200 && pdf.header("Content-Type") == "application/pdf")
        #expect(pdf.header("Content-Disposition") == "attachment; filename=\"INV-202611-0001.pdf\"")
        #expect(pdf.body.starts(with: Array("%PDF".utf8)))
        let print = browser.get("/invoices/\(id)/print")
        #expect(print.status == 200 && print.bodyText.contains("Invoice INV-202611-0001"))
        #expect(!print.bodyText.contains("class=\"topbar\"") || print.bodyText.contains("invoice-print"))

        #expect(browser.get("/invoices").bodyText.contains("INV-202611-0001"))
        #expect(browser.get("/invoices?status=draft").bodyText.contains("No invoices match."))
        #expect(browser.get("/invoices?q=0001").bodyText.contains("INV-202611-0001"))

        #expect(browser.post("/invoices/\(id)/void").location == "/invoices/\(id)")
        #expect(browser.get("/invoices/\(id)").bodyText.contains("Voided."))
    }

    @Test func aSentInvoiceCannotBeEditedOrDeleted() throws {
        let (harness, browser, company, client) = try signedIn()
        let id = try createdId(browser.post("/invoices", Self.fields(client: client)))
        _ = browser.post("/invoices/\(id)/send")
        let edit = browser.get("/invoices/\(id)/edit")
        #expect(edit.status == 409)
        #expect(edit.bodyText.contains("This invoice has been sent and can no longer be edited."))
        let post = browser.post("/invoices/\(id)/edit", Self.fields(client: client, lines: [("Changed", "1", "1", "", "")]))
        #expect(post.status == 409)
        #expect(post.bodyText.contains("This invoice has been sent and can no longer be edited."))
        #expect(browser.post("/invoices/\(id)/delete").status == 409)
        #expect(try harness.auditCount("invoice.updated", company: company) == 0)
    }

    @Test func invalidInputAnswers422WithFieldMessagesAndTheInputBack() throws {
        let (harness, browser, company, client) = try signedIn()
        let response = browser.post("/invoices", Self.fields(client: client, lines: [("", "1.2.3", "12.345", "", "5")]))
        #expect(response.status == 422)
        let html = response.bodyText
        #expect(html.contains("Describe this line."))
        #expect(html.contains("Enter a number like 1,234.50."))
        #expect(html.contains("Use at most 2 decimal places."))
        #expect(html.contains("value=\"12.345\""), "the user's input comes back")
        #expect(html.contains("aria-invalid=\"true\""))
        let noClient = browser.post("/invoices", [("client_id", ""), ("issue_date", "30/11/2026"), ("intent", "save")])
        #expect(noClient.status == 422)
        #expect(noClient.bodyText.contains("Choose a client.") && noClient.bodyText.contains("Enter a date like 2026-11-30."))
        #expect(try harness.auditCount("invoice.created", company: company) == 0)
    }

    @Test func addLineReRendersWithOneMoreRowAndSavesNothing() throws {
        let (harness, browser, company, client) = try signedIn()
        func rows(_ html: String) -> Int { html.components(separatedBy: "name=\"line_description\"").count - 1 }
        #expect(rows(browser.get("/invoices/new").bodyText) == 1)
        let one = browser.post("/invoices", Self.fields(client: client, intent: "add_line"))
        #expect(one.status == 200)
        #expect(rows(one.bodyText) == 2)
        #expect(one.bodyText.contains("value=\"Design\""))
        let two = browser.post("/invoices", Self.fields(client: client, lines: [("Design", "2", "150.00", "Sales tax", "8.25"), ("", "", "", "", "")],
                                                        intent: "add_line"))
        #expect(rows(two.bodyText) == 3)
        #expect(try harness.auditCount("invoice.created", company: company) == 0)
    }

    @Test func thePublicLinkWorksSignedOutForSentInvoicesOnly() throws {
        let (harness, browser, company, client) = try signedIn()
        let id = try createdId(browser.post("/invoices", Self.fields(client: client)))
        let token = try harness.app.invoices.get(id, for: .system(companyId: company)).invoice.publicToken
        let visitor = Browser(harness)
        #expect(visitor.get("/i/\(token)").status == 404, "a draft is not shown")
        _ = browser.post("/invoices/\(id)/send")
        let page = visitor.get("/i/\(token)")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("INV-202611-0001") && page.bodyText.contains("$324.75"))
        #expect(page.bodyText.contains("/i/\(token)/pdf"))
        let pdf = visitor.get("/i/\(token)/pdf")
        #expect(pdf.status == 200 && pdf.header("Content-Type") == "application/pdf")
        #expect(visitor.get("/i/\(String(repeating: "x", count: 43))").status == 404)
        #expect(visitor.get("/i/\(String(repeating: "x", count: 43))/pdf").status == 404)
        #expect(try harness.auditCount("invoice.viewed", company: company) == 1)
        #expect(browser.get("/invoices/\(id)").bodyText.contains("Viewed by the client through the link."))
    }

    @Test func rolesSeeTheActionsTheyMayTake() throws {
        let (harness, _, company, client) = try signedIn()
        try harness.member("viewer@a.example", company: "A", role: .viewer)
        let invoice = try harness.app.invoices.create(InvoicePagesTests.draft(client: client), by: .system(companyId: company))
        let viewer = Browser(harness)
        #expect(viewer.signIn("viewer@a.example").status == 303)
        let page = viewer.get("/invoices/\(invoice.id ?? 0)")
        #expect(page.status == 200)
        #expect(!page.bodyText.contains("Send invoice") && !page.bodyText.contains("/edit\""))
        #expect(viewer.get("/invoices/new").status == 403)
        #expect(viewer.post("/invoices/\(invoice.id ?? 0)/send").status == 403)
        #expect(viewer.get("/").bodyText.contains("href=\"/invoices\""), "the nav links to invoices")
    }

    static func draft(client: Int64) -> InvoiceDraft {
        InvoiceDraft(clientId: String(client), issueDate: "2026-11-30", lines: [.init(description: "Work", quantity: "1", unitPrice: "10")])
    }
}
