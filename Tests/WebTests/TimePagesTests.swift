import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct TimePagesTests {
    struct Fixture {
        let harness: WebHarness
        let company: Int64
        let project: Int64
        let service: Int64
    }

    func fixture() throws -> Fixture {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("staff@a.example", company: "A", role: .staff)
        try harness.member("manager@a.example", company: "A", role: .manager)
        try harness.member("viewer@a.example", company: "A", role: .viewer)
        let company = try harness.companyId("A")
        let system = Actor.system(companyId: company)
        let client = try #require(try harness.app.clients.create(ClientDraft(name: "Harbor"), by: system).id)
        let service = try #require(try harness.app.catalog.create(CatalogItemDraft(name: "Design", unitPrice: "90"), by: system).id)
        let project = try #require(try harness.app.projects.create(ProjectDraft(clientId: String(client), name: "Harbor site",
                                                                                billingType: "hourly", hourlyRate: "120"), by: system).id)
        return Fixture(harness: harness, company: company, project: project, service: service)
    }

    @Test func theTimerShowsInTheNavigationOnAnotherPageAndStopsIntoADraft() throws {
        let f = try fixture()
        let staff = Browser(f.harness)
        #expect(staff.signIn("staff@a.example").status == 303)
        #expect(staff.get("/clients").bodyText.contains("href=\"/timer/new\""))
        #expect(staff.get("/timer/new").status == 200)
        let bad = staff.post("/timer/start", [("project_id", ""), ("service_id", String(f.service))])
        #expect(bad.status == 422 && bad.bodyText.contains("Choose the project."))
        let started = staff.post("/timer/start", [("project_id", String(f.project)), ("service_id", String(f.service)),
                                                  ("back", "/projects/\(f.project)")])
        #expect(started.status == 303 && started.location == "/projects/\(f.project)")
        let other = staff.get("/clients").bodyText
        #expect(other.contains("data-started-at=") && other.contains("Harbor site") && other.contains("action=\"/timer/stop\""))
        let stopped = staff.post("/timer/stop")
        #expect(stopped.status == 303)
        let week = staff.get(try #require(stopped.location)).bodyText
        #expect(week.contains("Draft") && week.contains("Harbor site") && !week.contains("data-started-at="))
        #expect(staff.post("/timer/stop").status == 409)
    }

    @Test func entriesWeekSubmitAndApproval() throws {
        let f = try fixture()
        let staff = Browser(f.harness)
        #expect(staff.signIn("staff@a.example").status == 303)
        let bad = staff.post("/time", [("project_id", String(f.project)), ("service_id", String(f.service)), ("date", "2026-11-31"),
                                       ("duration", "1:30")])
        #expect(bad.status == 422 && bad.bodyText.contains("Enter a date like 2026-11-30."))
        let badEnd = staff.post("/time", [("project_id", String(f.project)), ("service_id", String(f.service)), ("date", "2026-11-30"),
                                          ("start_time", "10:00"), ("end_time", "09:00")])
        #expect(badEnd.status == 422 && badEnd.bodyText.contains("The end must be after the start."))
        let created = staff.post("/time", [("project_id", String(f.project)), ("service_id", String(f.service)), ("date", "2026-11-30"),
                                           ("duration", "1:30"), ("notes", "<b>Wireframes</b>"), ("billable", "1")])
        #expect(created.status == 303 && created.location == "/time?week=2026-11-30")
        let week = staff.get("/time?week=2026-12-02").bodyText
        #expect(week.contains("&lt;b&gt;Wireframes") && week.contains("1:30") && week.contains("Submit week"))
        #expect(week.contains("/time?week=2026-11-23") && week.contains("/time?week=2026-12-07"))
        #expect(staff.post("/time/week/submit", [("week", "2026-11-30")]).status == 303)
        #expect(staff.get("/time?week=2026-11-30").bodyText.contains("Submitted"))

        let manager = Browser(f.harness)
        #expect(manager.signIn("manager@a.example").status == 303)
        let approvals = manager.get("/approvals").bodyText
        #expect(approvals.contains("2026-11-30") && approvals.contains("1:30"))
        let staffId = try #require(try f.harness.app.database.pool.read { try IdentityQueries.user($0, email: "staff@a.example")?.id })
        let noReason = manager.post("/approvals/reject", [("user", String(staffId)), ("week", "2026-11-30"), ("reason", "")])
        #expect(noReason.status == 422 && noReason.bodyText.contains("Say why"))
        #expect(manager.post("/approvals/approve", [("user", String(staffId)), ("week", "2026-11-30")]).status == 303)
        #expect(manager.get("/approvals").bodyText.contains("No weeks are waiting"))
        #expect(staff.get("/time?week=2026-11-30").bodyText.contains("Approved"))
        let project = manager.get("/projects/\(f.project)").bodyText
        #expect(project.contains("<h2>Time</h2>") && project.contains("Approved") && project.contains("$180.00"))
    }

    /// A locked entry's edit page refuses up front with the reason saving would give, rather
    /// than showing a form that cannot be saved (found by the live new-user walk).
    @Test func aSubmittedOrInvoicedEntrysEditPageRefusesWithTheReason() throws {
        let f = try fixture()
        let staff = Browser(f.harness)
        #expect(staff.signIn("staff@a.example").status == 303)
        let fields = [("project_id", String(f.project)), ("service_id", String(f.service)), ("date", "2026-11-30"),
                      ("duration", "1:30"), ("billable", "1")]
        #expect(staff.post("/time", fields).status == 303)
        let id = try #require(try f.harness.app.database.pool.read { try Int64.fetchOne($0, sql: "SELECT id FROM time_entries") })
        #expect(staff.get("/time/\(id)/edit").status == 200)
        #expect(staff.post("/time/week/submit", [("week", "2026-11-30")]).status == 303)
        let submitted = staff.get("/time/\(id)/edit")
        #expect(submitted.status == 409 && submitted.bodyText.contains("A submitted entry cannot be changed."))
        #expect(!submitted.bodyText.contains("Save entry"))

        let owner = Browser(f.harness)
        #expect(owner.signIn("owner@a.example").status == 303)
        let staffId = try #require(try f.harness.app.database.pool.read { try IdentityQueries.user($0, email: "staff@a.example")?.id })
        #expect(owner.post("/approvals/approve", [("user", String(staffId)), ("week", "2026-11-30")]).status == 303)
        let approved = staff.get("/time/\(id)/edit")
        #expect(approved.status == 409 && approved.bodyText.contains("An approved entry cannot be changed."))
        #expect(owner.post("/projects/\(f.project)/invoice", [("grouping", "service")]).status == 303)
        for browser in [staff, owner] {
            let invoiced = browser.get("/time/\(id)/edit")
            #expect(invoiced.status == 409 && invoiced.bodyText.contains("This entry is invoiced and locked."))
            #expect(browser.post("/time/\(id)/edit", fields).status == 409)
        }
    }

    @Test func viewersReadOnly() throws {
        let f = try fixture()
        let viewer = Browser(f.harness)
        #expect(viewer.signIn("viewer@a.example").status == 303)
        let page = viewer.get("/time")
        #expect(page.status == 200 && !page.bodyText.contains("Add time") && !page.bodyText.contains("/timer/new"))
        #expect(viewer.post("/timer/start", [("project_id", String(f.project)), ("service_id", String(f.service))]).status == 403)
    }
}
