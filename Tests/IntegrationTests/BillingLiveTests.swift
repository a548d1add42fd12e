import Foundation
import Testing

/// Issue 4, points 1-2, through nginx and ez360-fcgi: a tax rate, a catalog item and a
/// project for a client, each seen on its list. Every HTML answer passes `tidy -errors`
/// (the Browser checks it).
@Suite(.serialized)
struct BillingLiveTests {
    let stack: Stack

    init() throws {
        stack = try Stack.get()
    }

    @Test("Create a tax rate, a catalog item and a project for a client; each shows on its list")
    func taxRateCatalogItemAndProject() throws {
        // Company B: LiveStackTests counts company A's clients while it runs.
        let a = stack.browser(Stack.ownerB.email)
        #expect(try a.signIn(Stack.ownerB).status == 303)
        let tag = String(UUID().uuidString.lowercased().prefix(8))

        let rateName = "GST \(tag)"
        var token = try a.formToken("/settings/tax-rates/new")
        let bad = try a.post("/settings/tax-rates", [("_csrf", token), ("name", rateName), ("rate", "5.0001")])
        #expect(bad.status == 422)
        #expect(bad.text.contains("Use at most 3 decimal places."))
        let rate = try a.post("/settings/tax-rates", [("_csrf", token), ("name", rateName), ("rate", "5"), ("is_default", "1")])
        #expect(rate.status == 303 && rate.location == "/settings/tax-rates")
        let rates = try a.get("/settings/tax-rates")
        #expect(rates.status == 200 && rates.text.contains(rateName) && rates.text.contains("Default"))
        let rateId = try #require(Scrape.firstCapture("/settings/tax-rates/([0-9]+)/edit", in: rates.text))

        let itemName = "Design \(tag)"
        token = try a.formToken("/catalog/new")
        let badItem = try a.post("/catalog", [("_csrf", token), ("kind", "service"), ("name", itemName), ("unit", "hour"),
                                              ("unit_price", "12.345"), ("tax_rate_id", rateId)])
        #expect(badItem.status == 422 && badItem.text.contains("Use at most 2 decimal places."))
        let item = try a.post("/catalog", [("_csrf", token), ("kind", "service"), ("name", itemName), ("unit", "hour"),
                                           ("unit_price", "135.00"), ("tax_rate_id", rateId)])
        #expect(item.status == 303)
        let catalog = try a.get("/catalog?q=" + RawHTTP.percentEncode(tag))
        #expect(catalog.status == 200 && catalog.text.contains(itemName) && catalog.text.contains("$135.00 / hour"))

        let clientId = try a.createClient([("name", "Project Client \(tag)")])
        let form = try a.get("/projects/new?client=\(clientId)")
        #expect(form.status == 200)
        token = try #require(Scrape.csrfToken(form.text))
        let projectName = "Website \(tag)"
        let project = try a.post("/projects", [("_csrf", token), ("client_id", String(clientId)), ("name", projectName),
                                               ("billing_type", "hourly"), ("hourly_rate", "150"), ("budget_hours", "40"),
                                               ("status", "active")])
        #expect(project.status == 303)
        let projectPath = try #require(project.location)
        let detail = try a.get(projectPath)
        #expect(detail.status == 200 && detail.text.contains(projectName) && detail.text.contains("Budget used"))
        let list = try a.get("/projects?q=" + RawHTTP.percentEncode(tag))
        #expect(list.status == 200 && list.text.contains(projectName))
        let client = try a.get("/clients/\(clientId)")
        #expect(client.text.contains("href=\"\(projectPath)\""))
        #expect(try a.get(projectPath + "/edit").status == 200)

        // Company A's owner cannot see any of it.
        let b = stack.browser(Stack.ownerA.email)
        #expect(try b.signIn(Stack.ownerA).status == 303)
        #expect(try b.get(projectPath).status == 404)
        #expect(try b.get("/settings/tax-rates/\(rateId)/edit").status == 404)
        #expect(try !b.get("/catalog?q=" + RawHTTP.percentEncode(tag)).text.contains(itemName))
    }
}
