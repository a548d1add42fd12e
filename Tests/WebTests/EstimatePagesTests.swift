import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct EstimatePagesTests {
    static var today: String { CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))).description }

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

    static func fields(client: Int64, validUntil: String = "", description: String = "Design") -> [(String, String)] {
        [("client_id", String(client)), ("issue_date", today), ("valid_until", validUntil), ("discount_kind", "none"),
         ("intent", "save"), ("line_description", description), ("line_quantity", "2"), ("line_unit_price", "150.00"),
         ("line_tax_name", "Sales tax"), ("line_tax_percent", "8.25")]
    }

    func createdId(_ response: Response) throws -> Int64 {
        #expect(response.status == 303, "\(response.status) \(response.bodyText.prefix(2000))")
        return try #require(Int64(response.location?.split(separator: "/").last ?? ""))
    }

    @Test func draftSendAcceptThroughThePublicPageAndConvert() throws {
        let (harness, browser, company, client) = try signedIn()
        let form = browser.get("/estimates/new")
        #expect(form.status == 200 && form.bodyText.contains("name=\"valid_until\"") && form.bodyText.contains("name=\"line_description\""))
        #expect(form.bodyText.contains("Harbor &lt;Coffee&gt;"))
        #expect(browser.get("/").bodyText.contains("href=\"/estimates\""))

        let id = try createdId(browser.post("/estimates", Self.fields(client: client)))
        let draft = browser.get("/estimates/\(id)")
        #expect(draft.status == 200 && draft.bodyText.contains("Draft estimate") && draft.bodyText.contains("$324.75"))
        #expect(draft.bodyText.contains("Created as a draft."))
        #expect(browser.get("/estimates/\(id)/pdf").header("Content-Type") == "application/pdf")

        #expect(browser.post("/estimates/\(id)/send").location == "/estimates/\(id)")
        #expect(browser.post("/estimates/\(id)/send").location == "/estimates/\(id)", "a double submit is harmless")
        #expect(try harness.auditCount("estimate.sent", company: company) == 1)
        let sent = try harness.app.estimates.get(id, for: .system(companyId: company))
        let number = try #require(sent.estimate.number)
        #expect(number.hasPrefix("EST-"))
        #expect(browser.get("/estimates/\(id)").bodyText.contains("Emailed to ap@harbor.example."))
        #expect(browser.get("/estimates/\(id)/edit").status == 409)
        #expect(browser.get("/estimates").bodyText.contains(number))

        // The client, with no session: sees the page, is refused without a name, then accepts.
        let visitor = Browser(harness)
        let token = sent.estimate.publicToken
        let page = visitor.get("/e/\(token)")
        #expect(page.status == 200 && page.bodyText.contains("Accept estimate") && page.bodyText.contains(number))
        #expect(page.header("Cache-Control") == "private, no-store")
        #expect(visitor.post("/e/\(token)/accept", [("name", "")]).status == 422)
        let noToken = visitor.post("/e/\(token)/accept", [("name", "Grace")], csrf: false)
        #expect(noToken.status == 403)
        #expect(visitor.post("/e/\(token)/accept", [("name", "Grace Hopper")]).location == "/e/\(token)")
        let answered = visitor.get("/e/\(token)")
        #expect(answered.bodyText.contains("Accepted by Grace Hopper") && !answered.bodyText.contains("Accept estimate</button>"))
        #expect(visitor.post("/e/\(token)/decline", [("name", "Mallory")]).status == 409)
        #expect(visitor.get("/e/\(token)/pdf").body.starts(with: Array("%PDF".utf8)))
        #expect(visitor.get("/e/\(String(repeating: "z", count: 43))").status == 404)

        let convert = browser.post("/estimates/\(id)/convert")
        #expect(convert.status == 303)
        let invoicePath = try #require(convert.location)
        #expect(invoicePath.hasPrefix("/invoices/"))
        #expect(browser.post("/estimates/\(id)/convert").location == invoicePath, "a double submit converts once")
        let invoicePage = browser.get(invoicePath)
        #expect(invoicePage.bodyText.contains("Draft invoice") && invoicePage.bodyText.contains("Created as a draft from estimate \(number)."))
        #expect(browser.get("/estimates/\(id)").bodyText.contains("Converted into an invoice."))
    }

    @Test func invalidFormsAre422AndADraftIsNotPublic() throws {
        let (harness, browser, company, client) = try signedIn(.staff)
        let bad = browser.post("/estimates", Self.fields(client: client, validUntil: "2000-01-01"))
        #expect(bad.status == 422 && bad.bodyText.contains("The valid-until date cannot be before the issue date."))
        let added = browser.post("/estimates", Self.fields(client: client) + [("intent", "add_line")])
        #expect(added.status == 200 || added.status == 303)
        let id = try createdId(browser.post("/estimates", Self.fields(client: client)))
        // Staff may not send.
        #expect(browser.post("/estimates/\(id)/send").status == 403)
        let token = try harness.app.estimates.get(id, for: .system(companyId: company)).estimate.publicToken
        #expect(Browser(harness).get("/e/\(token)").status == 404)
        #expect(browser.post("/estimates/\(id)/delete").location == "/estimates")
    }

    @Test func anExpiredEstimateShowsSoAndRefusesAnAnswer() throws {
        let (harness, _, company, client) = try signedIn()
        let actor = Actor.system(companyId: company)
        let estimate = try harness.app.estimates.create(
            EstimateDraft(clientId: String(client), issueDate: "2026-01-01", validUntil: "2026-01-31",
                          lines: [.init(description: "Old quote", quantity: "1", unitPrice: "10")]), by: actor)
        let token = try harness.app.estimates.send(try #require(estimate.id), by: actor).estimate.publicToken
        let visitor = Browser(harness)
        let page = visitor.get("/e/\(token)")
        #expect(page.status == 200 && page.bodyText.contains("expired on 2026-01-31") && !page.bodyText.contains("Accept estimate"))
        #expect(visitor.post("/e/\(token)/accept", [("name", "Late")]).status == 409)
        #expect(try harness.auditCount("estimate.accepted", company: company) == 0)
    }
}
