import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// The idempotency keys of the recurring and reminder jobs, held by the database itself:
/// one run per (template, occurrence date), one log row per (invoice, step), one late fee
/// per invoice; and a template's client must be its company's.
@Suite("Recurring and reminder constraints")
struct RecurringConstraintTests {
    private func refused(_ database: AppDatabase, _ body: (Database) throws -> Void) -> Bool {
        do {
            try database.pool.write(body)
            return false
        } catch is DatabaseError {
            return true
        } catch {
            return false
        }
    }

    @Test func uniquenessKeys() throws {
        try withMigratedDatabase { database in
            let (company, template, invoice) = try database.pool.write { db -> (Int64, Int64, Int64) in
                let company = try insertCompany(db, name: "Acme")
                let client = try insertClient(db, companyId: company, name: "Harbor")
                var template = RecurringTemplateRecord(companyId: company, clientId: client.id ?? 0, name: "Retainer",
                                                       frequency: .monthly, startDate: "2026-01-31", nextRunOn: "2026-01-31",
                                                       mode: .draft, paymentTermsDays: 30, createdAt: testEpoch, updatedAt: testEpoch)
                try RecurringQueries.insert(db, &template)
                var invoice = InvoiceRecord(companyId: company, clientId: client.id ?? 0, currency: "USD", issueDate: "2026-01-31",
                                            dueDate: "2026-03-02", paymentTermsDays: 30,
                                            publicToken: String(repeating: "t", count: 43), createdAt: testEpoch, updatedAt: testEpoch)
                try InvoiceQueries.insert(db, &invoice)
                return (company, template.id ?? 0, invoice.id ?? 0)
            }
            func run(_ date: String) -> (Database) throws -> Void {
                { db in
                    var run = RecurringRunRecord(companyId: company, templateId: template, occurrenceDate: date, invoiceId: invoice,
                                                 createdAt: testEpoch)
                    try RecurringQueries.insertRun(db, &run)
                }
            }
            #expect(!refused(database, run("2026-01-31")))
            #expect(refused(database, run("2026-01-31")), "the same occurrence twice")
            #expect(!refused(database, run("2026-02-28")))

            func log(_ step: Int, _ status: ReminderLogRecord.Status) -> (Database) throws -> Void {
                { db in
                    var entry = ReminderLogRecord(companyId: company, invoiceId: invoice, step: step, status: status, sentAt: testEpoch)
                    try ReminderQueries.insertLog(db, &entry)
                }
            }
            #expect(!refused(database, log(7, .skipped)))
            #expect(refused(database, log(7, .sent)), "the same step twice")
            #expect(refused(database, { try $0.execute(sql: "UPDATE reminder_log SET status = 'sent'") }), "append-only")

            let fee = { (db: Database) in
                try ReminderQueries.insertLateFee(db, LateFeeRecord(invoiceId: invoice, companyId: company, feeInvoiceId: nil, step: 14,
                                                                    amountCents: 2_500, createdAt: testEpoch))
            }
            #expect(!refused(database, fee))
            #expect(refused(database, fee), "one late fee per invoice")

            // A template's client must be its company's.
            #expect(refused(database) { db in
                let other = try insertCompany(db, name: "Globex")
                try db.execute(sql: "UPDATE recurring_templates SET company_id = ? WHERE id = ?", arguments: [other, template])
            })
        }
    }
}
