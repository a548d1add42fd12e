import Foundation
import Testing

/// Issue 4, point 3, through nginx and ez360-fcgi: start a timer, see it in the navigation on
/// another page, stop it into a draft entry on /time, submit the week, approve it as a
/// manager, then invoice it from the project page. Every HTML answer passes `tidy -errors`
/// (the Browser checks it).
@Suite(.serialized)
struct TimeLiveTests {
    let stack: Stack

    init() throws {
        stack = try Stack.get()
    }

    @Test("Timer in the navigation, stop into a draft, submit the week, a manager approves it")
    func timerToApproval() throws {
        let owner = Stack.timeUsers[0].user, manager = Stack.timeUsers[1].user, staff = Stack.timeUsers[2].user
        let tag = String(UUID().uuidString.lowercased().prefix(8))

        // The owner sets up a service and a project.
        let o = stack.browser(owner.email)
        #expect(try o.signIn(owner).status == 303)
        var token = try o.formToken("/catalog/new")
        #expect(try o.post("/catalog", [("_csrf", token), ("kind", "service"), ("name", "Design \(tag)"), ("unit", "hour"),
                                        ("unit_price", "100")]).status == 303)
        let clientId = try o.createClient([("name", "Time Client \(tag)")])
        token = try o.formToken("/projects/new?client=\(clientId)")
        let project = try o.post("/projects", [("_csrf", token), ("client_id", String(clientId)), ("name", "Timed \(tag)"),
                                               ("billing_type", "hourly"), ("hourly_rate", "150"), ("budget_hours", "10"),
                                               ("status", "active")])
        let projectPath = try #require(project.location)

        // Staff start the timer from /timer/new and see it on another page.
        let s = stack.browser(staff.email)
        #expect(try s.signIn(staff).status == 303)
        let form = try s.get("/timer/new")
        #expect(form.status == 200)
        token = try #require(Scrape.csrfToken(form.text))
        let projectId = try #require(Scrape.firstCapture("<option value=\"([0-9]+)\">Timed \(tag)", in: form.text))
        let serviceId = try #require(Scrape.firstCapture("<option value=\"([0-9]+)\">Design \(tag)", in: form.text))
        let started = try s.post("/timer/start", [("_csrf", token), ("project_id", projectId), ("service_id", serviceId)])
        #expect(started.status == 303)
        let elsewhere = try s.get("/clients")
        #expect(elsewhere.status == 200 && elsewhere.text.contains("data-started-at=") && elsewhere.text.contains("Timed \(tag)"))

        // Stop → a draft entry on /time.
        token = try #require(Scrape.csrfToken(elsewhere.text))
        let stopped = try s.post("/timer/stop", [("_csrf", token)])
        #expect(stopped.status == 303)
        let weekPath = try #require(stopped.location)
        let week = try s.get(weekPath)
        #expect(week.status == 200 && week.text.contains("Draft") && week.text.contains("Timed \(tag)"))
        #expect(!week.text.contains("data-started-at="))

        // Submit the week.
        let weekStart = try #require(Scrape.firstCapture("name=\"week\" value=\"([0-9-]+)\"", in: week.text))
        token = try #require(Scrape.csrfToken(week.text))
        #expect(try s.post("/time/week/submit", [("_csrf", token), ("week", weekStart)]).status == 303)
        #expect(try s.get(weekPath).text.contains("Submitted"))

        // The manager approves it.
        let m = stack.browser(manager.email)
        #expect(try m.signIn(manager).status == 303)
        let approvals = try m.get("/approvals")
        #expect(approvals.status == 200 && approvals.text.contains(weekStart))
        let userId = try #require(Scrape.firstCapture("name=\"user\" value=\"([0-9]+)\"", in: approvals.text))
        token = try #require(Scrape.csrfToken(approvals.text))
        #expect(try m.post("/approvals/approve", [("_csrf", token), ("user", userId), ("week", weekStart)]).status == 303)
        #expect(try s.get(weekPath).text.contains("Approved"))
        #expect(try o.get(projectPath).text.contains("<h2>Time</h2>"))
        // Staff cannot reach approvals.
        #expect(try s.get("/approvals").status == 403)

        // The owner invoices the approved time from the project page: one draft, one line per
        // entry; the edit form (tax select, catalog picker) passes tidy; a second submit makes none.
        let projectPage = try o.get(projectPath)
        #expect(projectPage.text.contains("Invoice unbilled work"))
        token = try #require(Scrape.csrfToken(projectPage.text))
        let invoiced = try o.post(projectPath + "/invoice", [("_csrf", token), ("grouping", "entry"), ("include_expenses", "1")])
        #expect(invoiced.status == 303)
        let invoicePath = try #require(invoiced.location)
        #expect(invoicePath.hasPrefix("/invoices/"))
        let invoice = try o.get(invoicePath)
        #expect(invoice.status == 200 && invoice.text.contains("Design \(tag)") && invoice.text.contains("Draft invoice"))
        let edit = try o.get(invoicePath + "/edit")
        #expect(edit.status == 200 && edit.text.contains("name=\"line_tax\"") && edit.text.contains("Add from catalog"))
        token = try #require(Scrape.csrfToken(edit.text))
        let again = try o.post(projectPath + "/invoice", [("_csrf", token), ("grouping", "entry")])
        #expect(again.status == 303 && again.location == projectPath)
        #expect(try o.get(projectPath).text.contains("Nothing to invoice"))
    }
}
