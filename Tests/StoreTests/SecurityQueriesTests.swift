import Domain
import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Security queries: sessions, throttles, CSP reports, audit pages")
struct SecurityQueriesTests {
    private func user(_ db: Database, _ email: String, company: Int64) throws -> Int64 {
        var user = UserRecord(email: email, passwordHash: "x", createdAt: testEpoch, updatedAt: testEpoch)
        try IdentityQueries.insert(db, &user)
        let id = try #require(user.id)
        var membership = MembershipRecord(companyId: company, userId: id, role: .staff, createdAt: testEpoch)
        try IdentityQueries.insert(db, &membership)
        return id
    }

    private func session(_ db: Database, _ hash: String, user: Int64, company: Int64, lastSeen: Date = testEpoch) throws -> Int64 {
        var session = SessionRecord(tokenHash: hash, userId: user, companyId: company, csrfToken: "c", ip: "", userAgent: "",
                                    createdAt: testEpoch, lastSeenAt: lastSeen, expiresAt: testEpoch.addingTimeInterval(3600))
        try SessionQueries.insert(db, &session)
        return try #require(session.id)
    }

    @Test func sessionListFindAndEndAllAreScopedToTheUserAndCompany() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                let ada = try user(db, "ada@acme.test", company: acme)
                var other = MembershipRecord(companyId: globex, userId: ada, role: .viewer, createdAt: testEpoch)
                try IdentityQueries.insert(db, &other)
                let bob = try user(db, "bob@acme.test", company: acme)
                let a1 = try session(db, "a1", user: ada, company: acme)
                let a2 = try session(db, "a2", user: ada, company: acme, lastSeen: testEpoch.addingTimeInterval(60))
                let a3 = try session(db, "a3", user: ada, company: acme)
                let inGlobex = try session(db, "ag", user: ada, company: globex)
                let bobs = try session(db, "b1", user: bob, company: acme)

                #expect(try SessionQueries.list(db, userId: ada, companyId: acme).compactMap(\.id) == [a2, a3, a1])
                #expect(try SessionQueries.find(db, id: a1, userId: ada, companyId: acme) != nil)
                #expect(try SessionQueries.find(db, id: bobs, userId: ada, companyId: acme) == nil)
                #expect(try SessionQueries.find(db, id: inGlobex, userId: ada, companyId: acme) == nil)

                #expect(try SessionQueries.endAll(db, userId: ada, companyId: acme, keeping: a2) == [a1, a3])
                #expect(try SessionQueries.list(db, userId: ada, companyId: acme).compactMap(\.id) == [a2])
                // A role change ends them all (the hook for rotation at privilege change).
                #expect(try SessionQueries.endAll(db, userId: ada, companyId: acme) == [a2])
                #expect(try Int64.fetchAll(db, sql: "SELECT id FROM sessions ORDER BY id") == [inGlobex, bobs])
            }
        }
    }

    @Test func throttleRowsAreSavedPrunedAndShownOnlyToTheCompanyTheyConcern() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                _ = try user(db, "ada@acme.test", company: acme)
                _ = try user(db, "hank@globex.test", company: globex)
                let now = testEpoch
                let later = now.addingTimeInterval(60)
                for (kind, key) in [(LoginThrottleKind.account, "ada@acme.test"), (.account, "hank@globex.test"),
                                    (.ip, "192.0.2.1"), (.ip, "192.0.2.2")] {
                    try LoginThrottleQueries.save(db, LoginThrottleRecord(kind: kind, key: key, failures: 5, lockedUntil: later,
                                                                          lastFailureAt: now))
                }
                try AuditLog.append(db, AuditEventRecord(companyId: acme, userId: nil, action: "auth.login_failed",
                                                         ip: "192.0.2.1", createdAt: now))
                let acmeSees = try LoginThrottleQueries.locked(db, companyId: acme, now: now).map(\.key).sorted()
                #expect(acmeSees == ["192.0.2.1", "ada@acme.test"])
                #expect(try LoginThrottleQueries.locked(db, companyId: globex, now: now).map(\.key) == ["hank@globex.test"])
                #expect(try LoginThrottleQueries.locked(db, companyId: acme, now: later).isEmpty, "expired locks are not listed")
                #expect(try LoginThrottleQueries.locked(db, companyId: globex, kind: .ip, key: "192.0.2.1", now: now) == nil)

                // Saving again updates in place (one row per kind and key).
                try LoginThrottleQueries.save(db, LoginThrottleRecord(kind: .ip, key: "192.0.2.2", failures: 1, lockedUntil: nil,
                                                                      lastFailureAt: later))
                #expect(try LoginThrottleQueries.find(db, kind: .ip, key: "192.0.2.2")?.failures == 1)
                #expect(try LoginThrottleQueries.find(db, kind: .account, key: "192.0.2.2") == nil)
                // Pruning keeps locks in force and recent counters.
                #expect(try LoginThrottleQueries.prune(db, forgottenBefore: later, now: now) == 0)
                #expect(try LoginThrottleQueries.prune(db, forgottenBefore: later, now: later) == 3)
                #expect(try LoginThrottleQueries.find(db, kind: .ip, key: "192.0.2.2") != nil)
                #expect(try LoginThrottleQueries.delete(db, kind: .ip, key: "192.0.2.2"))
                #expect(try !LoginThrottleQueries.delete(db, kind: .ip, key: "192.0.2.2"))
            }
        }
    }

    @Test func cspReportsAreCappedToTheNewest() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                for index in 1...12 {
                    var report = CSPReportRecord(documentUri: "/p\(index)", violatedDirective: "script-src", blockedUri: "inline",
                                                 userAgent: "", createdAt: testEpoch)
                    try CSPReportQueries.insert(db, &report)
                }
                #expect(try CSPReportQueries.prune(db, keep: 5) == 7)
                #expect(try CSPReportQueries.recent(db, limit: 100).map(\.documentUri) == ["/p12", "/p11", "/p10", "/p9", "/p8"])
                #expect(try CSPReportQueries.prune(db, keep: 5) == 0)
                #expect(try CSPReportQueries.count(db) == 5)
            }
        }
    }

    @Test func auditPagesFilterByActionUserAndDateWithinTheCompany() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                let ada = try user(db, "ada@acme.test", company: acme)
                let bob = try user(db, "bob@acme.test", company: acme)
                for index in 0..<30 {
                    try AuditLog.append(db, AuditEventRecord(companyId: acme, userId: index % 2 == 0 ? ada : bob,
                                                             action: index % 3 == 0 ? "client.created" : "auth.login",
                                                             createdAt: testEpoch.addingTimeInterval(Double(index) * 3600)))
                }
                try AuditLog.append(db, AuditEventRecord(companyId: globex, userId: nil, action: "client.created", createdAt: testEpoch))

                let all = try AuditLog.page(db, companyId: acme, filter: AuditLogFilter(), page: PageRequest(number: 1, size: 7))
                #expect(all.totalCount == 30 && all.items.count == 7 && all.pageCount == 5)
                #expect(all.items.first?.event.createdAt == testEpoch.addingTimeInterval(29 * 3600), "newest first")
                let last = try AuditLog.page(db, companyId: acme, filter: AuditLogFilter(), page: PageRequest(number: 5, size: 7))
                #expect(last.items.count == 2 && last.items.last?.event.createdAt == testEpoch)

                let created = try AuditLog.page(db, companyId: acme, filter: AuditLogFilter(action: "client.created"),
                                                page: PageRequest(number: 1))
                #expect(created.totalCount == 10 && created.items.allSatisfy { $0.event.action == "client.created" })
                let bobs = try AuditLog.page(db, companyId: acme, filter: AuditLogFilter(userId: bob), page: PageRequest(number: 1))
                #expect(bobs.totalCount == 15 && bobs.items.allSatisfy { $0.userEmail == "bob@acme.test" })
                let window = AuditLogFilter(from: testEpoch.addingTimeInterval(10 * 3600), before: testEpoch.addingTimeInterval(20 * 3600))
                #expect(try AuditLog.page(db, companyId: acme, filter: window, page: PageRequest(number: 1)).totalCount == 10)
                #expect(try AuditLog.page(db, companyId: globex, filter: AuditLogFilter(userId: ada), page: PageRequest(number: 1)).totalCount == 0)
                #expect(try AuditLog.actions(db, companyId: acme) == ["auth.login", "client.created"])
                #expect(try AuditLog.members(db, companyId: acme).map(\.email) == ["ada@acme.test", "bob@acme.test"])
            }
        }
    }

    @Test func theAuditPageQueryUsesTheCompanyIndexes() throws {
        try withMigratedDatabase { database in
            try database.pool.read { db in
                for (filter, index) in [("", "audit_events_by_company"), ("AND action = 'x'", "audit_events_by_company_action"),
                                        ("AND user_id = 1", "audit_events_by_company_user")] {
                    let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM audit_events WHERE company_id = 1 "
                                                + filter + " ORDER BY id DESC LIMIT 50")
                        .map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
                    #expect(plan.contains(index), "\(filter): \(plan)")
                    #expect(!plan.contains("TEMP B-TREE"), "\(filter): sorts instead of walking the index: \(plan)")
                }
            }
        }
    }
}
