import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Migrations")
struct MigrationTests {
    @Test func identifiersAreUniqueAndInDateOrder() {
        let identifiers = Migrations.identifiers
        #expect(!identifiers.isEmpty)
        #expect(Set(identifiers).count == identifiers.count)
        #expect(identifiers == identifiers.sorted(), "migrations are named by date and must run in that order")
        #expect(identifiers.first == "2026-11-22-001-platform")
    }

    @Test func aFreshDatabaseIsBehindByEveryMigration() throws {
        try withTemporaryDirectory { directory in
            let database = try AppDatabase(path: directory + "/t.sqlite")
            #expect(try database.migrationStatus() == .behind(missing: Migrations.identifiers))
        }
    }

    @Test func migratingFromZeroRunsEveryMigrationOnce() throws {
        try withTemporaryDirectory { directory in
            let database = try AppDatabase(path: directory + "/t.sqlite")
            #expect(try database.migrate() == Migrations.identifiers)
            #expect(try database.migrationStatus() == .current)
            #expect(try database.migrate() == [])
            #expect(try database.migrationStatus() == .current)

            let tables = try database.pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name
                    """)
            }
            #expect(tables == ["accounting_events", "audit_events", "catalog_items", "client_counts", "clients",
                               "companies", "company_profiles", "csp_reports", "document_sequences", "estimate_documents",
                               "estimate_lines", "estimates", "expenses", "invitations", "invoice_counts",
                               "invoice_documents", "invoice_lines", "invoices", "late_fees", "login_throttles",
                               "memberships", "outbox_attachments", "outbox_messages", "pending_sign_ins",
                               "project_members", "project_time_totals", "project_unbilled_totals", "projects", "recurring_runs",
                               "recurring_template_lines", "recurring_templates", "reminder_log", "reminder_settings",
                               "running_timers", "sessions", "tax_rates", "time_entries", "two_factor_recovery_codes",
                               "user_tokens", "user_two_factor", "users"])
            try database.ping()
        }
    }

    @Test func theDatabaseFileIsCreatedWithItsDirectory() throws {
        try withTemporaryDirectory { directory in
            let database = try AppDatabase(dataDirectory: directory + "/nested/data")
            #expect(database.path == directory + "/nested/data/ez360.sqlite")
            try database.migrate()
            #expect(FileManager.default.fileExists(atPath: directory + "/nested/data/ez360.sqlite"))
        }
    }

    @Test func aDatabaseWithAnUnknownMigrationIsAheadAndRefusesToMigrate() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: ["2099-01-01-001-future"])
            }
            #expect(try database.migrationStatus() == .ahead(unknown: ["2099-01-01-001-future"]))

            let error = #expect(throws: StoreError.self) { try database.migrate() }
            guard case .databaseAhead(let summary) = try #require(error) else { return }
            #expect(summary.contains("2099-01-01-001-future"))
            #expect(summary.contains("ahead of the code"))
            #expect(try database.migrationStatus() == .ahead(unknown: ["2099-01-01-001-future"]))
        }
    }

    @Test func aheadWinsOverBehind() throws {
        try withTemporaryDirectory { directory in
            let database = try AppDatabase(path: directory + "/t.sqlite")
            try database.pool.write { db in
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('z-unknown'), ('a-unknown')")
            }
            #expect(try database.migrationStatus() == .ahead(unknown: ["a-unknown", "z-unknown"]))
        }
    }

    @Test func summaries() {
        #expect(MigrationStatus.current.summary == "up to date")
        #expect(MigrationStatus.behind(missing: ["m1", "m2"]).summary
            == "behind the code: 2 migration(s) to run (m1, m2); run `ez360 migrate`")
        #expect(MigrationStatus.ahead(unknown: ["m9"]).summary
            == "ahead of the code: it has migration(s) this binary does not know (m9); deploy the newer binary")
        #expect(StoreError.databaseAhead("x").description == "The database is x.")
    }
}
