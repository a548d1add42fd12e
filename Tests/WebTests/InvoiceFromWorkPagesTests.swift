import App
import Domain
import Foundation
import GRDB
import Store
import Testing
@testable import Web

@Suite struct InvoiceFromWorkPagesTests {
    struct Fixture {
        let harness: WebHarness
        let company: Int64
        let project: Int64
        let service: Int64
        let rate: Int64
    }

    /// A project with 1:30 of approved billable Design time (at 120.00) and a billable
    /// expense; GST 5 % is the company's default tax rate.
    func fixture() throws -> Fixture {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("staff@a.example", company: "A", role: .staff)
        try harness.member("manager@a.example", company: "A", role: .manager)
        try harness.member("viewer@a.example", company: "A", role: .viewer)
        try harness.member("owner@b.example", company: "B", role: .owner)
        let company = try harness.companyId("A")
        let system = Actor.system(companyId: company)
        let rate = try #require(try harness.app.taxRates.create(TaxRateDraft(name: "GST", rate: "5", isDefault: true), by: system).id)
        _ = try harness.app.taxRates.create(TaxRateDraft(name: "PST", rate: "7"), by: system)
        let client = try #require(try harness.app.clients.create(ClientDraft(name: "Harbor"), by: system).id)
        let service = try #require(try harness.app.catalog.create(CatalogItemDraft(name: "Design", unitPrice: "90", taxRateId: String(rate)),
                                                                   by: system).id)
        let project = try #require(try harness.app.projects.create(ProjectDraft(clientId: String(client), name: "Harbor site",
                                                                                billingType: "hourly", hourlyRate: "120"), by: system).id)
        let staff = Browser(harness)
        #expect(staff.signIn("staff@a.example").status == 303)
        #expect(staff.post("/time", [("project_id", String(project)), ("service_id", String(service)), ("date", "2026-11-30"),
                                     ("duration", "1:30"), ("billable", "1")]).status == 303)
        #expect(staff.post("/time/week/submit", [("week", "2026-11-30")]).status == 303)
        let staffId = try #require(try harness.app.database.pool.read { try IdentityQueries.user($0, email: "staff@a.example")?.id })
        let manager = Browser(harness)
        #expect(manager.signIn("manager@a.example").status == 303)
        #expect(manager.post("/approvals/approve", [("user", String(staffId)), ("week", "2026-11-30")]).status == 303)
        _ = try harness.app.expenses.create(ExpenseDraft(spentOn: "2026-11-03", vendor: "Print shop", category: "Supplies",
                                                         amount: "40.00", tax: "", projectId: String(project), billable: true,
                                                         markup: "10"), by: system)
        return Fixture(harness: harness, company: company, project: project, service: service, rate: rate)
    }

    @Test func theProjectFormMakesOneDraftAndASecondSubmitNone() throws {
        let f = try fixture()
        let owner = Browser(f.harness)
        #expect(owner.signIn("owner@a.example").status == 303)
        let page = owner.get("/projects/\(f.project)").bodyText
        #expect(page.contains("Invoice unbilled work") && page.contains("action=\"/projects/\(f.project)/invoice\""))
        #expect(page.contains("value=\"service\" checked") && page.contains("name=\"include_expenses\""))
        #expect(owner.get("/projects/\(f.project)/invoice").status == 200)

        let bad = owner.post("/projects/\(f.project)/invoice", [("grouping", "weekly"), ("include_expenses", "1")])
        #expect(bad.status == 422 && bad.bodyText.contains("Choose one line per service, per person or per time entry."))

        let created = owner.post("/projects/\(f.project)/invoice", [("grouping", "person"), ("include_expenses", "1")])
        #expect(created.status == 303)
        let location = try #require(created.location)
        #expect(location.hasPrefix("/invoices/"))
        let invoice = owner.get(location).bodyText
        #expect(invoice.contains("staff@a.example — 1:30 h") && invoice.contains("Expense: Print shop, 2026-11-03"))
        #expect(invoice.contains("$180.00") && invoice.contains("$44.00") && invoice.contains("GST 5%"))
        // The edit form carries each line's id, so saving keeps the time and expense linked.
        let edit = owner.get(location + "/edit").bodyText
        let lineIds = try f.harness.app.database.pool.read { try Int64.fetchAll($0, sql: "SELECT id FROM invoice_lines ORDER BY id") }
        #expect(lineIds.count == 2 && lineIds.allSatisfy { edit.contains("name=\"line_id\" value=\"\($0)\"") })

        let again = owner.post("/projects/\(f.project)/invoice", [("grouping", "person"), ("include_expenses", "1")])
        #expect(again.status == 303 && again.location == "/projects/\(f.project)")
        #expect(owner.get("/projects/\(f.project)").bodyText.contains("Nothing to invoice"))
        #expect(try f.harness.app.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM invoices") } == 1)
    }

    @Test func viewersCannotAndAnotherCompanysProjectIsNotFound() throws {
        let f = try fixture()
        let viewer = Browser(f.harness)
        #expect(viewer.signIn("viewer@a.example").status == 303)
        #expect(!viewer.get("/projects/\(f.project)").bodyText.contains("Invoice unbilled work"))
        #expect(viewer.post("/projects/\(f.project)/invoice", [("grouping", "service")]).status == 403)
        let other = Browser(f.harness)
        #expect(other.signIn("owner@b.example").status == 303)
        #expect(other.post("/projects/\(f.project)/invoice", [("grouping", "service")]).status == 404)
        #expect(other.get("/projects/\(f.project)/invoice").status == 404)
        #expect(try f.harness.app.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM invoices") } == 0)
    }

    @Test func theTaxSelectPreselectsTheDefaultAndTheCatalogAddsALine() throws {
        let f = try fixture()
        let owner = Browser(f.harness)
        #expect(owner.signIn("owner@a.example").status == 303)
        let client = try #require(try f.harness.app.database.pool.read { try Int64.fetchOne($0, sql: "SELECT id FROM clients") })
        let form = owner.get("/invoices/new").bodyText
        #expect(form.contains("<option value=\"\(f.rate)\" selected>GST 5%</option>"))
        #expect(form.contains("<option value=\"none\">No tax</option>") && form.contains("PST 7%"))
        #expect(form.contains("Add from catalog") && form.contains("value=\"add_catalog_item\""))

        var fields: [(String, String)] = [("client_id", String(client)), ("issue_date", "2026-11-30"), ("payment_terms_days", "30"),
                                          ("discount_kind", "none"), ("catalog_item_id", String(f.service)),
                                          ("intent", "add_catalog_item")]
        let added = owner.post("/invoices", fields)
        #expect(added.status == 200)
        #expect(added.bodyText.contains("value=\"Design\"") && added.bodyText.contains("value=\"90.00\""))
        #expect(added.bodyText.contains("name=\"line_catalog_item_id\" value=\"\(f.service)\""))
        #expect(added.bodyText.contains("<option value=\"\(f.rate)\" selected>GST 5%</option>"))

        fields.removeLast(2)
        let unknown = owner.post("/invoices", fields + [("catalog_item_id", "999999"), ("intent", "add_catalog_item")])
        #expect(unknown.status == 422 && unknown.bodyText.contains("Choose an item from the catalog."))
        let badTax = owner.post("/invoices", fields + [("line_description", "X"), ("line_quantity", "1"), ("line_unit_price", "10"),
                                                       ("line_tax", "424242"), ("line_tax_name", ""), ("line_tax_percent", ""),
                                                       ("intent", "save")])
        #expect(badTax.status == 422 && badTax.bodyText.contains("Choose a tax rate from the list."))

        // Saving: the select's rate becomes the line's snapshot; "No tax" is none; a blank row stays blank.
        let saved = owner.post("/invoices", fields + [
            ("line_description", "Design"), ("line_quantity", "2"), ("line_unit_price", "90.00"), ("line_tax", String(f.rate)),
            ("line_tax_name", ""), ("line_tax_percent", ""), ("line_id", ""), ("line_catalog_item_id", String(f.service)),
            ("line_description", "Hosting"), ("line_quantity", "1"), ("line_unit_price", "10.00"), ("line_tax", "none"),
            ("line_tax_name", "Old"), ("line_tax_percent", "3"), ("line_id", ""), ("line_catalog_item_id", ""),
            ("line_description", ""), ("line_quantity", ""), ("line_unit_price", ""), ("line_tax", String(f.rate)),
            ("line_tax_name", ""), ("line_tax_percent", ""), ("line_id", ""), ("line_catalog_item_id", ""),
            ("intent", "save")])
        #expect(saved.status == 303, "\(saved.bodyText.prefix(3000))")
        let id = try #require(Int64(saved.location?.split(separator: "/").last ?? ""))
        let lines = try f.harness.app.invoices.get(id, for: .system(companyId: f.company)).lines
        #expect(lines.map(\.taxName) == ["GST", ""] && lines.map(\.taxMilliPercent) == [5_000, 0])
        #expect(lines.map(\.catalogItemId) == [f.service, nil])
        // The edit form shows the stored snapshot selected.
        #expect(owner.get("/invoices/\(id)/edit").bodyText.contains("<option value=\"\(f.rate)\" selected>GST 5%</option>"))
    }
}

extension InvoiceFromWorkPagesTests {
    @Test func theProjectPageListsTheProjectsInvoicesAndTheInvoiceNamesItsProject() throws {
        let f = try fixture()
        let owner = Browser(f.harness)
        #expect(owner.signIn("owner@a.example").status == 303)
        let before = owner.get("/projects/\(f.project)").bodyText
        #expect(before.contains("No invoices for this project yet."))
        #expect(before.contains("<strong>Not invoiced yet:</strong> 1 approved billable entry, 1:30 h, $180.00 at their rates."))
        let created = owner.post("/projects/\(f.project)/invoice", [("grouping", "service"), ("include_expenses", "1")])
        let location = try #require(created.location)
        let invoiceId = try #require(Int64(location.dropFirst("/invoices/".count)))

        let project = owner.get("/projects/\(f.project)").bodyText
        #expect(project.contains("<h2>Invoices</h2>") && project.contains("href=\"/invoices/\(invoiceId)\">Draft #\(invoiceId)</a>"))
        #expect(!project.contains("Not invoiced yet"))
        let invoice = owner.get(location).bodyText
        #expect(invoice.contains("<dt>Project</dt><dd><a href=\"/projects/\(f.project)\">Harbor site</a></dd>"))
        let form = owner.get("\(location)/edit").bodyText
        #expect(form.contains("<select id=\"project_id\" name=\"project_id\"") && form.contains("<optgroup label=\"Harbor\">"))
        #expect(form.contains("<option value=\"\(f.project)\" selected>Harbor site</option>"))

        let listed = owner.get("/invoices?project=\(f.project)").bodyText
        #expect(listed.contains("1 invoice of <a href=\"/projects/\(f.project)\">one project</a>") && listed.contains("/invoices/\(invoiceId)\""))
        let none = owner.get("/invoices?project=999999").bodyText
        #expect(none.contains("0 invoices") && !none.contains("/invoices/\(invoiceId)\""))

        // Another company sees no such project; a viewer sees the invoices but not the invoicing form.
        let otherOwner = Browser(f.harness)
        #expect(otherOwner.signIn("owner@b.example").status == 303)
        #expect(otherOwner.get("/projects/\(f.project)").status == 404)
        let viewer = Browser(f.harness)
        #expect(viewer.signIn("viewer@a.example").status == 303)
        let seen = viewer.get("/projects/\(f.project)").bodyText
        #expect(seen.contains("<h2>Invoices</h2>") && !seen.contains("Invoice unbilled work"))
    }
}
