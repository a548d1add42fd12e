import Foundation
import GRDB
import Testing
@testable import Store

/// Rules the database itself enforces, tried with raw SQL past every service.
@Suite("Schema constraints")
struct ConstraintTests {
    @Test func auditEventsRefuseUpdate() throws {
        try withMigratedDatabase { database in
            let companyId = try database.pool.write { db in
                let companyId = try insertCompany(db, name: "Acme")
                try AuditLog.append(db, AuditEventRecord(companyId: companyId, userId: nil, action: "client.created",
                                                         objectType: "client", objectId: 1, createdAt: testEpoch))
                return companyId
            }
            expectRefused(database, containing: "append-only", "UPDATE audit_events SET action = 'forged'")
            expectRefused(database, containing: "append-only", "UPDATE audit_events SET details = '{}' WHERE id = 1")
            let events = try database.pool.read { try AuditLog.recent($0, companyId: companyId) }
            #expect(events.map(\.action) == ["client.created"])
        }
    }

    @Test func auditEventsRefuseDelete() throws {
        try withMigratedDatabase { database in
            let companyId = try database.pool.write { db in
                let companyId = try insertCompany(db, name: "Acme")
                try AuditLog.append(db, AuditEventRecord(companyId: companyId, userId: nil, action: "a", createdAt: testEpoch))
                try AuditLog.append(db, AuditEventRecord(companyId: companyId, userId: nil, action: "b", createdAt: testEpoch))
                return companyId
            }
            expectRefused(database, containing: "append-only", "DELETE FROM audit_events")
            expectRefused(database, containing: "append-only", "DELETE FROM audit_events WHERE id = 1")
            #expect(try database.pool.read { try AuditLog.count($0, companyId: companyId) } == 2)
        }
    }

    @Test func auditLogCountAndRecent() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                for action in ["x", "y", "x"] {
                    try AuditLog.append(db, AuditEventRecord(companyId: acme, userId: nil, action: action, createdAt: testEpoch))
                }
                try AuditLog.append(db, AuditEventRecord(companyId: globex, userId: nil, action: "x", createdAt: testEpoch))
                try AuditLog.append(db, AuditEventRecord(companyId: nil, userId: nil, action: "x", createdAt: testEpoch))
                #expect(try AuditLog.count(db, companyId: acme) == 3)
                #expect(try AuditLog.count(db, companyId: acme, action: "x") == 2)
                #expect(try AuditLog.count(db, companyId: nil) == 1)
                #expect(try AuditLog.count(db, companyId: nil, action: "y") == 0)
                #expect(try AuditLog.recent(db, companyId: acme).map(\.action) == ["x", "y", "x"])
                #expect(try AuditLog.recent(db, companyId: acme, limit: 2).compactMap(\.id) == [3, 2])
            }
        }
    }

    @Test func clientNameMustNotBeEmpty() throws {
        try withMigratedDatabase { database in
            _ = try database.pool.write { try insertCompany($0, name: "Acme") }
            expectRefused(database, containing: "CHECK constraint failed", """
                INSERT INTO clients (company_id, name, created_at, updated_at) VALUES (1, '', 'x', 'x')
                """)
        }
    }

    @Test func clientNameIsAtMost200Characters() throws {
        try withMigratedDatabase { database in
            _ = try database.pool.write { try insertCompany($0, name: "Acme") }
            expectRefused(database, containing: "CHECK constraint failed", """
                INSERT INTO clients (company_id, name, created_at, updated_at) VALUES (1, ?, 'x', 'x')
                """, arguments: [String(repeating: "a", count: 201)])
            try database.pool.write { db in
                try db.execute(sql: "INSERT INTO clients (company_id, name, created_at, updated_at) VALUES (1, ?, 'x', 'x')",
                               arguments: [String(repeating: "a", count: 200)])
            }
        }
    }

    @Test func membershipRoleMustBeKnown() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                try insertCompany(db, name: "Acme")
                try db.execute(sql: """
                    INSERT INTO users (email, password_hash, created_at, updated_at) VALUES ('a@b.c', 'x', 'x', 'x')
                    """)
            }
            for role in ["superuser", "Owner", ""] {
                expectRefused(database, containing: "CHECK constraint failed", """
                    INSERT INTO memberships (company_id, user_id, role, created_at) VALUES (1, 1, ?, 'x')
                    """, arguments: [role])
            }
            try database.pool.write { db in
                try db.execute(sql: "INSERT INTO memberships (company_id, user_id, role, created_at) VALUES (1, 1, 'viewer', 'x')")
            }
            expectRefused(database, containing: "UNIQUE constraint failed", """
                INSERT INTO memberships (company_id, user_id, role, created_at) VALUES (1, 1, 'owner', 'x')
                """)
        }
    }

    @Test func companyConstraints() throws {
        try withMigratedDatabase { database in
            expectRefused(database, containing: "CHECK constraint failed",
                          "INSERT INTO companies (name, created_at, updated_at) VALUES ('', 'x', 'x')")
            expectRefused(database, containing: "CHECK constraint failed",
                          "INSERT INTO companies (name, seat_limit, created_at, updated_at) VALUES ('Acme', 0, 'x', 'x')")
            expectRefused(database, containing: "CHECK constraint failed",
                          "INSERT INTO companies (name, currency, created_at, updated_at) VALUES ('Acme', 'US', 'x', 'x')")
            _ = try database.pool.write { try insertCompany($0, name: "Acme") }
            expectRefused(database, containing: "UNIQUE constraint failed",
                          "INSERT INTO companies (name, created_at, updated_at) VALUES ('ACME', 'x', 'x')")
        }
    }

    @Test func userEmailIsUniqueWhateverItsCase() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                var user = UserRecord(email: "ada@example.com", passwordHash: "x", createdAt: testEpoch, updatedAt: testEpoch)
                try IdentityQueries.insert(db, &user)
            }
            expectRefused(database, containing: "UNIQUE constraint failed", """
                INSERT INTO users (email, password_hash, created_at, updated_at) VALUES ('ADA@Example.com', 'x', 'x', 'x')
                """)
            expectRefused(database, containing: "CHECK constraint failed", """
                INSERT INTO users (email, password_hash, created_at, updated_at) VALUES ('ab', 'x', 'x', 'x')
                """)
            let found = try database.pool.read { try IdentityQueries.user($0, email: "ADA@EXAMPLE.COM") }
            #expect(found?.email == "ada@example.com")
        }
    }

    @Test func sessionTokenHashesAreUnique() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                try insertCompany(db, name: "Acme")
                try db.execute(sql: "INSERT INTO users (email, password_hash, created_at, updated_at) VALUES ('a@b.c', 'x', 'x', 'x')")
                try db.execute(sql: """
                    INSERT INTO sessions (token_hash, user_id, company_id, csrf_token, created_at, last_seen_at, expires_at)
                    VALUES ('h', 1, 1, 'c', 'x', 'x', 'x')
                    """)
            }
            expectRefused(database, containing: "UNIQUE constraint failed", """
                INSERT INTO sessions (token_hash, user_id, company_id, csrf_token, created_at, last_seen_at, expires_at)
                VALUES ('h', 1, 1, 'c2', 'x', 'x', 'x')
                """)
        }
    }
}
