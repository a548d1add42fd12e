import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// The time tables past every service: raw SQL meets the triggers, one timer per person,
/// company scoping, and the unbilled query on its partial index.
@Suite("Time entries and timers in the database")
struct TimeQueriesTests {
    struct Seeded {
        let acme: Int64, globex: Int64, ada: Int64, project: Int64, item: Int64, globexItem: Int64, globexProject: Int64
    }

    func seed(_ db: Database) throws -> Seeded {
        let acme = try insertCompany(db, name: "Acme")
        let globex = try insertCompany(db, name: "Globex")
        var user = UserRecord(email: "ada@example.com", passwordHash: "x", createdAt: testEpoch, updatedAt: testEpoch)
        try IdentityQueries.insert(db, &user)
        let ada = try #require(user.id)
        var membership = MembershipRecord(companyId: acme, userId: ada, role: .staff, createdAt: testEpoch)
        try IdentityQueries.insert(db, &membership)
        func project(_ company: Int64) throws -> Int64 {
            let client = try insertClient(db, companyId: company, name: "Harbor")
            var project = ProjectRecord(companyId: company, clientId: client.id ?? 0, name: "Site", billingType: .hourly,
                                        hourlyRateCents: 12_000, createdAt: testEpoch, updatedAt: testEpoch)
            try ProjectQueries.insert(db, &project)
            return try #require(project.id)
        }
        func item(_ company: Int64) throws -> Int64 {
            var item = CatalogItemRecord(companyId: company, kind: .service, name: "Design", unitPriceCents: 100,
                                         createdAt: testEpoch, updatedAt: testEpoch)
            try CatalogQueries.insert(db, &item)
            return try #require(item.id)
        }
        return Seeded(acme: acme, globex: globex, ada: ada, project: try project(acme), item: try item(acme),
                      globexItem: try item(globex), globexProject: try project(globex))
    }

    func entry(_ db: Database, _ s: Seeded, status: TimeEntryStatus = .draft, billable: Bool = true) throws -> Int64 {
        var entry = TimeEntryRecord(companyId: s.acme, userId: s.ada, projectId: s.project, catalogItemId: s.item,
                                    serviceName: "Design", rateCents: 12_000, workDate: "2027-01-13", weekStart: "2027-01-11",
                                    minutes: 90, billable: billable, status: status,
                                    rejectionReason: status == .rejected ? "No" : nil,
                                    approvedAt: status == .approved ? testEpoch : nil, createdAt: testEpoch, updatedAt: testEpoch)
        try TimeQueries.insert(db, &entry)
        return try #require(entry.id)
    }

    @Test func triggersLockSubmittedApprovedAndInvoicedEntries() throws {
        try withMigratedDatabase { database in
            let (s, draft, submitted, approved, nonBillable) = try database.pool.write { db in
                let s = try seed(db)
                return (s, try entry(db, s), try entry(db, s, status: .submitted), try entry(db, s, status: .approved),
                        try entry(db, s, status: .approved, billable: false))
            }
            expectRefused(database, containing: "cannot be edited", "UPDATE time_entries SET minutes = 10 WHERE id = ?", arguments: [submitted])
            expectRefused(database, containing: "cannot be edited", "UPDATE time_entries SET notes = 'x' WHERE id = ?", arguments: [approved])
            expectRefused(database, containing: "cannot be deleted", "DELETE FROM time_entries WHERE id = ?", arguments: [submitted])
            expectRefused(database, containing: "cannot move", "UPDATE time_entries SET status = 'draft' WHERE id = ?", arguments: [approved])
            expectRefused(database, containing: "cannot move", "UPDATE time_entries SET status = 'approved', approved_at = 'x' WHERE id = ?", arguments: [draft])
            expectRefused(database, containing: "approved billable", "UPDATE time_entries SET invoice_line_id = 7 WHERE id = ?", arguments: [draft])
            expectRefused(database, containing: "approved billable", "UPDATE time_entries SET invoice_line_id = 7 WHERE id = ?", arguments: [nonBillable])
            try database.pool.write { db in
                try db.execute(sql: "UPDATE time_entries SET minutes = 30 WHERE id = ?", arguments: [draft])
                try db.execute(sql: "UPDATE time_entries SET invoice_line_id = 7 WHERE id = ?", arguments: [approved])
            }
            expectRefused(database, containing: "invoiced and locked", "UPDATE time_entries SET updated_at = 'x' WHERE id = ?", arguments: [approved])
            expectRefused(database, containing: "invoiced and locked", "UPDATE time_entries SET rejection_reason = 'x', invoice_line_id = NULL WHERE id = ?",
                    arguments: [approved])
            expectRefused(database, containing: "invoiced and locked", "UPDATE time_entries SET invoice_line_id = 8 WHERE id = ?", arguments: [approved])
            expectRefused(database, containing: "time entry", "DELETE FROM time_entries WHERE id = ?", arguments: [approved])
            // Releasing the link alone is allowed while the line's invoice is a draft or void (or
            // the line is gone, as here); InvoiceFromWorkTests covers a sent invoice refusing it.
            try database.pool.write { db in
                try db.execute(sql: "UPDATE time_entries SET invoice_line_id = NULL WHERE id = ?", arguments: [approved])
            }
            #expect(try database.pool.read { try TimeQueries.find($0, companyId: s.acme, id: approved)?.invoiceLineId } == nil)
            // Another company's service is refused, and a person must be a member.
            expectRefused(database, containing: "same company", """
                UPDATE time_entries SET catalog_item_id = ? WHERE id = ?
                """, arguments: [s.globexItem, draft])
            expectRefused(database, containing: "FOREIGN KEY", """
                UPDATE time_entries SET project_id = ? WHERE id = ?
                """, arguments: [s.globexProject, draft])
            #expect(try database.pool.read { try TimeQueries.find($0, companyId: s.globex, id: draft) } == nil)
        }
    }

    @Test func onePersonOneTimer() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let s = try seed(db)
                var timer = RunningTimerRecord(companyId: s.acme, userId: s.ada, projectId: s.project, catalogItemId: s.item, startedAt: testEpoch)
                try TimeQueries.insertTimer(db, &timer)
                var second = RunningTimerRecord(companyId: s.acme, userId: s.ada, projectId: s.project, catalogItemId: s.item, startedAt: testEpoch)
                #expect(throws: DatabaseError.self) { try TimeQueries.insertTimer(db, &second) }
                #expect(try TimeQueries.timer(db, companyId: s.acme, userId: s.ada) != nil)
                #expect(try TimeQueries.timer(db, companyId: s.globex, userId: s.ada) == nil)
            }
        }
    }

    @Test func theSessionLookupCarriesTheRunningTimer() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let s = try seed(db)
                let hash = String(repeating: "a", count: 64)
                var session = SessionRecord(tokenHash: hash, userId: s.ada, companyId: s.acme, csrfToken: "t", ip: "", userAgent: "",
                                            createdAt: testEpoch, lastSeenAt: testEpoch, expiresAt: testEpoch.addingTimeInterval(3600))
                try SessionQueries.insert(db, &session)
                #expect(try SessionQueries.lookup(db, tokenHash: hash)?.runningTimer == nil)
                var timer = RunningTimerRecord(companyId: s.acme, userId: s.ada, projectId: s.project, catalogItemId: s.item, startedAt: testEpoch)
                try TimeQueries.insertTimer(db, &timer)
                let found = try SessionQueries.lookup(db, tokenHash: hash)
                #expect(found?.runningTimer == RunningTimerSummary(projectId: s.project, projectName: "Site", serviceName: "Design",
                                                                   startedAt: testEpoch))
                #expect(found?.membership.role == .staff)
                // The LEFT JOIN reads the timer through its unique (company_id, user_id) index: no scan.
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SessionQueries.lookupSQL, arguments: [hash])
                    .map { $0["detail"] as String }
                #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
                #expect(plan.contains { $0.contains("running_timers") && $0.contains("INDEX") }, "\(plan)")
            }
        }
    }

    @Test func theUnbilledQueryUsesThePartialIndex() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let s = try seed(db)
                _ = try entry(db, s, status: .approved)
                _ = try entry(db, s)
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + TimeQueries.unbilledSQL, arguments: [s.acme, s.project])
                    .map { $0["detail"] as String }.joined(separator: "\n")
                #expect(plan.contains("time_entries_unbilled"), "\(plan)")
                let rows = try TimeQueries.unbilled(db, companyId: s.acme, projectId: s.project, groupedBy: .service)
                #expect(rows.count == 1 && rows[0].minutes == 90 && rows[0].amountCents == 18_000)
                #expect(try TimeQueries.unbilled(db, companyId: s.globex, projectId: s.project, groupedBy: .entry).isEmpty)
            }
        }
    }
}
