import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("ReminderService")
struct ReminderServiceTests {
    static func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(parsing: text)) }

    /// A sent invoice issued 2026-11-01, due 2026-12-01 (net 30), total 110.00.
    func sentInvoice(_ t: TestApp, _ actor: Actor, email: String = "ap@harbor.example") throws -> InvoiceRecord {
        let clientId = try #require(try t.app.clients.create(ClientDraft(name: "Harbor Coffee", email: email), by: actor).id)
        let draft = InvoiceDraft(clientId: String(clientId), issueDate: "2026-11-01", paymentTermsDays: "30",
                                 lines: [.init(description: "Work", quantity: "1", unitPrice: "100.00", taxName: "Tax", taxPercent: "10")])
        let id = try #require(try t.app.invoices.create(draft, by: actor).id)
        return try t.app.invoices.send(id, by: actor).invoice
    }

    func enable(_ t: TestApp, _ actor: Actor, lateFee: (kind: String, value: String, step: String, mode: String)? = nil) throws {
        try t.app.reminders.updateSettings(ReminderSettingsDraft(enabled: true, schedule: "-3,0,7,14,30",
                                                                 lateFeeKind: lateFee?.kind ?? "none", lateFeeValue: lateFee?.value ?? "",
                                                                 lateFeeAfterStep: lateFee?.step ?? "", lateFeeMode: lateFee?.mode ?? "draft"),
                                           by: actor)
    }

    func reminderMails(_ t: TestApp) throws -> Int {
        try t.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outbox_messages WHERE kind = 'reminder'") ?? 0 }
    }

    @Test func neverTwiceForTheSameStepAndSkippedStepsAreRecorded() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let invoice = try sentInvoice(t, actor)
            let id = try #require(invoice.id)
            // Off: nothing.
            #expect(try t.app.reminders.runDue(today: try Self.date("2026-11-28")).sent == 0)
            try enable(t, actor)
            #expect(try t.app.reminders.runDue(today: try Self.date("2026-11-27")).sent == 0)   // 4 days before
            #expect(try t.app.reminders.runDue(today: try Self.date("2026-11-28")).sent == 1)   // step -3
            #expect(try t.app.reminders.runDue(today: try Self.date("2026-11-28")).sent == 0)   // again: nothing
            #expect(try t.app.reminders.runDue(today: try Self.date("2026-11-30")).sent == 0)
            // The job was down for two weeks: only step 14 goes, 0 and 7 are skipped.
            let late = try t.app.reminders.runDue(today: try Self.date("2026-12-16"))
            #expect(late.sent == 1 && late.skipped == 2)
            let log = try t.app.reminders.log(id, for: actor)
            #expect(log.map(\.step) == [-3, 0, 7, 14])
            #expect(log.map(\.status) == [.sent, .skipped, .skipped, .sent])
            #expect(log.filter { $0.status == .sent }.allSatisfy { $0.outboxMessageId != nil })
            #expect(try reminderMails(t) == 2)
            #expect(try t.app.reminders.runDue(today: try Self.date("2026-12-20")).sent == 0)
            // The message links to the invoice.
            let body = try t.read { try String.fetchOne($0, sql: "SELECT text_body FROM outbox_messages WHERE kind = 'reminder' ORDER BY id DESC") }
            #expect(body?.contains("/i/" + invoice.publicToken) == true)
            #expect(body?.contains("15 day(s) overdue") == true)
            // Another company's invoice log is not found.
            #expect(thrownError { try t.app.reminders.log(id, for: companies.actor(.owner, in: companies.globex)) } as? AppError == .notFound)
        }
    }

    @Test func voidInvoicesAndClientsWithoutEmailGetNothing() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            try enable(t, actor)
            let voided = try sentInvoice(t, actor)
            _ = try t.app.invoices.void(try #require(voided.id), by: actor)
            _ = try sentInvoice(t, actor, email: "")
            let summary = try t.app.reminders.runDue(today: try Self.date("2026-12-31"))
            #expect(summary.sent == 0 && summary.invoices == 0)
            #expect(try t.count("reminder_log") == 0)
        }
    }

    @Test func lateFeeIsANewInvoiceOnceAndTheSentOneIsUntouched() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let invoice = try sentInvoice(t, actor)
            let id = try #require(invoice.id)
            try enable(t, actor, lateFee: ("percentage", "1.5", "14", "draft"))
            #expect(try t.app.reminders.runDue(today: try Self.date("2026-12-08")).lateFees == 0)   // step 7: no fee yet
            let due = try t.app.reminders.runDue(today: try Self.date("2026-12-15"))
            #expect(due.lateFees == 1)
            #expect(try t.app.reminders.runDue(today: try Self.date("2026-12-31")).lateFees == 0)
            #expect(try t.count("invoices") == 2)
            let fee = try t.read { try InvoiceRecord.fetchOne($0, sql: "SELECT * FROM invoices WHERE id <> ?", arguments: [id]) }
            #expect(fee?.status == .draft && fee?.totalCents == 165)   // 1.5% of 110.00
            let feeLines = try t.read { try InvoiceQueries.lines($0, invoiceId: fee?.id ?? 0) }
            #expect(feeLines.map(\.description) == ["Late fee on \(invoice.number ?? "")"])
            let after = try t.app.invoices.get(id, for: actor).invoice
            #expect(after.updatedAt == invoice.updatedAt && after.totalCents == invoice.totalCents && after.status == .sent)
        }
    }

    @Test func settingsValidation() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let owner = companies.actor(.owner)
            let bad = ReminderSettingsDraft(enabled: true, schedule: "-3,7d", lateFeeKind: "fixed", lateFeeValue: "abc", lateFeeAfterStep: "5")
            guard case .invalid(let errors) = thrownError({ try t.app.reminders.updateSettings(bad, by: owner) }) as? AppError else {
                Issue.record("expected invalid"); return
            }
            #expect(errors["schedule"] == "\"7d\" is not a whole number of days; enter days like -3,0,7,14,30.")
            #expect(errors["late_fee_value"] != nil)
            let offStep = ReminderSettingsDraft(enabled: true, schedule: "0,7", lateFeeKind: "fixed", lateFeeValue: "25", lateFeeAfterStep: "5")
            guard case .invalid(let stepErrors) = thrownError({ try t.app.reminders.updateSettings(offStep, by: owner) }) as? AppError else {
                Issue.record("expected invalid"); return
            }
            #expect(stepErrors["late_fee_after_step"] != nil)
            #expect(thrownError { try t.app.reminders.settings(for: companies.actor(.manager)) } as? AppError == .forbidden)
            try t.app.reminders.updateSettings(ReminderSettingsDraft(enabled: true, schedule: " 7, -3 ,0", lateFeeKind: "fixed",
                                                                     lateFeeValue: "25", lateFeeAfterStep: "7"), by: owner)
            let saved = try t.app.reminders.settings(for: owner)
            #expect(saved.schedule == "-3,0,7" && saved.lateFeeValue == "25.00" && saved.enabled)
        }
    }
}
