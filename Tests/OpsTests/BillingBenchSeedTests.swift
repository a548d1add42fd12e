import App
import Domain
import Foundation
import GRDB
import Ops
import Store
import Testing

/// The bench seeder writes past the use cases; the schema and these checks are what keep
/// its data honest.
@Suite struct BillingBenchSeedTests {
    @Test func seedsValidBillingDataAtASmallCount() throws {
        let directory = NSTemporaryDirectory() + "ez360-bench-seed-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/ez360.sqlite")
        try database.migrate()
        let config = AppConfig(environment: .test, dataDirectory: directory, passwordHasher: PasswordHasher(logN: 10))
        let app = EZ360App(database: database, config: config)
        _ = try app.identity.createUser(email: "owner@bench.example.com", password: "a long bench password", companyName: "Bench",
                                        role: .owner, displayName: "Owner")
        let companyId = try #require(try app.identity.companies().first?.id)

        let counts = BillingBenchSeed.Counts(clients: 30, invoices: 60, timeEntries: 400, projectEntries: 150)
        let result = try BillingBenchSeed(app: app, companyId: companyId).run(counts)
        #expect(result.invoices == 60)

        try database.pool.read { db in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE company_id = ?", arguments: [companyId]) == 30)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM invoices WHERE company_id = ?", arguments: [companyId]) == 60)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM invoice_lines") == 60 * BillingBenchSeed.linesPerInvoice)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM time_entries WHERE company_id = ?", arguments: [companyId]) == 400)
            // Every status, issued ones numbered in a gap-free sequence the next send continues.
            let statuses = try String.fetchAll(db, sql: "SELECT DISTINCT status FROM invoices ORDER BY 1")
            #expect(statuses == ["draft", "paid", "sent", "void"])
            let issued = try Int.fetchOne(db, sql: "SELECT count(*) FROM invoices WHERE number IS NOT NULL") ?? 0
            #expect(try DocumentSequences.peek(db, companyId: companyId, kind: .invoice) == issued + 1)
            // Totals: the subtotal is the sum of the lines, each line quantity × price, and
            // total = subtotal − discount + tax (also a CHECK); paid ones are paid in full.
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM invoices WHERE subtotal_cents <> (SELECT sum(amount_cents) FROM invoice_lines WHERE invoice_id = invoices.id)
                   OR total_cents <> subtotal_cents - discount_cents + tax_cents
                   OR (status = 'paid') <> (amount_paid_cents = total_cents AND amount_paid_cents > 0)
                """) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM invoice_lines WHERE amount_cents * 1000 <> quantity_thousandths * unit_price_cents") == 0)
            // The big project: exactly its share of approved, billable, unbilled time.
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM time_entries WHERE project_id = ? AND invoice_line_id IS NULL AND status = 'approved' AND billable = 1
                """, arguments: [result.bigProjectId]) == 150)
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM time_entries WHERE status <> 'approved' OR billable <> 1 OR rate_cents <= 0 OR approved_at IS NULL
                """) == 0)
        }
        // The app reads it back: the detail's totals recomputed from the lines match the stored ones.
        let actor = Actor.system(companyId: companyId)
        let list = try app.invoices.list(for: actor, filter: InvoiceListFilter(status: .sent), page: PageRequest(number: 1))
        let sent = try #require(list.items.first)
        let detail = try app.invoices.get(sent.id, for: actor)
        #expect(detail.lines.count == BillingBenchSeed.linesPerInvoice)
        #expect(detail.totals?.total.cents == detail.invoice.totalCents)
        #expect(detail.totals?.taxTotal.cents == detail.invoice.taxCents)
        // No stored PDF: the PDF is rendered on the fly, as the bench measures it.
        let measured = try InvoicePDFBench.measure(app, companyId: companyId, invoiceId: sent.id, iterations: 1)
        #expect(measured.lines == 5)
        #expect(measured.meanMilliseconds > 0)
        // A second run into the same company is refused (its sequence could not restart).
        #expect(throws: AppError.self) { try BillingBenchSeed(app: app, companyId: companyId).run(counts) }
    }
}
