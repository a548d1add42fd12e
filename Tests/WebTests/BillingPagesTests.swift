import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct BillingPagesTests {
    func signedIn(_ role: Role = .owner) throws -> (WebHarness, Browser, Int64) {
        let harness = try WebHarness()
        try harness.member("\(role.rawValue)@a.example", company: "A", role: role)
        let browser = Browser(harness)
        #expect(browser.signIn("\(role.rawValue)@a.example").status == 303)
        return (harness, browser, try harness.companyId("A"))
    }

    @Test func taxRatesCreateEditArchiveAndTheDefault() throws {
        let (harness, browser, company) = try signedIn()
        #expect(browser.get("/settings/tax-rates").bodyText.contains("No tax rates yet."))
        #expect(browser.get("/settings/tax-rates/new").status == 200)
        #expect(browser.post("/settings/tax-rates", [("name", "GST"), ("rate", "5"), ("is_default", "1")]).location == "/settings/tax-rates")
        let bad = browser.post("/settings/tax-rates", [("name", "QST <x>"), ("rate", "9.9755")])
        #expect(bad.status == 422)
        #expect(bad.bodyText.contains("Use at most 3 decimal places."))
        #expect(bad.bodyText.contains("value=\"QST &lt;x&gt;\""))
        let list = browser.get("/settings/tax-rates").bodyText
        #expect(list.contains("GST") && list.contains("5%") && list.contains("Default"))
        let id = try #require(try harness.app.taxRates.list(for: .system(companyId: company)).first?.id)
        #expect(browser.get("/settings/tax-rates/\(id)/edit").bodyText.contains("value=\"5\""))
        #expect(browser.post("/settings/tax-rates/\(id)/edit", [("name", "GST"), ("rate", "5.5")]).status == 303)
        #expect(browser.get("/settings/tax-rates").bodyText.contains("5.5%"))
        #expect(browser.post("/settings/tax-rates/\(id)/archive").status == 303)
        #expect(browser.get("/settings/tax-rates").bodyText.contains("Archived"))
        #expect(browser.post("/settings/tax-rates/\(id)/restore").status == 303)
        for action in ["tax_rate.created", "tax_rate.updated", "tax_rate.archived", "tax_rate.restored"] {
            #expect(try harness.auditCount(action, company: company) == 1, "\(action)")
        }
    }

    @Test func catalogPagesValidateMoneyAndSearch() throws {
        let (harness, browser, company) = try signedIn()
        let rate = try harness.app.taxRates.create(TaxRateDraft(name: "GST", rate: "5", isDefault: true), by: .system(companyId: company))
        let form = browser.get("/catalog/new").bodyText
        #expect(form.contains("<option value=\"\(rate.id ?? 0)\" selected>GST 5%</option>"), "the default rate is preselected")
        let bad = browser.post("/catalog", [("kind", "service"), ("name", "Design"), ("unit_price", "12.345"), ("unit", "hour")])
        #expect(bad.status == 422)
        #expect(bad.bodyText.contains("Use at most 2 decimal places."))
        #expect(bad.bodyText.contains("value=\"12.345\""))
        #expect(browser.post("/catalog", [("kind", "service"), ("name", "Design"), ("unit_price", "$1,250.50"), ("unit", "hour"),
                                          ("tax_rate_id", String(rate.id ?? 0))]).location == "/catalog")
        #expect(browser.post("/catalog", [("kind", "product"), ("name", "Hosting"), ("unit_price", "20")]).status == 303)
        let dup = browser.post("/catalog", [("kind", "service"), ("name", "design"), ("unit_price", "1")])
        #expect(dup.status == 422 && dup.bodyText.contains("already exists"))
        let list = browser.get("/catalog").bodyText
        #expect(list.contains("$1,250.50 / hour") && list.contains("GST 5%") && list.contains("2 items"))
        let search = browser.get("/catalog?q=host").bodyText
        #expect(search.contains("Hosting") && !search.contains(">Design<"))
        let item = try #require(try harness.app.catalog.list(for: .system(companyId: company), search: "design", filter: .live,
                                                              page: PageRequest(number: 1)).items.first)
        let id = try #require(item.id)
        #expect(browser.get("/catalog/\(id)/edit").bodyText.contains("value=\"1250.50\""))
        #expect(browser.post("/catalog/\(id)/archive").status == 303)
        #expect(browser.get("/catalog?status=archived").bodyText.contains("Design"))
        #expect(browser.post("/catalog/\(id)/restore").status == 303)
        #expect(try harness.auditCount("catalog_item.created", company: company) == 2)
    }

    @Test func viewersReadTheCatalogAndProjectsButCannotChangeThem() throws {
        let (_, browser, _) = try signedIn(.viewer)
        #expect(browser.get("/catalog").status == 200)
        #expect(browser.get("/settings/tax-rates").status == 200)
        #expect(browser.get("/projects").status == 200)
        #expect(browser.get("/catalog/new").status == 403)
        #expect(browser.get("/projects/new").status == 403)
        #expect(browser.post("/settings/tax-rates", [("name", "GST"), ("rate", "5")]).status == 403)
        let nav = browser.get("/").bodyText
        #expect(nav.contains("href=\"/projects\"") && nav.contains("href=\"/catalog\""))
    }

    @Test func projectPagesFromFormToDetailAndTheClientPage() throws {
        let (harness, browser, company) = try signedIn()
        let client = try harness.app.clients.create(ClientDraft(name: "Harbor Coffee"), by: .system(companyId: company))
        let clientId = try #require(client.id)
        let form = browser.get("/projects/new?client=\(clientId)").bodyText
        #expect(form.contains("<option value=\"\(clientId)\" selected>Harbor Coffee</option>"))
        #expect(form.contains("owner@a.example"))
        let ownerId = try #require(try harness.app.database.pool.read { try IdentityQueries.user($0, email: "owner@a.example")?.id })

        let bad = browser.post("/projects", [("client_id", String(clientId)), ("name", "Website"), ("billing_type", "hourly"),
                                             ("hourly_rate", "12.345"), ("budget_hours", "abc"), ("status", "active")])
        #expect(bad.status == 422)
        #expect(bad.bodyText.contains("Use at most 2 decimal places."))
        #expect(bad.bodyText.contains("value=\"12.345\""))
        let created = browser.post("/projects", [("client_id", String(clientId)), ("name", "Website"), ("code", "web-1"),
                                                 ("billing_type", "hourly"), ("hourly_rate", "150"), ("budget_hours", "40"),
                                                 ("budget_amount", "6,000"), ("status", "active"), ("member_ids", String(ownerId))])
        #expect(created.status == 303)
        let id = try #require(Int64(created.location?.split(separator: "/").last ?? ""))
        let detail = browser.get("/projects/\(id)").bodyText
        #expect(detail.contains("Harbor Coffee") && detail.contains("$150.00 an hour") && detail.contains("WEB-1"))
        #expect(detail.contains("Budget used") && detail.contains("$6,000.00") && detail.contains("40.00") && detail.contains("owner@a.example"))
        #expect(browser.get("/projects").bodyText.contains(">Website</a>"))
        #expect(browser.get("/projects?status=done").bodyText.contains("No projects match"))
        #expect(browser.get("/projects?client=\(clientId)").bodyText.contains(">Website</a>"))
        #expect(browser.get("/clients/\(clientId)").bodyText.contains("href=\"/projects/\(id)\""))

        #expect(browser.get("/projects/\(id)/edit").bodyText.contains("value=\"150.00\""))
        #expect(browser.post("/projects/\(id)/status", [("status", "done")]).location == "/projects/\(id)")
        #expect(browser.post("/projects/\(id)/status", [("status", "on_hold")]).status == 409)
        #expect(browser.post("/projects/\(id)/status", [("status", "archived")]).status == 303)
        #expect(!browser.get("/projects").bodyText.contains(">Website</a>"))
        #expect(browser.get("/projects?status=archived").bodyText.contains(">Website</a>"))
        #expect(try harness.auditCount("project.status_changed", company: company) == 2)
    }

    @Test func anotherCompanysClientOrPersonInAProjectFormIsNotFound() throws {
        let (harness, browser, company) = try signedIn()
        try harness.member("owner@b.example", company: "B", role: .owner)
        let companyB = try harness.companyId("B")
        let foreignClient = try #require(try harness.app.clients.create(ClientDraft(name: "Initech"), by: .system(companyId: companyB)).id)
        let ownClient = try #require(try harness.app.clients.create(ClientDraft(name: "Harbor"), by: .system(companyId: company)).id)
        let foreignUser = try #require(try harness.app.database.pool.read { try IdentityQueries.user($0, email: "owner@b.example")?.id })
        let foreignRate = try harness.app.taxRates.create(TaxRateDraft(name: "VAT", rate: "20"), by: .system(companyId: companyB))
        #expect(browser.post("/projects", [("client_id", String(foreignClient)), ("name", "X"), ("billing_type", "non_billable"),
                                           ("status", "active")]).status == 404)
        #expect(browser.post("/projects", [("client_id", String(ownClient)), ("name", "X"), ("billing_type", "non_billable"),
                                           ("status", "active"), ("member_ids", String(foreignUser))]).status == 404)
        #expect(browser.post("/catalog", [("kind", "service"), ("name", "X"), ("unit_price", "1"),
                                          ("tax_rate_id", String(foreignRate.id ?? 0))]).status == 404)
        #expect(try harness.auditCount("project.created", company: company) == 0)
        #expect(try harness.auditCount("catalog_item.created", company: company) == 0)
    }
}
