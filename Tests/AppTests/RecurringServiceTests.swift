import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("RecurringService")
struct RecurringServiceTests {
    static func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(parsing: text)) }

    static func draft(client: Int64, frequency: String = "monthly", start: String = "2026-01-31", end: String = "",
                      mode: String = "draft") -> RecurringTemplateDraft {
        RecurringTemplateDraft(name: "Retainer", frequency: frequency, startDate: start, endDate: end, mode: mode,
                               invoice: InvoiceDraft(clientId: String(client), paymentTermsDays: "15", notes: "Monthly retainer",
                                                     lines: [.init(description: "Retainer", quantity: "1", unitPrice: "1,000.00",
                                                                   taxName: "Sales tax", taxPercent: "10")]))
    }

    func client(_ t: TestApp, _ actor: Actor, email: String = "ap@harbor.example") throws -> Int64 {
        try #require(try t.app.clients.create(ClientDraft(name: "Harbor Coffee", email: email), by: actor).id)
    }

    @Test func runningTwiceOnTheSameDayCreatesNothingTwice() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let template = try t.app.recurring.create(Self.draft(client: try client(t, actor)), by: actor)
            #expect(template.nextRunOn == "2026-01-31")
            let first = try t.app.recurring.runDue(today: try Self.date("2026-03-31"))
            #expect(first.created == 3 && first.failures.isEmpty)
            let second = try t.app.recurring.runDue(today: try Self.date("2026-03-31"))
            #expect(second.created == 0 && second.templates == 0)
            #expect(try t.count("invoices") == 3 && t.count("recurring_runs") == 3)
            // Month ends clamp: Jan 31, Feb 28, Mar 31 — each an invoice issued that day, a draft.
            let issued = try t.read { try String.fetchAll($0, sql: "SELECT issue_date FROM invoices ORDER BY issue_date") }
            #expect(issued == ["2026-01-31", "2026-02-28", "2026-03-31"])
            let statuses = try t.read { try String.fetchAll($0, sql: "SELECT DISTINCT status FROM invoices") }
            #expect(statuses == ["draft"])
            #expect(try t.auditEvents(action: "recurring.issued").count == 3)
            let detail = try t.app.recurring.get(try #require(template.id), for: actor)
            #expect(detail.runs.count == 3 && detail.template.nextRunOn == "2026-04-30")
            #expect(detail.upcoming.first?.description == "2026-04-30")
        }
    }

    @Test func catchingUpAfterMissedDaysCreatesEachOccurrenceOnceAndRespectsTheEnd() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let clientId = try client(t, actor)
            let weekly = try t.app.recurring.create(Self.draft(client: clientId, frequency: "weekly", start: "2026-06-01",
                                                               end: "2026-06-22"), by: actor)
            _ = try t.app.recurring.runDue(today: try Self.date("2026-06-09"))   // Jun 1 and 8
            #expect(try t.count("recurring_runs") == 2)
            _ = try t.app.recurring.runDue(today: try Self.date("2026-12-31"))   // Jun 15 and 22, then the end
            let dates = try t.read { try String.fetchAll($0, sql: "SELECT occurrence_date FROM recurring_runs ORDER BY 1") }
            #expect(dates == ["2026-06-01", "2026-06-08", "2026-06-15", "2026-06-22"])
            #expect(try t.app.recurring.get(try #require(weekly.id), for: actor).template.nextRunOn == nil)
            #expect(try t.app.recurring.runDue(today: try Self.date("2027-12-31")).created == 0)
        }
    }

    @Test func deletingAnIssuedDraftDoesNotBringItBack() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let template = try t.app.recurring.create(Self.draft(client: try client(t, actor), start: "2026-01-01"), by: actor)
            _ = try t.app.recurring.runDue(today: try Self.date("2026-01-01"))
            let invoiceId = try #require(try t.read { try Int64.fetchOne($0, sql: "SELECT invoice_id FROM recurring_runs") })
            try t.app.invoices.delete(invoiceId, by: actor)
            #expect(try t.app.recurring.runDue(today: try Self.date("2026-01-01")).created == 0)
            let runs = try t.app.recurring.get(try #require(template.id), for: actor).runs
            #expect(runs.count == 1 && runs[0].invoiceId == nil)
        }
    }

    @Test func sendModeNumbersAndEmailsEachInvoice() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            _ = try t.app.recurring.create(Self.draft(client: try client(t, actor), frequency: "quarterly", start: "2026-01-15",
                                                      mode: "send"), by: actor)
            let summary = try t.app.recurring.runDue(today: try Self.date("2026-07-15"))
            #expect(summary.created == 3 && summary.sent == 3)
            let numbers = try t.read { try String.fetchAll($0, sql: "SELECT number FROM invoices WHERE status = 'sent' ORDER BY id") }
            #expect(numbers == ["INV-202601-0001", "INV-202604-0002", "INV-202607-0003"])
            let mails = try t.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outbox_messages WHERE kind = 'invoice'") }
            #expect(mails == 3)
            #expect(try t.app.recurring.runDue(today: try Self.date("2026-07-15")).created == 0)
        }
    }

    @Test func pausedTemplatesIssueNothingAndResumeFromToday() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let template = try t.app.recurring.create(Self.draft(client: try client(t, actor), start: "2026-01-01"), by: actor)
            let id = try #require(template.id)
            _ = try t.app.recurring.pause(id, by: actor)
            #expect(try t.app.recurring.runDue(today: try Self.date("2026-06-01")).created == 0)
            // The test clock is 2027-01-15: resuming skips the paused months.
            let resumed = try t.app.recurring.resume(id, by: actor)
            #expect(resumed.nextRunOn == "2027-02-01")
        }
    }

    @Test func oneFailingTemplateDoesNotStopTheOthers() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let doomed = try client(t, actor)
            _ = try t.app.recurring.create(Self.draft(client: doomed, start: "2026-01-01"), by: actor)
            _ = try t.app.recurring.create(Self.draft(client: try client(t, actor, email: "b@b.example"), start: "2026-01-01"), by: actor)
            _ = try t.app.clients.delete(doomed, by: actor)
            let summary = try t.app.recurring.runDue(today: try Self.date("2026-01-01"))
            #expect(summary.created == 1 && summary.failures.count == 1)
        }
    }

    @Test func validationPermissionsAndTenancy() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let owner = companies.actor(.owner)
            let clientId = try client(t, owner)
            var bad = Self.draft(client: clientId, frequency: "daily", start: "2026-02-30", end: "x")
            bad.name = ""
            bad.invoice.lines = [.init(description: "X", quantity: "abc", unitPrice: "1")]
            guard case .invalid(let errors) = thrownError({ try t.app.recurring.create(bad, by: owner) }) as? AppError else {
                Issue.record("expected invalid"); return
            }
            #expect(errors["name"] != nil && errors["frequency"] != nil && errors["start_date"] != nil && errors["end_date"] != nil)
            #expect(errors["line_1_quantity"] != nil)
            // Staff edit invoices but do not send them: no automatic sending for staff.
            #expect(thrownError { try t.app.recurring.create(Self.draft(client: clientId, mode: "send"), by: companies.actor(.staff)) }
                    as? AppError == .forbidden)
            let id = try #require(try t.app.recurring.create(Self.draft(client: clientId), by: companies.actor(.staff)).id)
            let globex = companies.actor(.owner, in: companies.globex)
            #expect(thrownError { try t.app.recurring.get(id, for: globex) } as? AppError == .notFound)
            #expect(thrownError { try t.app.recurring.pause(id, by: globex) } as? AppError == .notFound)
            #expect(thrownError { try t.app.recurring.create(Self.draft(client: clientId), by: globex) } as? AppError == .notFound)
            try t.app.recurring.delete(id, by: owner)
            #expect(thrownError { try t.app.recurring.get(id, for: owner) } as? AppError == .notFound)
        }
    }
}
