import Domain
import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Client counts and cursor paging")
struct ClientPagingTests {
    func realCount(_ db: Database, _ companyId: Int64, deleted: Bool) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE company_id = ? AND (deleted_at IS NOT NULL) = ?",
                         arguments: [companyId, deleted]) ?? -1
    }

    @Test func storedCountsFollowEveryKindOfWrite() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let a = try insertCompany(db, name: "A")
                let b = try insertCompany(db, name: "B")
                var clients: [ClientRecord] = []
                for index in 0..<30 { clients.append(try insertClient(db, companyId: index % 3 == 0 ? b : a, name: "C\(index)")) }
                _ = try insertClient(db, companyId: a, name: "Born deleted", deletedAt: testEpoch)
                for var client in clients.prefix(7) {           // soft delete
                    client.deletedAt = testEpoch
                    try ClientQueries.update(db, client)
                }
                for var client in clients.prefix(2) {           // restore
                    client.deletedAt = nil
                    try ClientQueries.update(db, client)
                }
                var unchanged = clients[20]                      // an update that leaves deleted_at alone
                unchanged.name = "Renamed"
                try ClientQueries.update(db, unchanged)
                try db.execute(sql: "DELETE FROM clients WHERE id IN (?, ?)", arguments: [clients[3].id, clients[25].id])

                for company in [a, b] {
                    for filter in [ClientListFilter.live, .deleted] {
                        let page = try ClientQueries.page(db, companyId: company, search: "", filter: filter, page: PageRequest(number: 1))
                        let expected = try realCount(db, company, deleted: filter == .deleted)
                        #expect(page.totalCount == expected, "company \(company) \(filter)")
                    }
                }
                let live = try realCount(db, a, deleted: false)
                #expect(try ClientQueries.liveCount(db, companyId: a) == live)
                #expect(try ClientQueries.liveCount(db, companyId: 999) == 0, "a company with no clients")
            }
        }
    }

    @Test func nextAndPreviousLinksWalkTheSamePagesAsPageNumbers() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let a = try insertCompany(db, name: "A")
                let b = try insertCompany(db, name: "B")
                // Duplicate and mixed-case names: the cursor must break ties by id.
                for index in 0..<23 { _ = try insertClient(db, companyId: a, name: ["alpha", "Beta", "beta", "Gamma"][index % 4]) }
                let foreign = try insertClient(db, companyId: b, name: "beta")
                let size = 5
                let byNumber = try (1...5).map {
                    try ClientQueries.page(db, companyId: a, search: "", filter: .live, page: PageRequest(number: $0, size: size)).items.map(\.id)
                }
                var walked = [byNumber[0]]
                for number in 2...5 {
                    let last = try #require(walked.last?.last ?? nil)
                    let page = try ClientQueries.page(db, companyId: a, search: "", filter: .live,
                                                      page: PageRequest(number: number, size: size, cursor: .after(last)))
                    walked.append(page.items.map(\.id))
                }
                #expect(walked == byNumber)
                for number in (1...4).reversed() {
                    let first = try #require(byNumber[number].first ?? nil)
                    let page = try ClientQueries.page(db, companyId: a, search: "", filter: .live,
                                                      page: PageRequest(number: max(number, 2), size: size, cursor: .before(first)))
                    #expect(page.items.map(\.id) == byNumber[number - 1], "previous of page \(number + 1)")
                }
                // Another company's id as a cursor is ignored: the page number decides.
                let foreignCursor = try ClientQueries.page(db, companyId: a, search: "", filter: .live,
                                                           page: PageRequest(number: 3, size: size, cursor: .after(try #require(foreign.id))))
                #expect(foreignCursor.items.map(\.id) == byNumber[2])
                #expect(PageRequest(number: 1, cursor: .after(7)).cursor == nil, "page 1 needs no cursor")
            }
        }
    }

    @Test func cursorsComposeWithSearch() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let a = try insertCompany(db, name: "A")
                for index in 0..<12 { _ = try insertClient(db, companyId: a, name: index.isMultiple(of: 2) ? "Match \(index)" : "Other \(index)") }
                let first = try ClientQueries.page(db, companyId: a, search: "match", filter: .live, page: PageRequest(number: 1, size: 4))
                #expect(first.totalCount == 6)
                let last = try #require(first.items.last?.id)
                let second = try ClientQueries.page(db, companyId: a, search: "match", filter: .live,
                                                    page: PageRequest(number: 2, size: 4, cursor: .after(last)))
                #expect(second.items.map(\.name) == ["Match 6", "Match 8"])
            }
        }
    }

    @Test func aCursorSeeksInTheIndexInsteadOfSkippingRows() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let a = try insertCompany(db, name: "A")
                for index in 0..<30 { _ = try insertClient(db, companyId: a, name: "Client \(index)") }
                var statements: [String] = []
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
                }
                _ = try ClientQueries.page(db, companyId: a, search: "", filter: .live, page: PageRequest(number: 3, size: 5, cursor: .after(10)))
                db.trace(options: [])
                let pageSQL = try #require(statements.first { $0.contains("LIMIT") })
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + pageSQL).map { $0["detail"] as String? ?? "" }
                #expect(plan.contains { $0.contains("clients_live_by_name (company_id=? AND name>?)") }, "\(plan)")
                #expect(!pageSQL.contains("OFFSET"))
            }
        }
    }
}
