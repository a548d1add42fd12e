import Domain
import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Expenses table: triggers, scoping, plans")
struct ExpenseQueriesTests {
    static let hex = String(repeating: "ab", count: 16)

    struct Fixture {
        let acme: Int64
        let globex: Int64
        let client: Int64
        let otherClient: Int64
        let project: Int64
        let foreignClient: Int64
        let foreignProject: Int64
    }

    func project(_ db: Database, company: Int64, client: Int64, name: String) throws -> Int64 {
        var project = ProjectRecord(companyId: company, clientId: client, name: name, billingType: .hourly, hourlyRateCents: 10_000,
                                    createdAt: testEpoch, updatedAt: testEpoch)
        try ProjectQueries.insert(db, &project)
        return try #require(project.id)
    }

    func fixture(_ db: Database) throws -> Fixture {
        let acme = try insertCompany(db, name: "Acme")
        let globex = try insertCompany(db, name: "Globex")
        let client = try #require(try insertClient(db, companyId: acme, name: "Harbor").id)
        let otherClient = try #require(try insertClient(db, companyId: acme, name: "Other").id)
        let foreignClient = try #require(try insertClient(db, companyId: globex, name: "Foreign").id)
        return Fixture(acme: acme, globex: globex, client: client, otherClient: otherClient,
                       project: try project(db, company: acme, client: client, name: "Site"), foreignClient: foreignClient,
                       foreignProject: try project(db, company: globex, client: foreignClient, name: "Foreign site"))
    }

    @discardableResult
    func expense(_ db: Database, _ f: Fixture, company: Int64? = nil, spentOn: String = "2026-11-01", vendor: String = "Hotel",
                 amount: Int64 = 10_000, client: Int64? = nil, project: Int64? = nil, billable: Bool = false,
                 markup: Int = 0, receiptKey: String? = nil, deleted: Bool = false) throws -> ExpenseRecord {
        var record = ExpenseRecord(companyId: company ?? f.acme, spentOn: spentOn, vendor: vendor, amountCents: amount, currency: "USD",
                                   clientId: client, projectId: project, billable: billable, markupMilliPercent: markup,
                                   createdAt: testEpoch, updatedAt: testEpoch, deletedAt: deleted ? testEpoch : nil)
        if let receiptKey {
            record.receiptKey = receiptKey
            record.receiptFilename = "r.pdf"
            record.receiptContentType = "application/pdf"
            record.receiptSize = 10
            record.receiptSha256 = String(repeating: "0", count: 64)
        }
        try ExpenseQueries.insert(db, &record)
        return record
    }

    func refused(_ db: Database, _ sql: String, _ arguments: StatementArguments = []) -> String? {
        do {
            try db.execute(sql: sql, arguments: arguments)
            return nil
        } catch let error as DatabaseError {
            return error.message ?? "refused"
        } catch {
            return "\(error)"
        }
    }

    @Test func anInvoicedExpenseRefusesRawUpdatesAndDeletesButReleaseAloneIsAllowed() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let f = try fixture(db)
                let billable = try expense(db, f, client: f.client, project: f.project, billable: true, markup: 10_000)
                let id = try #require(billable.id)
                #expect(try ExpenseQueries.markInvoiced(db, companyId: f.acme, id: id, invoiceLineId: 77, at: testEpoch))
                // Already invoiced: not again.
                #expect(try !ExpenseQueries.markInvoiced(db, companyId: f.acme, id: id, invoiceLineId: 78, at: testEpoch))
                for sql in ["UPDATE expenses SET amount_cents = 1 WHERE id = ?",
                            "UPDATE expenses SET vendor = 'Changed' WHERE id = ?",
                            "UPDATE expenses SET deleted_at = '2026-01-01 00:00:00.000' WHERE id = ?",
                            "UPDATE expenses SET invoice_line_id = 99 WHERE id = ?",
                            "UPDATE expenses SET invoice_line_id = NULL, amount_cents = 5 WHERE id = ?",
                            "UPDATE expenses SET updated_at = '2030-01-01 00:00:00.000' WHERE id = ?",
                            "DELETE FROM expenses WHERE id = ?"] {
                    let message = refused(db, sql, [id])
                    #expect(message?.contains("invoiced") == true, "\(sql) → \(message ?? "accepted")")
                }
                let stored = try #require(try ExpenseQueries.find(db, companyId: f.acme, id: id))
                #expect(stored.amountCents == 10_000 && stored.invoiceLineId == 77 && stored.vendor == "Hotel")
                // Releasing the link alone (a draft line removed) unlocks it.
                #expect(try !ExpenseQueries.releaseInvoiced(db, companyId: f.acme, id: id, invoiceLineId: 5))
                #expect(try ExpenseQueries.releaseInvoiced(db, companyId: f.acme, id: id, invoiceLineId: 77))
                #expect(refused(db, "UPDATE expenses SET vendor = 'Changed' WHERE id = ?", [id]) == nil)
            }
        }
    }

    @Test func onlyABillableLiveExpenseCanBeInvoiced() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let f = try fixture(db)
                let plain = try #require(try expense(db, f, client: f.client).id)
                #expect(refused(db, "UPDATE expenses SET invoice_line_id = 1 WHERE id = ?", [plain])?.contains("only a billable") == true)
                #expect(try !ExpenseQueries.markInvoiced(db, companyId: f.acme, id: plain, invoiceLineId: 1, at: testEpoch))
                let deleted = try #require(try expense(db, f, client: f.client, billable: true, deleted: true).id)
                #expect(refused(db, "UPDATE expenses SET invoice_line_id = 1 WHERE id = ?", [deleted]) != nil)
                #expect(refused(db, """
                    INSERT INTO expenses (company_id, spent_on, vendor, amount_cents, currency, billable, invoice_line_id, created_at, updated_at)
                    VALUES (?, '2026-11-01', 'X', 100, 'USD', 0, 5, '2026-11-01 00:00:00.000', '2026-11-01 00:00:00.000')
                    """, [f.acme])?.contains("only a billable") == true)
                // Becoming non-billable while invoiced is refused too (locked).
                let billable = try #require(try expense(db, f, client: f.client, billable: true).id)
                #expect(try ExpenseQueries.markInvoiced(db, companyId: f.acme, id: billable, invoiceLineId: 3, at: testEpoch))
                #expect(refused(db, "UPDATE expenses SET billable = 0 WHERE id = ?", [billable]) != nil)
            }
        }
    }

    @Test func clientAndProjectMustBeOfTheCompanyAndMatch() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let f = try fixture(db)
                #expect(throws: DatabaseError.self) { try expense(db, f, client: f.foreignClient) }
                #expect(throws: DatabaseError.self) { try expense(db, f, client: f.foreignClient, project: f.foreignProject) }
                #expect(throws: DatabaseError.self) { try expense(db, f, client: f.otherClient, project: f.project) }
                #expect(throws: DatabaseError.self) { try expense(db, f, project: f.project) }
                let good = try #require(try expense(db, f, client: f.client, project: f.project).id)
                #expect(refused(db, "UPDATE expenses SET client_id = ? WHERE id = ?", [f.otherClient, good]) != nil)
                #expect(refused(db, "UPDATE expenses SET project_id = ?, client_id = ? WHERE id = ?",
                                [f.foreignProject, f.foreignClient, good]) != nil)
            }
        }
    }

    @Test func theReceiptKeyMustBeAMediaKeyOfTheSameCompany() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let f = try fixture(db)
                try expense(db, f, receiptKey: "receipts/\(f.acme)/\(Self.hex).pdf")
                for key in ["receipts/\(f.globex)/\(Self.hex).pdf", "receipts/\(f.acme)/\(Self.hex).exe",
                            "receipts/\(f.acme)/\(Self.hex.uppercased()).pdf", "receipts/\(f.acme)/../\(Self.hex).pdf",
                            "/etc/passwd", "receipts/\(f.acme)/\(Self.hex)x.pdf", "receipts/\(f.acme)/abc.pdf"] {
                    #expect(throws: DatabaseError.self, "\(key)") { try expense(db, f, receiptKey: key) }
                }
                // Half a receipt is refused.
                #expect(refused(db, """
                    INSERT INTO expenses (company_id, spent_on, vendor, amount_cents, currency, receipt_key, created_at, updated_at)
                    VALUES (?, '2026-11-01', 'X', 100, 'USD', ?, '2026-11-01 00:00:00.000', '2026-11-01 00:00:00.000')
                    """, [f.acme, "receipts/\(f.acme)/\(String(repeating: "cd", count: 16)).png"]) != nil)
            }
        }
    }

    @Test func amountsAndDatesAreChecked() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let f = try fixture(db)
                #expect(throws: DatabaseError.self) { try expense(db, f, amount: 0) }
                #expect(throws: DatabaseError.self) { try expense(db, f, amount: -5) }
                #expect(throws: DatabaseError.self) { try expense(db, f, spentOn: "30/11/2026") }
                #expect(throws: DatabaseError.self) { try expense(db, f, vendor: "") }
            }
        }
    }

    @Test func listsAreScopedFilteredAndPaginatedAtTheDatabase() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let f = try fixture(db)
                for day in 1...12 {
                    try expense(db, f, spentOn: String(format: "2026-10-%02d", day), vendor: day.isMultiple(of: 3) ? "Airline \(day)" : "Cafe \(day)",
                                client: day.isMultiple(of: 2) ? f.client : nil, project: day.isMultiple(of: 4) ? f.project : nil,
                                billable: day.isMultiple(of: 2))
                }
                try expense(db, f, spentOn: "2026-10-20", vendor: "Deleted", deleted: true)
                try expense(db, f, company: f.globex, vendor: "Globex cafe", client: f.foreignClient)

                let first = try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(), page: PageRequest(number: 1, size: 5))
                #expect(first.totalCount == 12 && first.items.count == 5)
                #expect(first.items.map(\.spentOn) == ["2026-10-12", "2026-10-11", "2026-10-10", "2026-10-09", "2026-10-08"])
                let third = try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(), page: PageRequest(number: 3, size: 5))
                #expect(third.items.count == 2)
                #expect(try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(search: "airline"),
                                                page: PageRequest(number: 1)).totalCount == 4)
                #expect(try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(clientId: f.client),
                                                page: PageRequest(number: 1)).totalCount == 6)
                let onProject = try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(projectId: f.project),
                                                        page: PageRequest(number: 1))
                #expect(onProject.totalCount == 3 && onProject.items.allSatisfy { $0.projectName == "Site" && $0.clientName == "Harbor" })
                #expect(try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(billing: .unbilled),
                                                page: PageRequest(number: 1)).totalCount == 6)
                #expect(try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(billing: .nonBillable),
                                                page: PageRequest(number: 1)).totalCount == 6)
                let range = ExpenseListFilter(from: CalendarDate(parsing: "2026-10-03"), to: CalendarDate(parsing: "2026-10-05"))
                #expect(try ExpenseQueries.page(db, companyId: f.acme, filter: range, page: PageRequest(number: 1)).totalCount == 3)
                let deleted = try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(deleted: true), page: PageRequest(number: 1))
                #expect(deleted.items.map(\.vendor) == ["Deleted"])
                // Company scoping: Globex sees its one expense, Acme's project filter finds nothing of Globex.
                #expect(try ExpenseQueries.page(db, companyId: f.globex, filter: ExpenseListFilter(), page: PageRequest(number: 1))
                    .items.map(\.vendor) == ["Globex cafe"])
                #expect(try ExpenseQueries.page(db, companyId: f.globex, filter: ExpenseListFilter(projectId: f.project),
                                                page: PageRequest(number: 1)).totalCount == 0)
                #expect(try ExpenseQueries.find(db, companyId: f.globex, id: try #require(first.items.first?.id)) == nil)
                #expect(try ExpenseQueries.unbilledBillable(db, companyId: f.globex, projectId: f.project).isEmpty)
            }
        }
    }

    @Test func unbilledExpensesCarryTheirMarkupRoundedHalfAwayFromZero() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let f = try fixture(db)
                try expense(db, f, spentOn: "2026-11-02", amount: 1_005, client: f.client, project: f.project, billable: true, markup: 10_000)
                try expense(db, f, spentOn: "2026-11-01", amount: 1_001, client: f.client, project: f.project, billable: true, markup: 12_500)
                try expense(db, f, spentOn: "2026-11-03", amount: 5_000, client: f.client, project: f.project, billable: false)
                let invoiced = try expense(db, f, spentOn: "2026-11-04", amount: 2_000, client: f.client, project: f.project, billable: true)
                #expect(try ExpenseQueries.markInvoiced(db, companyId: f.acme, id: try #require(invoiced.id), invoiceLineId: 9, at: testEpoch))
                try expense(db, f, amount: 3_000, client: f.client, project: f.project, billable: true, deleted: true)

                let unbilled = try ExpenseQueries.unbilledBillable(db, companyId: f.acme, projectId: f.project)
                #expect(unbilled.map(\.amountCents) == [1_001, 1_005])  // oldest first
                // 12.5 % of 10.01 = 1.25125 → 1.25; 10 % of 10.05 = 1.005 → 1.01 (half away from zero).
                #expect(unbilled.map(\.markupCents) == [125, 101])
                #expect(unbilled.map(\.billedCents) == [1_126, 1_106])

                let totals = try ExpenseQueries.projectTotals(db, companyId: f.acme, projectId: f.project)
                #expect(totals == ProjectExpenseTotals(count: 4, amountCents: 9_006, taxCents: 0, billableAmountCents: 4_006,
                                                       invoicedAmountCents: 2_000, unbilledCount: 2, unbilledBilledCents: 2_232))
                #expect(try ExpenseQueries.projectTotals(db, companyId: f.globex, projectId: f.project) == ProjectExpenseTotals())
            }
        }
    }

    /// The plans SQLite picks for the list and the unbilled query: partial indexes, no scan.
    @Test func queriesUseThePartialIndexes() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let f = try fixture(db)
                for day in 1...30 {
                    try expense(db, f, spentOn: String(format: "2026-09-%02d", day), client: f.client,
                                project: day.isMultiple(of: 2) ? f.project : nil, billable: day.isMultiple(of: 3))
                }
                try db.execute(sql: "ANALYZE")
                func plan(_ body: () throws -> Void) throws -> [String] {
                    var statements: [String] = []
                    db.trace(options: .statement) { event in
                        if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
                    }
                    try body()
                    db.trace(options: [])
                    return try statements.flatMap { sql in
                        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { ($0["detail"] as String?) ?? "" }
                    }
                }
                let unbilled = try plan { _ = try ExpenseQueries.unbilledBillable(db, companyId: f.acme, projectId: f.project) }
                #expect(unbilled.contains { $0.contains("USING INDEX expenses_unbilled_by_project") }, "\(unbilled)")
                let list = try plan { _ = try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(), page: PageRequest(number: 2, size: 5)) }
                #expect(list.contains { $0.contains("expenses_live_by_date") }, "\(list)")
                #expect(!list.contains { $0.hasPrefix("SCAN e") && !$0.contains("INDEX") }, "\(list)")
                let byProject = try plan { _ = try ExpenseQueries.page(db, companyId: f.acme, filter: ExpenseListFilter(projectId: f.project),
                                                                       page: PageRequest(number: 1)) }
                #expect(byProject.contains { $0.contains("expenses_by_project") || $0.contains("expenses_unbilled_by_project") }, "\(byProject)")
            }
        }
    }
}
