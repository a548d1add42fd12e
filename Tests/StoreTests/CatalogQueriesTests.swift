import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// The billing tables: scoped by company, unique where they must be, and listed through
/// their partial indexes.
@Suite("Tax rates, catalog and project queries")
struct CatalogQueriesTests {
    func rate(_ db: Database, company: Int64, name: String, isDefault: Bool = false) throws -> TaxRateRecord {
        var rate = TaxRateRecord(companyId: company, name: name, milliPercent: 5_000, isDefault: isDefault,
                                 createdAt: testEpoch, updatedAt: testEpoch)
        try TaxRateQueries.insert(db, &rate)
        return rate
    }

    func item(_ db: Database, company: Int64, name: String, taxRateId: Int64? = nil, archived: Bool = false) throws -> CatalogItemRecord {
        var item = CatalogItemRecord(companyId: company, kind: .service, name: name, unitPriceCents: 100, taxRateId: taxRateId,
                                     createdAt: testEpoch, updatedAt: testEpoch, archivedAt: archived ? testEpoch : nil)
        try CatalogQueries.insert(db, &item)
        return item
    }

    func project(_ db: Database, company: Int64, client: Int64, name: String, code: String? = nil,
                 status: ProjectStatus = .active) throws -> ProjectRecord {
        var project = ProjectRecord(companyId: company, clientId: client, name: name, code: code, billingType: .hourly,
                                    hourlyRateCents: 10_000, status: status, createdAt: testEpoch, updatedAt: testEpoch)
        try ProjectQueries.insert(db, &project)
        return project
    }

    @Test func oneDefaultTaxRatePerCompany() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                _ = try rate(db, company: acme, name: "GST", isDefault: true)
                _ = try rate(db, company: globex, name: "VAT", isDefault: true)
                #expect(throws: DatabaseError.self) { try rate(db, company: acme, name: "PST", isDefault: true) }
                #expect(try TaxRateQueries.findDefault(db, companyId: acme)?.name == "GST")
                try TaxRateQueries.clearDefault(db, companyId: acme, at: testEpoch)
                _ = try rate(db, company: acme, name: "PST", isDefault: true)
                #expect(try TaxRateQueries.findDefault(db, companyId: acme)?.name == "PST")
                #expect(try TaxRateQueries.findDefault(db, companyId: globex)?.name == "VAT")
                #expect(try TaxRateQueries.list(db, companyId: acme, includeArchived: false).map(\.name) == ["GST", "PST"])
            }
        }
    }

    @Test func anArchivedRateCannotBeTheDefault() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                var archived = try rate(db, company: acme, name: "Old", isDefault: true)
                archived.archivedAt = testEpoch
                #expect(throws: DatabaseError.self) { try TaxRateQueries.update(db, archived) }
            }
        }
    }

    @Test func catalogNamesAreUniqueAmongLiveItemsCaseInsensitively() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                _ = try item(db, company: acme, name: "Design")
                #expect(throws: DatabaseError.self) { try item(db, company: acme, name: "DESIGN") }
                _ = try item(db, company: acme, name: "design", archived: true)
                _ = try item(db, company: globex, name: "Design")
                #expect(try CatalogQueries.liveNameTaken(db, companyId: acme, name: "dEsIgN", excluding: nil))
                #expect(try !CatalogQueries.liveNameTaken(db, companyId: acme, name: "Consulting", excluding: nil))
                let page = try CatalogQueries.page(db, companyId: acme, search: "", filter: .live, page: PageRequest(number: 1))
                #expect(page.items.map(\.name) == ["Design"] && page.totalCount == 1)
                let archived = try CatalogQueries.page(db, companyId: acme, search: "des", filter: .archived, page: PageRequest(number: 1))
                #expect(archived.items.map(\.name) == ["design"])
            }
        }
    }

    @Test func foreignKeysKeepEveryRowInsideItsCompany() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                let globexRate = try rate(db, company: globex, name: "VAT")
                let globexClient = try insertClient(db, companyId: globex, name: "Initech")
                #expect(throws: DatabaseError.self) { try item(db, company: acme, name: "Design", taxRateId: globexRate.id) }
                #expect(throws: DatabaseError.self) {
                    try project(db, company: acme, client: try #require(globexClient.id), name: "Stolen")
                }
                let own = try project(db, company: globex, client: try #require(globexClient.id), name: "Own")
                // A member must be a member of the project's company.
                #expect(throws: DatabaseError.self) {
                    try db.execute(sql: "INSERT INTO users (email, password_hash, created_at, updated_at) VALUES ('x@y.z', 'h', 't', 't')")
                    try ProjectQueries.setMembers(db, companyId: globex, projectId: try #require(own.id),
                                                  userIds: [db.lastInsertedRowID], at: testEpoch)
                }
            }
        }
    }

    @Test func projectsAreListedPerCompanyWithFiltersAndUniqueCodes() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                let harbor = try #require(try insertClient(db, companyId: acme, name: "Harbor").id)
                let kestrel = try #require(try insertClient(db, companyId: acme, name: "Kestrel").id)
                let initech = try #require(try insertClient(db, companyId: globex, name: "Initech").id)
                _ = try project(db, company: acme, client: harbor, name: "Website", code: "WEB-1")
                _ = try project(db, company: acme, client: harbor, name: "App", status: .onHold)
                _ = try project(db, company: acme, client: kestrel, name: "Brochure", status: .archived)
                _ = try project(db, company: globex, client: initech, name: "Website", code: "WEB-1")
                #expect(throws: DatabaseError.self) { try project(db, company: acme, client: kestrel, name: "Dup", code: "WEB-1") }

                func names(_ filter: ProjectListFilter, client: Int64? = nil, search: String = "") throws -> [String] {
                    try ProjectQueries.page(db, companyId: acme, search: search, filter: filter, clientId: client,
                                            page: PageRequest(number: 1)).items.map(\.name)
                }
                #expect(try names(.open) == ["App", "Website"])
                #expect(try names(.status(.archived)) == ["Brochure"])
                #expect(try names(.open, client: kestrel) == [])
                #expect(try names(.status(.archived), client: kestrel) == ["Brochure"])
                #expect(try names(.open, search: "web") == ["Website"])
                #expect(try names(.open, client: initech) == [], "another company's client filters to nothing")
                let page = try ProjectQueries.page(db, companyId: acme, search: "", filter: .open, clientId: nil, page: PageRequest(number: 1))
                #expect(page.totalCount == 2 && page.items.allSatisfy { $0.clientName == "Harbor" })
                #expect(try ProjectQueries.forClient(db, companyId: acme, clientId: kestrel).map(\.name) == ["Brochure"])
                #expect(try ProjectQueries.forClient(db, companyId: globex, clientId: kestrel).isEmpty)
                #expect(try ProjectQueries.codeTaken(db, companyId: acme, code: "WEB-1", excluding: nil))
                #expect(try !ProjectQueries.codeTaken(db, companyId: acme, code: "APP-1", excluding: nil))
                let usage = try ProjectQueries.budgetUsage(db, companyId: acme, projectId: 1)
                #expect(usage == ProjectBudgetUsage(minutesLogged: 0, billableAmountCents: 0, expenseCents: 0))
            }
        }
    }

    /// The list statements run through the partial (or filter) indexes, not a scan and sort.
    @Test func listsUseTheirIndexes() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let harbor = try #require(try insertClient(db, companyId: acme, name: "Harbor").id)
                for index in 0..<30 {
                    _ = try item(db, company: acme, name: "Item \(index)", archived: index.isMultiple(of: 4))
                    _ = try project(db, company: acme, client: harbor, name: "Project \(index)",
                                    status: index.isMultiple(of: 3) ? .archived : .active)
                }
                try db.execute(sql: "ANALYZE")
                func plans(_ body: () throws -> Void) throws -> [String] {
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
                let catalog = try plans { _ = try CatalogQueries.page(db, companyId: acme, search: "", filter: .live, page: PageRequest(number: 2, size: 5)) }
                #expect(catalog.contains { $0.contains("catalog_items_live_by_name") }, "\(catalog)")
                #expect(!catalog.contains { $0.contains("TEMP B-TREE") }, "\(catalog)")
                let archived = try plans { _ = try CatalogQueries.page(db, companyId: acme, search: "", filter: .archived, page: PageRequest(number: 1)) }
                #expect(archived.contains { $0.contains("catalog_items_archived_by_name") }, "\(archived)")
                let open = try plans {
                    _ = try ProjectQueries.page(db, companyId: acme, search: "", filter: .open, clientId: nil, page: PageRequest(number: 1))
                }
                #expect(open.contains { $0.contains("projects_open_by_name") }, "\(open)")
                #expect(!open.contains { $0.contains("TEMP B-TREE") }, "\(open)")
                let byStatus = try plans {
                    _ = try ProjectQueries.page(db, companyId: acme, search: "", filter: .status(.archived), clientId: nil, page: PageRequest(number: 1))
                }
                #expect(byStatus.contains { $0.contains("projects_by_status") }, "\(byStatus)")
                let byClient = try plans {
                    _ = try ProjectQueries.page(db, companyId: acme, search: "", filter: .status(.active), clientId: harbor, page: PageRequest(number: 1))
                }
                #expect(byClient.contains { $0.contains("projects_by_status") || $0.contains("projects_by_client") }, "\(byClient)")
            }
        }
    }
}
