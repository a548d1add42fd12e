import Foundation
import GRDB

/// The one SQLite database: WAL (GRDB's pool), synchronous=FULL so a committed payment survives
/// a power cut, foreign keys on, and a busy timeout so concurrent writers wait instead of failing.
public final class AppDatabase: Sendable {
    public let pool: DatabasePool
    public let path: String
    private let readers: ReadConnections

    public init(path: String, readers: Int = 4) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = max(1, readers)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Reads through a memory map instead of a read(2) per page: list pages walk
            // thousands of index entries. Writes still go through the WAL.
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        self.readers = ReadConnections(path: path, configuration: configuration, maxIdle: max(1, readers))
        // GRDB sets synchronous=NORMAL on the writer when it enables WAL, after
        // prepareDatabase ran; the writer is the connection that must be FULL. SQLite only
        // changes it outside a transaction.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
    }

    /// Reads in one transaction (one consistent snapshot) on a read-only connection: what
    /// every page uses. `pool.write` is for writes; `pool.read` does the same as this through
    /// GRDB's reader pool, which costs more per call (see `ReadConnections`).
    public func read<T>(_ block: (Database) throws -> T) throws -> T {
        try readers.withConnection { try $0.read(block) }
    }

    /// One SELECT outside a transaction. SQLite runs a single statement in its own read
    /// snapshot, so BEGIN and COMMIT around it buy nothing; the session lookup every request
    /// makes saves them (`make bench`). Reads of several statements that must agree with each
    /// other use `read`.
    public func readOneStatement<T>(_ block: (Database) throws -> T) throws -> T {
        try readers.withConnection { try $0.inDatabase(block) }
    }

    /// `$dataDir/ez360.sqlite`.
    public convenience init(dataDirectory: String, readers: Int = 4) throws {
        try self.init(path: (dataDirectory as NSString).appendingPathComponent("ez360.sqlite"), readers: readers)
    }

    /// Runs the migrations this binary has not run yet. Refuses a database that is ahead.
    @discardableResult
    public func migrate() throws -> [String] {
        if case .ahead = try migrationStatus() {
            throw StoreError.databaseAhead(try migrationStatus().summary)
        }
        let before = try pool.read { try Migrations.migrator.appliedIdentifiers($0) }
        try Migrations.migrator.migrate(pool)
        return Migrations.identifiers.filter { !before.contains($0) }
    }

    public func migrationStatus() throws -> MigrationStatus {
        try pool.read { db in
            let known = Migrations.identifiers
            let applied = try Migrations.migrator.appliedIdentifiers(db)
            let unknown = applied.filter { !known.contains($0) }.sorted()
            if !unknown.isEmpty { return .ahead(unknown: unknown) }
            let missing = known.filter { !applied.contains($0) }
            return missing.isEmpty ? .current : .behind(missing: missing)
        }
    }

    /// The schema as SQLite holds it, tables, then indexes, then triggers, each by name (so
    /// `sqlite3 new.db < schema.sql` loads it): compared in tests with the committed schema.sql.
    public func schemaSQL() throws -> String {
        try pool.read { db in
            let statements = try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, name
                """)
            return statements.map { $0 + ";\n" }.joined(separator: "\n")
        }
    }

    /// A trivial query that proves the database answers (health check).
    public func ping() throws {
        _ = try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM companies") }
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case databaseAhead(String)

    public var description: String {
        switch self {
        case .databaseAhead(let summary): "The database is \(summary)."
        }
    }
}
