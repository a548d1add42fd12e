import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// An invoice's project (migration 009), past every service: the database refuses another
/// client's or another company's project and a change once sent; existing open invoices got
/// the project their time came from. Also: a time entry read by position equals the same
/// entry read by column name.
@Suite("Invoice projects in the database")
struct InvoiceProjectTests {
    struct Seeded {
        let acme: Int64, harbor: Int64, other: Int64, project: Int64, otherClientsProject: Int64, globexProject: Int64
        let ada: Int64, item: Int64
    }

    func seed(_ db: Database) throws -> Seeded {
        let acme = try insertCompany(db, name: "Acme")
        let globex = try insertCompany(db, name: "Globex")
        var user = UserRecord(email: "ada@example.com", passwordHash: "x", createdAt: testEpoch, updatedAt: testEpoch)
        try IdentityQueries.insert(db, &user)
        let ada = try #require(user.id)
        var membership = MembershipRecord(companyId: acme, userId: ada, role: .manager, createdAt: testEpoch)
        try IdentityQueries.insert(db, &membership)
        func project(_ company: Int64, client: Int64, _ name: String) throws -> Int64 {
            var project = ProjectRecord(companyId: company, clientId: client, name: name, billingType: .hourly,
                                        hourlyRateCents: 12_000, createdAt: testEpoch, updatedAt: testEpoch)
            try ProjectQueries.insert(db, &project)
            return try #require(project.id)
        }
        let harbor = try #require(try insertClient(db, companyId: acme, name: "Harbor").id)
        let other = try #require(try insertClient(db, companyId: acme, name: "Other").id)
        let globexClient = try #require(try insertClient(db, companyId: globex, name: "Harbor").id)
        var item = CatalogItemRecord(companyId: acme, kind: .service, name: "Design", unitPriceCents: 100,
                                     createdAt: testEpoch, updatedAt: testEpoch)
        try CatalogQueries.insert(db, &item)
        return Seeded(acme: acme, harbor: harbor, other: other, project: try project(acme, client: harbor, "Site"),
                      otherClientsProject: try project(acme, client: other, "Shop"),
                      globexProject: try project(globex, client: globexClient, "Site"), ada: ada, item: try #require(item.id))
    }

    /// A raw invoice row (no record: the pre-009 schema has no project column).
    func insertInvoice(_ db: Database, _ s: Seeded, token: String, projectId: Int64? = nil) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO invoices (company_id, client_id, currency, issue_date, due_date, payment_terms_days, public_token,
                                  created_at, updated_at\(projectId == nil ? "" : ", project_id"))
            VALUES (?, ?, 'USD', '2026-11-30', '2026-12-30', 30, ?, '2026-11-30 00:00:00.000', '2026-11-30 00:00:00.000'\
            \(projectId == nil ? "" : ", \(projectId ?? 0)"))
            """, arguments: [s.acme, s.harbor, String(repeating: token, count: 40)])
        return db.lastInsertedRowID
    }

    @Test func onlyTheClientsOwnProjectAndNeverOnceSent() throws {
        try withMigratedDatabase { database in
            let (s, invoice) = try database.pool.write { db in
                let s = try seed(db)
                return (s, try insertInvoice(db, s, token: "a", projectId: s.project))
            }
            let sameClient = "must be one of its client's projects"
            expectRefused(database, containing: sameClient, "UPDATE invoices SET project_id = ? WHERE id = ?", arguments: [s.otherClientsProject, invoice])
            expectRefused(database, containing: sameClient, "UPDATE invoices SET project_id = ? WHERE id = ?", arguments: [s.globexProject, invoice])
            expectRefused(database, containing: sameClient, "UPDATE invoices SET client_id = ? WHERE id = ?", arguments: [s.other, invoice])
            expectRefused(database, containing: sameClient, "UPDATE invoices SET project_id = 999999 WHERE id = ?", arguments: [invoice])
            try database.pool.write { db in
                try #expect(throws: DatabaseError.self) { _ = try insertInvoice(db, s, token: "b", projectId: s.globexProject) }
                // A draft may drop its project and take it back.
                try db.execute(sql: "UPDATE invoices SET project_id = NULL WHERE id = ?", arguments: [invoice])
                try db.execute(sql: "UPDATE invoices SET project_id = ? WHERE id = ?", arguments: [s.project, invoice])
                try db.execute(sql: """
                    UPDATE invoices SET status = 'sent', number = 'INV-202611-0001', sent_at = '2026-11-30 00:00:00.000'
                    WHERE id = ?
                    """, arguments: [invoice])
            }
            expectRefused(database, containing: "invoice is locked", "UPDATE invoices SET project_id = NULL WHERE id = ?", arguments: [invoice])
            let stored = try database.pool.read { try InvoiceQueries.find($0, companyId: s.acme, id: invoice) }
            #expect(stored?.projectId == s.project)
            let listed = try database.pool.read { db in
                try InvoiceQueries.page(db, companyId: s.acme, filter: InvoiceListFilter(projectId: s.project),
                                        page: PageRequest(number: 1, size: 10))
            }
            #expect(listed.items.map(\.id) == [invoice])
            #expect(listed.totalCount == 1)
        }
    }

    @Test func theMigrationGivesOpenInvoicesTheProjectTheirTimeCameFrom() throws {
        try withTemporaryDirectory { directory in
            let database = try AppDatabase(path: directory + "/t.sqlite")
            try Migrations.migrator.migrate(database.pool, upTo: "2026-11-30-008-project-time-totals")
            let (s, fromTime, byHand) = try database.pool.write { db in
                let s = try seed(db)
                let fromTime = try insertInvoice(db, s, token: "c")
                let byHand = try insertInvoice(db, s, token: "d")
                try db.execute(sql: """
                    INSERT INTO invoice_lines (invoice_id, position, description, quantity_thousandths, unit_price_cents, amount_cents)
                    VALUES (?, 1, 'Design', 1500, 12000, 18000), (?, 1, 'Typed', 1000, 500, 500)
                    """, arguments: [fromTime, byHand])
                let line = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM invoice_lines WHERE invoice_id = ?",
                                                           arguments: [fromTime]))
                var entry = TimeEntryRecord(companyId: s.acme, userId: s.ada, projectId: s.project, catalogItemId: s.item,
                                            serviceName: "Design", rateCents: 12_000, workDate: "2026-11-23",
                                            weekStart: "2026-11-23", minutes: 90, billable: true, status: .approved,
                                            approvedAt: testEpoch, createdAt: testEpoch, updatedAt: testEpoch)
                try TimeQueries.insert(db, &entry)
                try db.execute(sql: "UPDATE time_entries SET invoice_line_id = ? WHERE id = ?", arguments: [line, entry.id])
                return (s, fromTime, byHand)
            }
            try database.migrate()
            let projects = try database.read { db in
                try [fromTime, byHand].map { try InvoiceQueries.find(db, companyId: s.acme, id: $0)?.projectId }
            }
            #expect(projects == [s.project, nil])
        }
    }

    @Test func anEntryReadByPositionEqualsTheEntryReadByNameAndTheProjectPageRowSaysTheSame() throws {
        try withMigratedDatabase { database in
            let (s, id) = try database.pool.write { db in
                let s = try seed(db)
                var entry = TimeEntryRecord(companyId: s.acme, userId: s.ada, projectId: s.project, catalogItemId: s.item,
                                            serviceName: "Design", rateCents: 12_345, workDate: "2026-11-24",
                                            weekStart: "2026-11-23", minutes: 75, startedAt: testEpoch,
                                            endedAt: testEpoch.addingTimeInterval(4_500), notes: "Zoë's logo, v2",
                                            billable: true, status: .approved, submittedAt: testEpoch, approvedBy: s.ada,
                                            approvedAt: testEpoch.addingTimeInterval(60), createdAt: testEpoch,
                                            updatedAt: testEpoch.addingTimeInterval(120))
                try TimeQueries.insert(db, &entry)
                return (s, try #require(entry.id))
            }
            try database.pool.read { db in
                let byName = try #require(try TimeQueries.find(db, companyId: s.acme, id: id))
                let recent = try TimeQueries.recentForProject(db, companyId: s.acme, projectId: s.project)
                let week = try TimeQueries.week(db, companyId: s.acme, userId: s.ada, weekStart: "2026-11-23")
                #expect(week.map(\.entry) == [byName])
                #expect(week.first?.projectName == "Site" && week.first?.personName == "ada@example.com")
                #expect(recent == [RecentTimeEntry(id: id, workDate: "2026-11-24", personName: "ada@example.com",
                                                   serviceName: "Design", minutes: 75, status: .approved, isInvoiced: false)])
                #expect(byName.startedAt != nil && byName.approvedBy == s.ada && byName.notes == "Zoë's logo, v2")
            }
        }
    }
}
