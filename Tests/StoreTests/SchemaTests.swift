import Foundation
import Testing
@testable import Store

/// The committed Sources/Store/schema.sql is what a freshly migrated database holds: a reviewer
/// sees every schema change in the diff, and a migration edited after landing shows up here.
@Suite("Committed schema")
struct SchemaTests {
    static let schemaFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()      // StoreTests
        .deletingLastPathComponent()      // Tests
        .deletingLastPathComponent()      // package root
        .appendingPathComponent("Sources/Store/schema.sql")

    @Test func migratedSchemaMatchesTheCommittedSchemaFile() throws {
        let committed = try String(contentsOf: Self.schemaFile, encoding: .utf8)
        let migrated = try withMigratedDatabase { try $0.schemaSQL() }
        #expect(!migrated.isEmpty)
        #expect(migrated == committed, """
            The migrated schema differs from \(Self.schemaFile.path).
            If you added a migration, run `make schema` to regenerate schema.sql and commit it with the migration.
            If you did not, a landed migration was edited: never edit one, add a new migration instead.
            """)
    }

    @Test func schemaSQLListsEveryObjectOncePerStatement() throws {
        let schema = try withMigratedDatabase { try $0.schemaSQL() }
        for name in ["audit_events", "clients", "companies", "memberships", "sessions", "users",
                     "clients_live_by_name", "clients_deleted_by_name", "audit_events_refuse_update",
                     "audit_events_refuse_delete", "companies_by_name", "users_by_email", "memberships_by_user",
                     "sessions_by_user", "audit_events_by_company"] {
            #expect(schema.contains(" \(name) ") || schema.contains(" \(name)("), "schema.sql lacks \(name)")
        }
        #expect(!schema.contains("grdb_migrations"))
        #expect(!schema.contains("sqlite_"))
    }
}
