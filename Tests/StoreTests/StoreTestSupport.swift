import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// A fixed instant (2027-01-15 08:00:00 UTC), whole seconds so dates survive the database's millisecond text.
let testEpoch = Date(timeIntervalSince1970: 1_800_000_000)

/// Runs `body` with a fresh directory of its own, removed afterwards.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ez360-store-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(directory)
}

/// A fresh database, migrated from zero, in its own temporary directory.
func withMigratedDatabase<T>(_ body: (AppDatabase) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let database = try AppDatabase(path: directory + "/t.sqlite")
        try database.migrate()
        return try body(database)
    }
}

@discardableResult
func insertCompany(_ db: Database, name: String, seatLimit: Int = 10) throws -> Int64 {
    var company = CompanyRecord(name: name, seatLimit: seatLimit, createdAt: testEpoch, updatedAt: testEpoch)
    try IdentityQueries.insert(db, &company)
    return try #require(company.id)
}

@discardableResult
func insertClient(_ db: Database, companyId: Int64, name: String, email: String = "", companyName: String = "",
                  deletedAt: Date? = nil) throws -> ClientRecord {
    var client = ClientRecord(companyId: companyId, name: name, email: email, companyName: companyName,
                              createdAt: testEpoch, updatedAt: testEpoch, deletedAt: deletedAt)
    try ClientQueries.insert(db, &client)
    return client
}

/// Runs `sql` past every service and expects the database (a trigger or constraint) to
/// refuse it with a message containing `fragment`.
func expectRefused(_ database: AppDatabase, containing fragment: String, _ sql: String,
                   arguments: StatementArguments = [], sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        try database.pool.write { try $0.execute(sql: sql, arguments: arguments) }
        Issue.record("expected the database to refuse: \(sql)", sourceLocation: sourceLocation)
    } catch let error as DatabaseError {
        #expect(error.message?.contains(fragment) == true, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
