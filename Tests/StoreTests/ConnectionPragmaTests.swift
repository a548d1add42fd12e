import GRDB
import Testing
@testable import Store

/// WAL, synchronous=FULL, foreign keys and a busy timeout, on the writer and on readers alike.
@Suite("Connection settings")
struct ConnectionPragmaTests {
    private struct Pragmas: Equatable {
        var journalMode: String?
        var synchronous: Int?
        var foreignKeys: Int?
        var busyTimeout: Int?
    }

    private func pragmas(_ db: Database) throws -> Pragmas {
        Pragmas(journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                foreignKeys: try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                busyTimeout: try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
    }

    @Test func writerConnection() throws {
        try withMigratedDatabase { database in
            let found = try database.pool.write { try pragmas($0) }
            #expect(found.journalMode == "wal")
            #expect(found.synchronous == 2, "synchronous must be FULL (2)")
            #expect(found.foreignKeys == 1)
            #expect((found.busyTimeout ?? 0) > 0)
            #expect(found.busyTimeout == 5_000)
        }
    }

    @Test func readerConnection() throws {
        try withMigratedDatabase { database in
            let found = try database.pool.read { try pragmas($0) }
            #expect(found.journalMode == "wal")
            #expect(found.synchronous == 2, "synchronous must be FULL (2)")
            #expect(found.foreignKeys == 1)
            #expect((found.busyTimeout ?? 0) > 0)
        }
    }

    @Test func foreignKeysAreEnforced() throws {
        try withMigratedDatabase { database in
            #expect(throws: DatabaseError.self) {
                try database.pool.write { db in
                    try insertClient(db, companyId: 999, name: "Orphan")
                }
            }
            let count = try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM clients") }
            #expect(count == 0)
        }
    }
}
