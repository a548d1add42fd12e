import Domain
import Foundation
import GRDB
import Testing
@testable import Store

@Suite("SessionQueries and IdentityQueries")
struct SessionQueriesTests {
    /// A company, a user and the user's membership; returns (companyId, userId).
    private func member(_ db: Database, company: String, email: String, role: Role = .staff) throws -> (Int64, Int64) {
        let companyId = try IdentityQueries.company(db, name: company)?.id ?? insertCompany(db, name: company)
        var user = try IdentityQueries.user(db, email: email)
            ?? UserRecord(email: email, passwordHash: "x", createdAt: testEpoch, updatedAt: testEpoch)
        if user.id == nil { try IdentityQueries.insert(db, &user) }
        let userId = try #require(user.id)
        var membership = MembershipRecord(companyId: companyId, userId: userId, role: role, createdAt: testEpoch)
        try IdentityQueries.insert(db, &membership)
        return (companyId, userId)
    }

    @discardableResult
    private func session(_ db: Database, hash: String, userId: Int64, companyId: Int64,
                         lastSeen: Date = testEpoch, expires: Date = testEpoch.addingTimeInterval(3600)) throws -> SessionRecord {
        var session = SessionRecord(tokenHash: hash, userId: userId, companyId: companyId, csrfToken: "csrf-" + hash,
                                    ip: "", userAgent: "", createdAt: testEpoch, lastSeenAt: lastSeen, expiresAt: expires)
        try SessionQueries.insert(db, &session)
        return session
    }

    @Test func lookupJoinsUserCompanyAndMembership() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let (companyId, userId) = try member(db, company: "Acme", email: "ada@acme.test", role: .manager)
                let stored = try session(db, hash: "h1", userId: userId, companyId: companyId)
                let found = try #require(try SessionQueries.lookup(db, tokenHash: "h1"))
                #expect(found.session.id == stored.id && found.session.csrfToken == "csrf-h1")
                #expect(found.user.id == userId && found.company.id == companyId)
                #expect(found.membership.role == .manager)
                #expect(try SessionQueries.lookup(db, tokenHash: "unknown") == nil)
                #expect(try SessionQueries.lookup(db, tokenHash: "H1") == nil, "token hashes are exact")
            }
        }
    }

    @Test func lookupFindsNothingOnceTheMembershipIsGone() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let (companyId, userId) = try member(db, company: "Acme", email: "ada@acme.test")
                try session(db, hash: "h1", userId: userId, companyId: companyId)
                try db.execute(sql: "DELETE FROM memberships")
                #expect(try SessionQueries.lookup(db, tokenHash: "h1") == nil)
            }
        }
    }

    @Test func touchDeleteAndDeleteAll() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let (acme, ada) = try member(db, company: "Acme", email: "ada@acme.test")
                let (_, bob) = try member(db, company: "Acme", email: "bob@acme.test")
                let first = try session(db, hash: "a1", userId: ada, companyId: acme)
                try session(db, hash: "a2", userId: ada, companyId: acme)
                let bobs = try session(db, hash: "b1", userId: bob, companyId: acme)

                try SessionQueries.touch(db, id: try #require(first.id), at: testEpoch.addingTimeInterval(90))
                #expect(try SessionQueries.lookup(db, tokenHash: "a1")?.session.lastSeenAt == testEpoch.addingTimeInterval(90))
                #expect(try SessionQueries.lookup(db, tokenHash: "a2")?.session.lastSeenAt == testEpoch)

                try SessionQueries.delete(db, id: try #require(bobs.id))
                #expect(try SessionQueries.lookup(db, tokenHash: "b1") == nil)
                #expect(try SessionQueries.lookup(db, tokenHash: "a1") != nil)

                try session(db, hash: "b2", userId: bob, companyId: acme)
                try SessionQueries.deleteAll(db, userId: ada)
                #expect(try String.fetchAll(db, sql: "SELECT token_hash FROM sessions ORDER BY id") == ["b2"])
            }
        }
    }

    @Test func deleteExpiredRemovesAbsoluteAndIdleExpiriesOnly() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let (acme, ada) = try member(db, company: "Acme", email: "ada@acme.test")
                let now = testEpoch.addingTimeInterval(10_000)
                let idleCutoff = now.addingTimeInterval(-1_800)
                try session(db, hash: "fresh", userId: ada, companyId: acme, lastSeen: now, expires: now.addingTimeInterval(60))
                try session(db, hash: "expired", userId: ada, companyId: acme, lastSeen: now, expires: now)
                try session(db, hash: "idle", userId: ada, companyId: acme, lastSeen: idleCutoff, expires: now.addingTimeInterval(60))
                try session(db, hash: "almost-idle", userId: ada, companyId: acme, lastSeen: idleCutoff.addingTimeInterval(1),
                            expires: now.addingTimeInterval(60))
                #expect(try SessionQueries.deleteExpired(db, now: now, idleCutoff: idleCutoff) == 2)
                #expect(try String.fetchAll(db, sql: "SELECT token_hash FROM sessions ORDER BY id") == ["fresh", "almost-idle"])
                #expect(try SessionQueries.deleteExpired(db, now: now, idleCutoff: idleCutoff) == 0)
            }
        }
    }

    @Test func identityQueries() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let (acme, ada) = try member(db, company: "Acme", email: "ada@acme.test", role: .owner)
                let (globex, _) = try member(db, company: "Globex", email: "ada@acme.test", role: .viewer)
                _ = try member(db, company: "Acme", email: "bob@acme.test")

                #expect(try IdentityQueries.company(db, name: "aCmE")?.id == acme)
                #expect(try IdentityQueries.company(db, name: "Acme Inc") == nil)
                #expect(try IdentityQueries.company(db, id: globex)?.name == "Globex")
                #expect(try IdentityQueries.companies(db).map(\.name) == ["Acme", "Globex"])
                #expect(try IdentityQueries.user(db, id: ada)?.email == "ada@acme.test")
                #expect(try IdentityQueries.membership(db, userId: ada, companyId: globex)?.role == .viewer)
                #expect(try IdentityQueries.firstMembership(db, userId: ada)?.companyId == acme)
                #expect(try IdentityQueries.memberCount(db, companyId: acme) == 2)
                #expect(try IdentityQueries.memberCount(db, companyId: globex) == 1)
                #expect(try IdentityQueries.userCount(db) == 2)

                let later = testEpoch.addingTimeInterval(30)
                try IdentityQueries.setPasswordHash(db, userId: ada, hash: "new-hash", at: later)
                let user = try #require(try IdentityQueries.user(db, id: ada))
                #expect(user.passwordHash == "new-hash" && user.updatedAt == later)

                try IdentityQueries.setSeatLimit(db, companyId: acme, seats: 3, at: later)
                let company = try #require(try IdentityQueries.company(db, id: acme))
                #expect(company.seatLimit == 3 && company.updatedAt == later)
            }
        }
    }
}
