import Domain
import Foundation
import GRDB
import Testing
@testable import Store

@Suite("ClientQueries")
struct ClientQueriesTests {
    private func page(_ database: AppDatabase, companyId: Int64, search: String = "", filter: ClientListFilter = .live,
                      number: Int = 1, size: Int = 50) throws -> Page<ClientSummary> {
        try database.pool.read { db in
            try ClientQueries.page(db, companyId: companyId, search: search, filter: filter,
                                   page: PageRequest(number: number, size: size))
        }
    }

    @Test func ordersByNameIgnoringCaseThenById() throws {
        try withMigratedDatabase { database in
            let ids = try database.pool.write { db -> [String: Int64] in
                let acme = try insertCompany(db, name: "Acme")
                var ids: [String: Int64] = [:]
                for name in ["bravo", "Alpha", "charlie", "alpha", "Bravo", "ALPHA"] {
                    ids[name] = try insertClient(db, companyId: acme, name: name).id
                }
                return ids
            }
            let result = try page(database, companyId: 1)
            #expect(result.items.map(\.name) == ["Alpha", "alpha", "ALPHA", "bravo", "Bravo", "charlie"])
            #expect(result.items.map(\.id) == ["Alpha", "alpha", "ALPHA", "bravo", "Bravo", "charlie"].compactMap { ids[$0] })
            #expect(result.totalCount == 6)
        }
    }

    @Test func paginates() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                for index in [5, 3, 7, 1, 2, 6, 4] { try insertClient(db, companyId: acme, name: "Client \(index)") }
            }
            let first = try page(database, companyId: 1, number: 1, size: 3)
            #expect(first.items.map(\.name) == ["Client 1", "Client 2", "Client 3"])
            #expect(first.totalCount == 7 && first.pageCount == 3 && first.number == 1 && first.size == 3)
            #expect(!first.hasPrevious && first.hasNext)

            let second = try page(database, companyId: 1, number: 2, size: 3)
            #expect(second.items.map(\.name) == ["Client 4", "Client 5", "Client 6"])
            #expect(second.hasPrevious && second.hasNext)

            let last = try page(database, companyId: 1, number: 3, size: 3)
            #expect(last.items.map(\.name) == ["Client 7"])
            #expect(last.totalCount == 7 && last.hasPrevious && !last.hasNext)

            let pastTheEnd = try page(database, companyId: 1, number: 4, size: 3)
            #expect(pastTheEnd.items.isEmpty)
            #expect(pastTheEnd.totalCount == 7 && pastTheEnd.number == 4)

            let farPastTheEnd = try page(database, companyId: 1, number: PageRequest.maxPage, size: 50)
            #expect(farPastTheEnd.items.isEmpty && farPastTheEnd.totalCount == 7)
        }
    }

    @Test func anEmptyListIsOnePageWithNothingOnIt() throws {
        try withMigratedDatabase { database in
            _ = try database.pool.write { try insertCompany($0, name: "Acme") }
            let result = try page(database, companyId: 1)
            #expect(result.items.isEmpty && result.totalCount == 0 && result.pageCount == 1 && !result.hasNext)
        }
    }

    @Test func searchesNameEmailAndCompanyNameIgnoringCase() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                try insertClient(db, companyId: acme, name: "Wile E. Coyote", email: "wile@desert.test", companyName: "ACME Corporation")
                try insertClient(db, companyId: acme, name: "Road Runner", email: "beep@Fast.test")
                try insertClient(db, companyId: acme, name: "Marvin", email: "marvin@mars.test", companyName: "Martian Empire")
            }
            func names(_ search: String) throws -> [String] { try page(database, companyId: 1, search: search).items.map(\.name) }
            #expect(try names("coyote") == ["Wile E. Coyote"])                // name
            #expect(try names("ROAD") == ["Road Runner"])
            #expect(try names("FAST.TEST") == ["Road Runner"])                // email
            #expect(try names("acme corp") == ["Wile E. Coyote"])             // company name
            #expect(try names("mar") == ["Marvin"])                           // name, email and company all match: once
            #expect(try names("  mars  ") == ["Marvin"])                      // trimmed
            #expect(try names("e") == ["Marvin", "Road Runner", "Wile E. Coyote"])
            #expect(try names("nobody") == [])
            #expect(try names("") == ["Marvin", "Road Runner", "Wile E. Coyote"])
            #expect(try names("   ") == ["Marvin", "Road Runner", "Wile E. Coyote"])
            #expect(try page(database, companyId: 1, search: "e", size: 2).totalCount == 3)
            #expect(try page(database, companyId: 1, search: "mar").totalCount == 1)
        }
    }

    @Test func likeWildcardsInTheSearchAreLiteral() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                for name in ["100% Organic", "100 Organic", "a_b", "axb", "ab", "back\\slash", "backslash", "plain"] {
                    try insertClient(db, companyId: acme, name: name)
                }
            }
            func names(_ search: String) throws -> [String] { try page(database, companyId: 1, search: search).items.map(\.name) }
            #expect(try names("%") == ["100% Organic"])
            #expect(try names("100%") == ["100% Organic"])
            #expect(try names("_") == ["a_b"])
            #expect(try names("a_b") == ["a_b"])
            #expect(try names("\\") == ["back\\slash"])
            #expect(try names("k\\s") == ["back\\slash"])
            #expect(try names("%%") == [])
            #expect(try page(database, companyId: 1, search: "_").totalCount == 1)
        }
    }

    @Test func likePatternEscaping() {
        #expect(ClientQueries.likePattern("") == nil)
        #expect(ClientQueries.likePattern(" \t ") == nil)
        #expect(ClientQueries.likePattern(" acme ") == "%acme%")
        #expect(ClientQueries.likePattern("50%_\\") == "%50\\%\\_\\\\%")
        let long = String(repeating: "x", count: 500)
        #expect(ClientQueries.likePattern(long) == "%" + String(repeating: "x", count: 200) + "%")
    }

    @Test func theDeletedFilterShowsOnlyTombstones() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                try insertClient(db, companyId: acme, name: "Live One")
                try insertClient(db, companyId: acme, name: "Gone One", deletedAt: testEpoch)
                try insertClient(db, companyId: acme, name: "Gone Two", email: "two@gone.test", deletedAt: testEpoch)
                try insertClient(db, companyId: acme, name: "Live Two")
            }
            let live = try page(database, companyId: 1, filter: .live)
            #expect(live.items.map(\.name) == ["Live One", "Live Two"])
            #expect(live.totalCount == 2)
            #expect(live.items.allSatisfy { !$0.isDeleted })

            let deleted = try page(database, companyId: 1, filter: .deleted)
            #expect(deleted.items.map(\.name) == ["Gone One", "Gone Two"])
            #expect(deleted.totalCount == 2)
            #expect(deleted.items.allSatisfy { $0.isDeleted && $0.deletedAt == testEpoch })

            #expect(try page(database, companyId: 1, search: "two", filter: .deleted).items.map(\.name) == ["Gone Two"])
            #expect(try page(database, companyId: 1, search: "two", filter: .live).items.map(\.name) == ["Live Two"])
            #expect(try database.pool.read { try ClientQueries.liveCount($0, companyId: 1) } == 2)
        }
    }

    @Test func listsNeverShowAnotherCompanysClients() throws {
        try withMigratedDatabase { database in
            let (acme, globex) = try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                try insertClient(db, companyId: acme, name: "Acme Client")
                try insertClient(db, companyId: globex, name: "Globex Client")
                try insertClient(db, companyId: globex, name: "Globex Gone", deletedAt: testEpoch)
                return (acme, globex)
            }
            #expect(try page(database, companyId: acme).items.map(\.name) == ["Acme Client"])
            #expect(try page(database, companyId: acme, search: "globex").items.isEmpty)
            #expect(try page(database, companyId: acme, filter: .deleted).items.isEmpty)
            #expect(try page(database, companyId: globex).items.map(\.name) == ["Globex Client"])
            #expect(try page(database, companyId: 999).totalCount == 0)
            #expect(try database.pool.read { try ClientQueries.liveCount($0, companyId: acme) } == 1)
        }
    }

    @Test func findIsScopedToTheCompany() throws {
        try withMigratedDatabase { database in
            let (acmeClient, globexClient, goneClient) = try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                return (try insertClient(db, companyId: acme, name: "Acme Client"),
                        try insertClient(db, companyId: globex, name: "Globex Client"),
                        try insertClient(db, companyId: acme, name: "Gone", deletedAt: testEpoch))
            }
            try database.pool.read { db throws in
                #expect(try ClientQueries.find(db, companyId: 1, id: try #require(acmeClient.id)) == acmeClient)
                #expect(try ClientQueries.find(db, companyId: 2, id: try #require(acmeClient.id)) == nil)
                #expect(try ClientQueries.find(db, companyId: 1, id: try #require(globexClient.id)) == nil)
                #expect(try ClientQueries.find(db, companyId: 1, id: 12_345) == nil)
                #expect(try ClientQueries.find(db, companyId: 1, id: try #require(goneClient.id))?.isDeleted == true)
            }
        }
    }

    @Test func updateWritesEveryFieldOfTheOwnCompanysClient() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                var client = try insertClient(db, companyId: acme, name: "Old")
                client.name = "New"
                client.email = "new@example.com"
                client.companyName = "NewCo"
                client.phone = "555"
                client.address = "1 Road"
                client.notes = "notes"
                client.updatedAt = testEpoch.addingTimeInterval(60)
                client.deletedAt = testEpoch.addingTimeInterval(120)
                try ClientQueries.update(db, client)
                #expect(db.changesCount == 1)
                #expect(try ClientQueries.find(db, companyId: acme, id: try #require(client.id)) == client)
            }
        }
    }

    @Test func updateWithAnotherCompanysIdChangesNothing() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                let original = try insertClient(db, companyId: acme, name: "Acme Client", email: "a@acme.test")
                var forged = original
                forged.companyId = globex
                forged.name = "Hijacked"
                forged.email = "evil@globex.test"
                forged.deletedAt = testEpoch
                try ClientQueries.update(db, forged)
                #expect(db.changesCount == 0)
                #expect(try ClientQueries.find(db, companyId: acme, id: try #require(original.id)) == original)
                #expect(try ClientQueries.find(db, companyId: globex, id: try #require(original.id)) == nil)
            }
        }
    }

    @Test func updateOfARecordWithoutIdDoesNothing() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let original = try insertClient(db, companyId: acme, name: "Keep")
                var noId = original
                noId.id = nil
                noId.name = "Changed"
                try ClientQueries.update(db, noId)
                #expect(try ClientQueries.find(db, companyId: acme, id: try #require(original.id))?.name == "Keep")
            }
        }
    }

    @Test func recordsRoundTripWithSnakeCaseColumns() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let client = try insertClient(db, companyId: acme, name: "Zoë", email: "z@example.com", companyName: "Zoë & Co")
                let row = try #require(try Row.fetchOne(db, sql: "SELECT company_id, company_name, deleted_at FROM clients WHERE id = ?",
                                                        arguments: [client.id]))
                #expect(row["company_id"] == acme)
                #expect(row["company_name"] == "Zoë & Co")
                #expect((row["deleted_at"] as String?) == nil)
            }
        }
    }
}
