import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// The list page is chosen through the partial indexes, not by scanning and sorting the table.
@Suite("Client list query plans")
struct ClientQueryPlanTests {
    struct PlanStep {
        let id: Int
        let parent: Int
        let detail: String
    }

    struct Plan {
        let sql: String
        let steps: [PlanStep]
        var details: [String] { steps.map(\.detail) }
        func children(of step: PlanStep) -> [PlanStep] { steps.filter { $0.parent == step.id } }
    }

    /// Every statement `ClientQueries.page` runs (arguments inlined, as SQLite saw them) with the plan SQLite picks.
    private func plans(filter: ClientListFilter, search: String, page: PageRequest = PageRequest(number: 2, size: 5)) throws -> [Plan] {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                for index in 0..<40 {
                    try insertClient(db, companyId: index.isMultiple(of: 2) ? acme : globex, name: "Client \(index)",
                                     deletedAt: index.isMultiple(of: 5) ? testEpoch : nil)
                }
            }
            return try database.pool.write { db in
                var statements: [String] = []
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
                }
                _ = try ClientQueries.page(db, companyId: 1, search: search, filter: filter, page: page)
                db.trace(options: [])
                return try statements.map { sql in
                    let steps = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { row in
                        PlanStep(id: row["id"] ?? -1, parent: row["parent"] ?? -1, detail: row["detail"] ?? "")
                    }
                    return Plan(sql: sql, steps: steps)
                }
            }
        }
    }

    private func check(filter: ClientListFilter, search: String, index: String) throws {
        let found = try plans(filter: filter, search: search)
        #expect(found.count == 2, "a count and a page of rows: \(found.map(\.sql))")

        let count = try #require(found.first { $0.sql.contains("count(*)") || $0.sql.contains("client_counts") })
        if search.isEmpty {
            // Without a search the total is one row of client_counts, kept by triggers.
            #expect(count.details.contains { $0.contains("client_counts USING INTEGER PRIMARY KEY") }, "\(count.details)")
        } else {
            #expect(count.details.contains { $0.contains("USING INDEX \(index)") || $0.contains("USING COVERING INDEX \(index)") },
                    "\(count.sql)\n\(count.details)")
        }

        let page = try #require(found.first { $0.sql.contains("LIMIT") })
        // The ids are chosen in index order (no sort of the company's clients), then ≤ page-size rows are read by id.
        let chosen = try #require(page.steps.first { $0.detail.hasPrefix("MATERIALIZE") || $0.detail.hasPrefix("CO-ROUTINE") },
                                  "\(page.details)")
        let inner = page.children(of: chosen).map(\.detail)
        #expect(inner.contains { $0.contains(index) }, "\(page.sql)\n\(page.details)")
        #expect(!inner.contains { $0.contains("TEMP B-TREE") }, "the id query must not sort: \(inner)")
        if search.isEmpty {
            // Without a search the count and the page's ids come from the index alone, so a
            // late page skips index entries, never table rows.
            #expect(inner.contains { $0.contains("USING COVERING INDEX \(index)") }, "\(inner)")
        }
        #expect(page.details.contains { $0.contains("INTEGER PRIMARY KEY") }, "\(page.details)")
        for plan in found {
            #expect(!plan.details.contains { $0.hasPrefix("SCAN clients") }, "full table scan: \(plan.sql)\n\(plan.details)")
        }
    }

    @Test func theClientListIndexesArePartial() throws {
        try withMigratedDatabase { database in
            try database.pool.read { db in
                var indexes: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT name, \"partial\" FROM pragma_index_list('clients')") {
                    let name: String = row["name"]
                    let partial: Int = row["partial"]
                    indexes[name] = partial
                }
                #expect(indexes["clients_live_by_name"] == 1)
                #expect(indexes["clients_deleted_by_name"] == 1)
                let live = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'clients_live_by_name'") ?? ""
                #expect(live.hasSuffix("WHERE deleted_at IS NULL"), "\(live)")
                #expect(live.contains("(company_id, name COLLATE NOCASE, id, deleted_at)"), "\(live)")
                let deleted = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'clients_deleted_by_name'") ?? ""
                #expect(deleted.hasSuffix("WHERE deleted_at IS NOT NULL"), "\(deleted)")
            }
        }
    }

    @Test(arguments: ["", "client"])
    func liveListUsesTheLivePartialIndex(search: String) throws {
        try check(filter: .live, search: search, index: "clients_live_by_name")
    }

    @Test(arguments: ["", "client"])
    func deletedListUsesTheDeletedPartialIndex(search: String) throws {
        try check(filter: .deleted, search: search, index: "clients_deleted_by_name")
    }

    /// Page 1 and a page reached by a cursor read their rows while walking the index in
    /// order: no materialized id list, no sort. (Clients 13 and 29 are Acme's: a foreign
    /// cursor would be ignored and the page found by offset.)
    @Test(arguments: [PageRequest(number: 1, size: 5), PageRequest(number: 3, size: 5, cursor: .after(13)),
                      PageRequest(number: 3, size: 5, cursor: .before(29))])
    func firstAndCursorPagesWalkTheIndexWithoutSorting(page: PageRequest) throws {
        let found = try plans(filter: .live, search: "", page: page)
        let listing = try #require(found.first { $0.sql.contains("LIMIT") })
        #expect(listing.details.contains { $0.contains("USING INDEX clients_live_by_name") }, "\(listing.sql)\n\(listing.details)")
        #expect(!listing.details.contains { $0.contains("TEMP B-TREE") || $0.hasPrefix("MATERIALIZE") }, "\(listing.details)")
    }
}
