import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// The invoice list pages by keyset (the neighbouring row's id) for Next/Previous, and
/// through the company's id indexes rather than by scanning and sorting.
@Suite("Invoice list cursor paging and query plans")
struct InvoicePagingTests {
    static func invoice(client: Int64, index: Int, status: String) -> BenchSeedQueries.Invoice {
        BenchSeedQueries.Invoice(
            clientId: client, number: status == "draft" ? nil : "INV-202611-\(String(1000 + index))", status: status,
            currency: "USD", issueDate: "2026-11-01", dueDate: "2026-12-01", paymentTermsDays: 30, subtotalCents: 1_000,
            taxCents: 100, totalCents: 1_100, amountPaidCents: status == "paid" ? 1_100 : 0,
            publicToken: String(repeating: "t", count: 32) + String(index) + "-\(client)",
            sentAt: status == "draft" ? nil : testEpoch, voidedAt: status == "void" ? testEpoch : nil,
            lines: [.init(description: "Work", quantityThousandths: 1_000, unitPriceCents: 1_000, taxName: "VAT",
                          taxMilliPercent: 10_000, amountCents: 1_000)])
    }

    /// Two companies, 23 invoices of A (mixed statuses, two clients) and some of B interleaved.
    func seed(_ db: Database) throws -> (a: Int64, b: Int64, clients: [Int64], foreignInvoice: Int64) {
        let a = try insertCompany(db, name: "A")
        let b = try insertCompany(db, name: "B")
        let clients = [try #require(try insertClient(db, companyId: a, name: "Ann").id),
                       try #require(try insertClient(db, companyId: a, name: "Bob").id)]
        let foreignClient = try #require(try insertClient(db, companyId: b, name: "Zed").id)
        var foreign: Int64 = 0
        for index in 0..<23 {
            try BenchSeedQueries.insertInvoice(db, companyId: a, Self.invoice(client: clients[index % 2], index: index,
                                                                              status: ["sent", "draft", "paid", "sent", "void"][index % 5]),
                                               now: testEpoch)
            if index % 4 == 0 {
                foreign = try BenchSeedQueries.insertInvoice(db, companyId: b, Self.invoice(client: foreignClient, index: index, status: "sent"),
                                                             now: testEpoch)
            }
        }
        return (a, b, clients, foreign)
    }

    @Test(arguments: [InvoiceListFilter(), InvoiceListFilter(status: .sent), InvoiceListFilter(clientId: 1),
                      InvoiceListFilter(search: "Bob")])
    func nextAndPreviousLinksWalkTheSamePagesAsPageNumbers(_ filter: InvoiceListFilter) throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let seeded = try seed(db)
                let size = 3
                let first = try InvoiceQueries.page(db, companyId: seeded.a, filter: filter, page: PageRequest(number: 1, size: size))
                let pages = first.pageCount
                #expect(pages >= 2)
                let byNumber = try (1...pages).map {
                    try InvoiceQueries.page(db, companyId: seeded.a, filter: filter, page: PageRequest(number: $0, size: size)).items.map(\.id)
                }
                // Newest first, every row once, only this company's and the filter's rows.
                let all = byNumber.flatMap { $0 }
                #expect(all == all.sorted(by: >))
                #expect(all.count == first.totalCount)
                var walked = [byNumber[0]]
                for number in 2...pages {
                    let last = try #require(walked.last?.last)
                    let page = try InvoiceQueries.page(db, companyId: seeded.a, filter: filter,
                                                       page: PageRequest(number: number, size: size, cursor: .after(last)))
                    walked.append(page.items.map(\.id))
                }
                #expect(walked == byNumber)
                for number in (1..<pages).reversed() {
                    let firstId = try #require(byNumber[number].first)
                    let page = try InvoiceQueries.page(db, companyId: seeded.a, filter: filter,
                                                       page: PageRequest(number: max(number, 2), size: size, cursor: .before(firstId)))
                    #expect(page.items.map(\.id) == byNumber[number - 1], "previous of page \(number + 1)")
                }
                // Another company's rows never show, whatever the cursor.
                let foreignIds = try Int64.fetchAll(db, sql: "SELECT id FROM invoices WHERE company_id = ?", arguments: [seeded.b])
                let crossing = try InvoiceQueries.page(db, companyId: seeded.a, filter: filter,
                                                       page: PageRequest(number: 2, size: size, cursor: .after(seeded.foreignInvoice)))
                #expect(Set(crossing.items.map(\.id)).isDisjoint(with: foreignIds))
                // A cursor past the end finds nothing: the page number decides.
                let stale = try InvoiceQueries.page(db, companyId: seeded.a, filter: filter,
                                                    page: PageRequest(number: 2, size: size, cursor: .after(1)))
                #expect(stale.items.map(\.id) == byNumber[1])
            }
        }
    }

    @Test func theStatusFilterAndTheCountAgree() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let seeded = try seed(db)
                let sent = try InvoiceQueries.page(db, companyId: seeded.a, filter: InvoiceListFilter(status: .sent),
                                                   page: PageRequest(number: 1, size: 50))
                #expect(sent.items.allSatisfy { $0.status == .sent })
                #expect(sent.totalCount == 9)
                #expect(sent.items.count == 9)
                let byClient = try InvoiceQueries.page(db, companyId: seeded.a, filter: InvoiceListFilter(clientId: seeded.clients[1]),
                                                       page: PageRequest(number: 1, size: 50))
                #expect(byClient.totalCount == 11)
                #expect(byClient.items.allSatisfy { $0.clientName == "Bob" })
            }
        }
    }

    @Test func storedCountsFollowInsertsStatusChangesAndDeletes() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let seeded = try seed(db)
                func check() throws {
                    for company in [seeded.a, seeded.b, 999] {
                        for status in [nil] + InvoiceStatus.allCases.map(Optional.some) {
                            let real = try Int.fetchOne(db, sql: "SELECT count(*) FROM invoices WHERE company_id = ? AND (? IS NULL OR status = ?)",
                                                        arguments: [company, status?.rawValue, status?.rawValue]) ?? -1
                            let page = try InvoiceQueries.page(db, companyId: company, filter: InvoiceListFilter(status: status),
                                                               page: PageRequest(number: 1))
                            #expect(page.totalCount == real, "company \(company) \(String(describing: status))")
                        }
                    }
                }
                try check()
                // Send a draft, pay a sent one, void another, delete a draft.
                let drafts = try Int64.fetchAll(db, sql: "SELECT id FROM invoices WHERE company_id = ? AND status = 'draft' ORDER BY id",
                                                arguments: [seeded.a])
                let sent = try Int64.fetchAll(db, sql: "SELECT id FROM invoices WHERE company_id = ? AND status = 'sent' ORDER BY id",
                                              arguments: [seeded.a])
                try db.execute(sql: "UPDATE invoices SET status = 'sent', number = 'INV-202611-9999', sent_at = ? WHERE id = ?",
                               arguments: [testEpoch, drafts[0]])
                try db.execute(sql: "UPDATE invoices SET status = 'paid', amount_paid_cents = total_cents WHERE id = ?", arguments: [sent[0]])
                try db.execute(sql: "UPDATE invoices SET status = 'void', voided_at = ? WHERE id = ?", arguments: [testEpoch, sent[1]])
                try InvoiceQueries.deleteDraft(db, companyId: seeded.a, id: drafts[1])
                try db.execute(sql: "UPDATE invoices SET notes = 'x' WHERE id = ?", arguments: [drafts[2]])
                try check()
            }
        }
    }

    /// Every statement the list runs, with SQLite's plan: the page and the count read an
    /// index of the company's invoices by id (no temp b-tree for the order, no table scan).
    @Test(arguments: [
        (InvoiceListFilter(), "invoices_by_company"),
        (InvoiceListFilter(status: .sent), "invoices_by_status"),
        (InvoiceListFilter(clientId: 1), "invoices_by_client"),
    ])
    func pagesUseTheIdIndexes(_ filter: InvoiceListFilter, _ index: String) throws {
        for page in [PageRequest(number: 1, size: 5), PageRequest(number: 2, size: 5, cursor: .after(15)),
                     PageRequest(number: 2, size: 5, cursor: .before(5)), PageRequest(number: 3, size: 5)] {
            let plans: [(sql: String, details: [String])] = try withMigratedDatabase { database in
                try database.pool.write { db in
                    _ = try seed(db)
                    var statements: [String] = []
                    db.trace(options: .statement) { event in
                        if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
                    }
                    _ = try InvoiceQueries.page(db, companyId: 1, filter: filter, page: page)
                    db.trace(options: [])
                    return try statements.map { sql in
                        (sql, try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] ?? "" })
                    }
                }
            }
            #expect(plans.count >= 2, "a count and a page: \(plans.map(\.sql))")
            for plan in plans {
                // The count may read any of the company's covering indexes; the page reads the filter's.
                // Without a client filter the total is one row (or a company's rows) of invoice_counts.
                let wanted = plan.sql.contains("invoice_counts") ? "invoice_counts USING PRIMARY KEY"
                    : plan.sql.contains("count(*)") ? "INDEX invoices_by_" : "INDEX \(index)"
                #expect(plan.details.contains { $0.contains(wanted) }, "\(page): \(plan.sql) → \(plan.details)")
                #expect(!plan.details.contains { $0.contains("TEMP B-TREE") }, "\(page): \(plan.sql) → \(plan.details)")
                #expect(!plan.details.contains { $0.hasPrefix("SCAN") }, "\(page): \(plan.sql) → \(plan.details)")
                #expect(!plan.details.contains { $0.hasPrefix("SCAN invoices") && !$0.contains("INDEX") }, "\(plan.sql) → \(plan.details)")
            }
        }
    }
}
