import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct RecurringPagesTests {
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

    static func fields(client: Int64, name: String = "Retainer", start: String = "2026-01-31", mode: String = "draft",
                       quantity: String = "1", intent: String = "save") -> [(String, String)] {
        [("name", name), ("client_id", String(client)), ("frequency", "monthly"), ("start_date", start), ("end_date", ""),
         ("mode", mode), ("payment_terms_days", "15"), ("discount_kind", "none"), ("intent", intent),
         ("line_description", "Retainer"), ("line_quantity", quantity), ("line_unit_price", "1,000.00"),
         ("line_tax_name", ""), ("line_tax_percent", "")]
    }

    @Test func createShowEditPauseResumeAndDeleteThroughThePages() throws {
        let (harness, browser, company, client) = try signedIn()
        let form = browser.get("/recurring/new")
        #expect(form.status == 200)
        #expect(form.bodyText.contains("Harbor &lt;Coffee&gt;") && form.bodyText.contains("name=\"line_description\""))
        #expect(browser.get("/").bodyText.contains("href=\"/recurring\""), "nav link")

        let created = browser.post("/recurring", Self.fields(client: client))
        #expect(created.status == 303, "\(created.status) \(created.bodyText.prefix(1500))")
        let id = try #require(Int64(created.location?.split(separator: "/").last ?? ""))
        let page = browser.get("/recurring/\(id)")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("2026-01-31") && page.bodyText.contains("No invoices issued yet."))

        // The job issues the due months; the page links to the invoices.
        _ = try harness.app.recurring.runDue(today: try #require(CalendarDate(parsing: "2026-02-28")))
        let issued = browser.get("/recurring/\(id)")
        let invoiceIds = try harness.app.database.pool.read { try Int64.fetchAll($0, sql: "SELECT invoice_id FROM recurring_runs") }
        #expect(invoiceIds.count == 2)
        #expect(invoiceIds.allSatisfy { issued.bodyText.contains("href=\"/invoices/\($0)\"") })
        #expect(issued.bodyText.contains("2026-03-31"), "next date")
        #expect(browser.get("/recurring").bodyText.contains("Retainer"))

        #expect(browser.get("/recurring/\(id)/edit").bodyText.contains("value=\"Retainer\""))
        #expect(browser.post("/recurring/\(id)/edit", Self.fields(client: client, name: "Big retainer")).status == 303)
        #expect(browser.post("/recurring/\(id)/pause").location == "/recurring/\(id)")
        #expect(browser.get("/recurring/\(id)").bodyText.contains("Paused"))
        #expect(browser.post("/recurring/\(id)/resume").location == "/recurring/\(id)")
        #expect(browser.post("/recurring/\(id)/delete").location == "/recurring")
        #expect(browser.get("/recurring/\(id)").status == 404)
        #expect(try harness.auditCount("recurring.deleted", company: company) == 1)
    }

    @Test func invalidInputIs422WithFieldMessagesAndAddLineWritesNothing() throws {
        let (harness, browser, company, client) = try signedIn()
        let bad = browser.post("/recurring", Self.fields(client: client, name: "", start: "someday", quantity: "lots"))
        #expect(bad.status == 422)
        #expect(bad.bodyText.contains("Name the template") && bad.bodyText.contains("Enter a date like 2026-12-01."))
        #expect(bad.bodyText.contains("line_1_quantity-error"))
        let addLine = browser.post("/recurring", Self.fields(client: client, intent: "add_line"))
        #expect(addLine.status == 200 && addLine.bodyText.components(separatedBy: "name=\"line_description\"").count == 3)
        #expect(try harness.auditCount("recurring.created", company: company) == 0)
    }

    @Test func staffCannotMakeATemplateThatSends() throws {
        let (_, browser, _, client) = try signedIn(.staff)
        #expect(!browser.get("/recurring/new").bodyText.contains("value=\"send\""))
        #expect(browser.post("/recurring", Self.fields(client: client, mode: "send")).status == 403)
        #expect(browser.post("/recurring", Self.fields(client: client)).status == 303)
    }

    @Test func reminderSettingsValidateTheScheduleAndAreForAdmins() throws {
        let (harness, browser, company, _) = try signedIn()
        #expect(browser.get("/settings/reminders").bodyText.contains("value=\"-3,0,7,14,30\""))
        let bad = browser.post("/settings/reminders", [("enabled", "1"), ("schedule", "-3, 7d"), ("late_fee_kind", "none"),
                                                       ("late_fee_mode", "draft")])
        #expect(bad.status == 422)
        #expect(bad.bodyText.contains("schedule-error") && bad.bodyText.contains("is not a whole number of days"))
        let good = browser.post("/settings/reminders", [("enabled", "1"), ("schedule", "0, 7,14"), ("late_fee_kind", "fixed"),
                                                        ("late_fee_value", "25"), ("late_fee_after_step", "14"), ("late_fee_mode", "draft")])
        #expect(good.location == "/settings/reminders")
        #expect(browser.get("/settings/reminders").bodyText.contains("value=\"0,7,14\""))
        #expect(try harness.auditCount("reminders.settings_updated", company: company) == 1)

        let manager = Browser(harness)
        try harness.member("manager@a.example", company: "A", role: .manager)
        #expect(manager.signIn("manager@a.example").status == 303)
        #expect(manager.get("/settings/reminders").status == 403)
    }

    @Test func theInvoicePageListsItsReminders() throws {
        let (harness, browser, company, client) = try signedIn()
        let actor = Actor.system(companyId: company)
        let draft = InvoiceDraft(clientId: String(client), issueDate: "2026-11-01", paymentTermsDays: "30",
                                 lines: [.init(description: "Work", quantity: "1", unitPrice: "100")])
        let id = try #require(try harness.app.invoices.create(draft, by: actor).id)
        _ = try harness.app.invoices.send(id, by: actor)
        #expect(!browser.get("/invoices/\(id)").bodyText.contains("<h2>Reminders</h2>"))
        try harness.app.reminders.updateSettings(ReminderSettingsDraft(enabled: true), by: actor)
        _ = try harness.app.reminders.runDue(today: try #require(CalendarDate(parsing: "2026-12-09")))
        let page = browser.get("/invoices/\(id)")
        #expect(page.bodyText.contains("<h2>Reminders</h2>"))
        #expect(page.bodyText.contains("Reminder sent: 7 day(s) after the due date."))
        #expect(page.bodyText.contains("Skipped (a later reminder was due): on the due date."))
    }
}
