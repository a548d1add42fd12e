import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

/// A clock the test moves by hand. Starts at a whole second so dates survive the database's
/// millisecond text form unchanged.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date { lock.withLock { current } }
    var clock: Clock { Clock { [self] in now } }

    func advance(by seconds: TimeInterval) { lock.withLock { current.addTimeInterval(seconds) } }
}

/// Scrypt at N=2^10 so each hash takes milliseconds.
let fastHasher = PasswordHasher(logN: 10)
let testPassword = "correct horse battery staple"

func testConfig(directory: String, hasher: PasswordHasher = fastHasher, idle: TimeInterval = 30 * 60,
                absolute: TimeInterval = 12 * 3600) -> AppConfig {
    AppConfig(environment: .test, dataDirectory: directory, passwordHasher: hasher,
              sessionIdleTimeout: idle, sessionAbsoluteTimeout: absolute)
}

/// One app on a fresh, migrated database of its own, with its own clock.
struct TestApp {
    let app: EZ360App
    let clock: TestClock
    let directory: String
    var database: AppDatabase { app.database }

    /// Another app on the same database (another configuration, e.g. stronger hashing).
    func sibling(hasher: PasswordHasher = fastHasher, idle: TimeInterval = 30 * 60, absolute: TimeInterval = 12 * 3600) -> EZ360App {
        EZ360App(database: database, config: testConfig(directory: directory, hasher: hasher, idle: idle, absolute: absolute),
                 clock: clock.clock)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try database.pool.read(body) }

    func count(_ table: String) throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// Rows in every table, to prove a refused call wrote nothing at all.
    func tableCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["companies", "users", "memberships", "sessions", "clients", "audit_events"] {
            counts[table] = try count(table)
        }
        return counts
    }

    /// Audit events in insertion order.
    func auditEvents() throws -> [AuditEventRecord] {
        try read { db in try AuditEventRecord.fetchAll(db, sql: "SELECT * FROM audit_events ORDER BY id") }
    }

    func auditEvents(action: String) throws -> [AuditEventRecord] {
        try auditEvents().filter { $0.action == action }
    }
}

func withTestApp<T>(idle: TimeInterval = 30 * 60, absolute: TimeInterval = 12 * 3600,
                    _ body: (TestApp) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ez360-app-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let clock = TestClock()
    let database = try AppDatabase(path: directory + "/t.sqlite")
    try database.migrate()
    let app = EZ360App(database: database, config: testConfig(directory: directory, idle: idle, absolute: absolute),
                       clock: clock.clock)
    return try body(TestApp(app: app, clock: clock, directory: directory))
}

/// Two companies, each with an owner, as the identity service creates them.
struct TwoCompanies {
    let acme: IdentityService.CreatedUser
    let globex: IdentityService.CreatedUser
    var acmeId: Int64 { acme.company.id ?? -1 }
    var globexId: Int64 { globex.company.id ?? -1 }

    func actor(_ role: Role, in created: IdentityService.CreatedUser? = nil, requestId: String = "req-1") -> Actor {
        let member = created ?? acme
        return Actor(userId: member.user.id, companyId: member.company.id ?? -1, role: role,
                     requestId: requestId, ip: "192.0.2.10")
    }
}

func seedTwoCompanies(_ t: TestApp) throws -> TwoCompanies {
    TwoCompanies(
        acme: try t.app.identity.createUser(email: "ada@acme.test", password: testPassword, companyName: "Acme", role: .owner),
        globex: try t.app.identity.createUser(email: "hank@globex.test", password: testPassword, companyName: "Globex", role: .owner))
}

/// `details` of an audit event, decoded: field → (before, after).
func auditDetails(_ event: AuditEventRecord) throws -> [String: [String: String?]] {
    try JSONDecoder().decode([String: [String: String?]].self, from: Data(event.details.utf8))
}

/// The error `body` throws, or nil (recording an issue) when it does not throw.
func thrownError<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) -> Error? {
    do {
        let value = try body()
        Issue.record("expected an error, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
