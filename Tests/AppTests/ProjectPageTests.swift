import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

/// The project page's use case (one read) and an invoice's project: invoicing a project's
/// work ties the invoice to it, the form may choose one of the client's projects, and the
/// page lists the project's invoices.
@Suite("Project page and invoice projects")
struct ProjectPageTests {
    func projectError(_ body: () throws -> Any) -> String? {
        guard case .invalid(let errors) = thrownError(body) as? AppError else { return nil }
        return errors["project_id"]
    }

    @Test func thePageReadsTimeExpensesInvoicesAndBudgetInOneUseCase() throws {
        try withTestApp { t in
            let f = try InvoiceFromWorkTests().fixture(t)
            let made = try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .service, includeExpenses: true,
                                                              by: f.owner)
            let invoice = try #require(made.invoice)
            #expect(invoice.projectId == f.projectId)

            let page = try t.app.projects.page(f.projectId, for: f.owner)
            #expect(page.detail.project.name == "Site")
            #expect(page.detail.client.name == "Harbor")
            #expect(page.time.recent.count == 4)
            // 1:30 + 1:00 + 0:45 approved (invoiced) and 2:00 draft; 100.05 of expenses.
            #expect(page.detail.usage.minutesLogged == 315)
            #expect(page.detail.usage.billableAmountCents == 18_000 + 12_000 + 9_000 + 24_000)
            #expect(page.detail.usage.expenseCents == 10_005)
            #expect(page.expenses?.count == 1)
            #expect(page.expenses?.unbilledCount == 0)
            #expect(page.invoices?.items.map(\.id) == [try #require(invoice.id)])
            #expect(page.invoices?.totalCount == 1)
            #expect(page.services.map(\.name) == ["Design", "Development"])
            // What the separate use cases said before stays what the page says.
            #expect(page.detail.usage == (try t.app.projects.detail(f.projectId, for: f.owner)).usage)

            let viewer = f.seed.actor(.viewer)
            let seen = try t.app.projects.page(f.projectId, for: viewer)
            #expect(seen.services.isEmpty)
            #expect(seen.invoices?.totalCount == 1)

            let foreign = f.seed.actor(.owner, in: f.seed.globex)
            #expect(thrownError { try t.app.projects.page(f.projectId, for: foreign) } as? AppError == .notFound)
            #expect(thrownError { try t.app.projects.page(987_654, for: f.owner) } as? AppError == .notFound)
        }
    }

    @Test func theFormTakesOnlyOneOfTheClientsProjects() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let owner = seed.actor(.owner)
            let harbor = try #require(try t.app.clients.create(ClientDraft(name: "Harbor"), by: owner).id)
            let other = try #require(try t.app.clients.create(ClientDraft(name: "Other"), by: owner).id)
            func project(_ client: Int64, _ name: String, by actor: Actor) throws -> Int64 {
                try #require(try t.app.projects.create(ProjectDraft(clientId: String(client), name: name, billingType: "hourly",
                                                                    hourlyRate: "100"), by: actor).id)
            }
            let site = try project(harbor, "Site", by: owner)
            let shop = try project(other, "Shop", by: owner)
            let globexOwner = seed.actor(.owner, in: seed.globex)
            let globexClient = try #require(try t.app.clients.create(ClientDraft(name: "Harbor"), by: globexOwner).id)
            let foreign = try project(globexClient, "Site", by: globexOwner)

            var draft = InvoiceServiceTests.draft(client: harbor)
            for (value, message) in [(String(shop), "Shop is another client's project"), (String(foreign), "Choose a project from the list"),
                                     ("abc", "Choose a project from the list"), ("-3", "Choose a project from the list"),
                                     (String(repeating: "9", count: 40), "Choose a project from the list")] {
                draft.projectId = value
                #expect(projectError { try t.app.invoices.create(draft, by: owner) }?.contains(message) == true, "\(value)")
            }
            #expect(try t.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM invoices") } == 0)

            draft.projectId = " \(site) "
            let invoice = try t.app.invoices.create(draft, by: owner)
            #expect(invoice.projectId == site)
            let id = try #require(invoice.id)
            #expect(try t.app.invoices.get(id, for: owner).project?.name == "Site")
            #expect(try t.app.invoices.get(id, for: owner).draft.projectId == String(site))

            draft.projectId = ""
            #expect(try t.app.invoices.update(id, with: draft, by: owner).projectId == nil)
            let updated = try #require(try t.app.invoices.timeline(id, for: owner).last)
            #expect(try auditDetails(updated)["project_id"] == ["before": String(site), "after": nil])
            // Changing the client keeps the form honest: the old project is refused with the new client.
            var moved = InvoiceServiceTests.draft(client: other)
            moved.projectId = String(site)
            #expect(projectError { try t.app.invoices.update(id, with: moved, by: owner) }?.contains("Site is another client's project") == true)

            let page = try t.app.projects.page(site, for: owner)
            #expect(page.invoices?.totalCount == 0)
            _ = try t.app.invoices.update(id, with: { var d = draft; d.projectId = String(site); return d }(), by: owner)
            #expect(try t.app.projects.page(site, for: owner).invoices?.items.map(\.id) == [id])
            #expect(try t.app.invoices.formOptions(for: owner).projects.map(\.name).sorted() == ["Shop", "Site"])
        }
    }
}
