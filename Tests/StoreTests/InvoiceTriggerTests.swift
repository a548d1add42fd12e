import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// The invoice rules the database enforces by itself (DESIGN.md §4), tried with raw SQL
/// past every service: a locked invoice, its lines, the accounting events and the number
/// sequences refuse to be rewritten.
@Suite("Invoice triggers")
struct InvoiceTriggerTests {
    /// A company, a client and an invoice with one line, in `status` (sent ones numbered).
    func seed(_ database: AppDatabase, status: InvoiceStatus = .sent) throws -> (company: Int64, invoice: Int64) {
        try database.pool.write { db in
            let company = try insertCompany(db, name: "Acme")
            let client = try insertClient(db, companyId: company, name: "Harbor")
            var invoice = InvoiceRecord(companyId: company, clientId: client.id ?? 0, currency: "USD", issueDate: "2026-11-30",
                                        dueDate: "2026-12-30", paymentTermsDays: 30, subtotalCents: 10_000, totalCents: 10_000,
                                        publicToken: String(repeating: "t", count: 43), createdAt: testEpoch, updatedAt: testEpoch)
            try InvoiceQueries.insert(db, &invoice)
            let id = try #require(invoice.id)
            try InvoiceQueries.replaceLines(db, invoiceId: id, with: [
                InvoiceLineRecord(invoiceId: id, position: 1, description: "Work", quantityThousandths: 1_000,
                                  unitPriceCents: 10_000, amountCents: 10_000),
            ])
            if status != .draft {
                invoice.status = .sent
                invoice.number = "INV-202611-0001"
                invoice.sentAt = testEpoch
                try InvoiceQueries.update(db, invoice)
            }
            return (company, id)
        }
    }

    @Test func aSentInvoiceRefusesContentChangesAndDeletion() throws {
        try withMigratedDatabase { database in
            let (_, id) = try seed(database)
            let locked = "invoice is locked"
            for assignment in ["total_cents = 1, subtotal_cents = 1", "client_id = client_id + 0, issue_date = '2026-12-01'",
                               "number = 'INV-202611-0099'", "notes = 'changed'", "due_date = '2027-01-30'",
                               "public_token = 'another-token-another-token-another-token'", "discount_kind = 'fixed'"] {
                expectRefused(database, containing: assignment.hasPrefix("client_id") ? locked : locked,
                              "UPDATE invoices SET \(assignment) WHERE id = ?", arguments: [id])
            }
            expectRefused(database, containing: "only draft invoices can be deleted", "DELETE FROM invoices WHERE id = ?", arguments: [id])
            expectRefused(database, containing: "its lines cannot change", "UPDATE invoice_lines SET unit_price_cents = 1")
            expectRefused(database, containing: "its lines cannot change", "DELETE FROM invoice_lines")
            expectRefused(database, containing: "its lines cannot change", """
                INSERT INTO invoice_lines (invoice_id, position, description, quantity_thousandths, unit_price_cents, amount_cents)
                VALUES (?, 2, 'Extra', 1000, 1, 1)
                """, arguments: [id])
            // What may change: forward status, amount paid, void date, updated_at.
            try database.pool.write { db in
                try db.execute(sql: "UPDATE invoices SET updated_at = ? WHERE id = ?", arguments: [testEpoch, id])
            }
            let lines = try database.pool.read { try InvoiceQueries.lines($0, invoiceId: id) }
            #expect(lines.map(\.unitPriceCents) == [10_000])
        }
    }

    @Test func statusOnlyMovesForwardAndFinalStatusesAreImmutable() throws {
        try withMigratedDatabase { database in
            let (_, id) = try seed(database)
            expectRefused(database, containing: "only moves forward", "UPDATE invoices SET status = 'draft' WHERE id = ?",
                          arguments: [id])
            try database.pool.write { db in
                try db.execute(sql: "UPDATE invoices SET status = 'void', voided_at = ? WHERE id = ?", arguments: [testEpoch, id])
            }
            expectRefused(database, containing: "immutable", "UPDATE invoices SET updated_at = ? WHERE id = ?", arguments: [testEpoch, id])
            expectRefused(database, containing: "only draft invoices can be deleted", "DELETE FROM invoices WHERE id = ?", arguments: [id])
        }
    }

    @Test func voidIsRefusedOnceMoneyIsApplied() throws {
        try withMigratedDatabase { database in
            let (_, id) = try seed(database)
            try database.pool.write { try $0.execute(sql: "UPDATE invoices SET amount_paid_cents = 500 WHERE id = ?", arguments: [id]) }
            expectRefused(database, containing: "only moves forward",
                          "UPDATE invoices SET status = 'void', voided_at = '2026-12-01 00:00:00.000' WHERE id = ?", arguments: [id])
        }
    }

    @Test func aDraftIsEditableAndDeletable() throws {
        try withMigratedDatabase { database in
            let (_, id) = try seed(database, status: .draft)
            try database.pool.write { db in
                try db.execute(sql: "UPDATE invoice_lines SET unit_price_cents = 20000, amount_cents = 20000 WHERE invoice_id = ?", arguments: [id])
                try db.execute(sql: "UPDATE invoices SET notes = 'ok', subtotal_cents = 20000, total_cents = 20000 WHERE id = ?", arguments: [id])
                try InvoiceQueries.deleteDraft(db, companyId: try #require(try InvoiceRecord.fetchOne(db, key: id)?.companyId), id: id)
            }
            #expect(try database.pool.read { try InvoiceRecord.fetchCount($0) } == 0)
        }
    }

    @Test func aClientOfAnotherCompanyIsRefused() throws {
        try withMigratedDatabase { database in
            let (company, _) = try seed(database, status: .draft)
            let foreignClient = try database.pool.write { db in
                try insertClient(db, companyId: try insertCompany(db, name: "Globex"), name: "Theirs").id ?? 0
            }
            expectRefused(database, containing: "must belong to the invoice's company", """
                INSERT INTO invoices (company_id, client_id, currency, issue_date, due_date, payment_terms_days, public_token, created_at, updated_at)
                VALUES (?, ?, 'USD', '2026-11-30', '2026-11-30', 0, ?, '2026-11-30 00:00:00', '2026-11-30 00:00:00')
                """, arguments: [company, foreignClient, String(repeating: "u", count: 43)])
        }
    }

    @Test func numbersAreGapFreePerCompanyAndNeverGoBack() throws {
        try withMigratedDatabase { database in
            let (a, b) = try database.pool.write { db in (try insertCompany(db, name: "A"), try insertCompany(db, name: "B")) }
            let numbers = try database.pool.write { db in
                [try DocumentSequences.allocate(db, companyId: a, kind: .invoice),
                 try DocumentSequences.allocate(db, companyId: a, kind: .invoice),
                 try DocumentSequences.allocate(db, companyId: b, kind: .invoice),
                 try DocumentSequences.allocate(db, companyId: a, kind: .estimate),
                 try DocumentSequences.allocate(db, companyId: a, kind: .invoice)]
            }
            #expect(numbers == [1, 2, 1, 1, 3])
            // A rolled-back transaction gives its number back: no gap.
            struct Rollback: Error {}
            _ = try? database.pool.write { db -> Void in
                _ = try DocumentSequences.allocate(db, companyId: a, kind: .invoice)
                throw Rollback()
            }
            #expect(try database.pool.write { try DocumentSequences.allocate($0, companyId: a, kind: .invoice) } == 4)
            expectRefused(database, containing: "only move forward", "UPDATE document_sequences SET next_value = 1")
            expectRefused(database, containing: "only move forward", "UPDATE document_sequences SET next_value = next_value + 2")
            expectRefused(database, containing: "never deleted", "DELETE FROM document_sequences")
        }
    }

    @Test func accountingEventsBalanceAndAreAppendOnly() throws {
        try withMigratedDatabase { database in
            let (company, id) = try seed(database)
            func insert(_ postings: String, amount: Int64) throws {
                try database.pool.write { db in
                    var event = AccountingEventRecord(companyId: company, kind: "invoice.sent", sourceType: "invoice", sourceId: id,
                                                      occurredOn: "2026-11-30", currency: "USD", amountCents: amount,
                                                      postings: postings, createdAt: testEpoch)
                    try AccountingEvents.append(db, &event)
                }
            }
            let unbalanced = #"[{"account":"1200","debit_cents":10800,"credit_cents":0},{"account":"4000","debit_cents":0,"credit_cents":10000}]"#
            #expect(throws: DatabaseError.self) { try insert(unbalanced, amount: 10_800) }
            let twoSided = #"[{"account":"1200","debit_cents":5,"credit_cents":5}]"#
            #expect(throws: DatabaseError.self) { try insert(twoSided, amount: 5) }
            let fractional = #"[{"account":"1200","debit_cents":1.5,"credit_cents":0},{"account":"4000","debit_cents":0,"credit_cents":1.5}]"#
            #expect(throws: DatabaseError.self) { try insert(fractional, amount: 1) }
            let badAccount = #"[{"account":"AR","debit_cents":1,"credit_cents":0},{"account":"4000","debit_cents":0,"credit_cents":1}]"#
            #expect(throws: DatabaseError.self) { try insert(badAccount, amount: 1) }
            let balanced = #"[{"account":"1200","debit_cents":10800,"credit_cents":0},{"account":"4000","debit_cents":0,"credit_cents":10000},{"account":"2200","debit_cents":0,"credit_cents":800}]"#
            #expect(throws: DatabaseError.self) { try insert(balanced, amount: 10_000) }
            try insert(balanced, amount: 10_800)
            #expect(throws: DatabaseError.self) { try insert(balanced, amount: 10_800) }  // one event per source and kind
            expectRefused(database, containing: "append-only", "UPDATE accounting_events SET amount_cents = 0")
            expectRefused(database, containing: "append-only", "DELETE FROM accounting_events")
            let stored = try database.pool.read { try AccountingEvents.forSource($0, companyId: company, sourceType: "invoice", sourceId: id) }
            #expect(stored.map(\.amountCents) == [10_800])
        }
    }

    @Test func storedPDFsAreImmutable() throws {
        try withMigratedDatabase { database in
            let (company, id) = try seed(database)
            try database.pool.write { db in
                try InvoiceQueries.insertDocument(db, InvoiceDocumentRecord(invoiceId: id, companyId: company, filename: "INV-202611-0001.pdf",
                                                                            sha256: String(repeating: "0", count: 64),
                                                                            data: Data("%PDF-1.3".utf8), createdAt: testEpoch))
            }
            expectRefused(database, containing: "immutable", "UPDATE invoice_documents SET data = x'00'")
            expectRefused(database, containing: "immutable", "DELETE FROM invoice_documents")
        }
    }
}
