import Foundation
import GRDB
import Testing
@testable import Store

/// `AppDatabase.read` lends read-only connections of its own instead of GRDB's reader pool.
@Suite struct ReadConnectionsTests {
    @Test func aReusedConnectionSeesEveryCommittedWrite() throws {
        try withMigratedDatabase { database in
            for expected in 1...3 {
                try database.pool.write { db in _ = try insertCompany(db, name: "Company \(expected)") }
                #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM companies") } == expected)
                #expect(try database.readOneStatement { try Int.fetchOne($0, sql: "SELECT count(*) FROM companies") } == expected)
            }
        }
    }

    @Test func readsCannotWrite() throws {
        try withMigratedDatabase { database in
            #expect(throws: DatabaseError.self) {
                try database.read { try $0.execute(sql: "INSERT INTO companies (name, seat_limit, created_at, updated_at) VALUES ('x', 1, '', '')") }
            }
            #expect(throws: DatabaseError.self) {
                try database.readOneStatement { try $0.execute(sql: "DELETE FROM companies") }
            }
        }
    }

    /// More threads than idle connections read at once: each gets a connection of its own
    /// (none waits for another, none shares one), and the answers are all right.
    @Test func concurrentReadersEachGetAConnection() throws {
        try withTemporaryDirectory { directory in
            let database = try AppDatabase(path: directory + "/t.sqlite", readers: 2)
            try database.migrate()
            try database.pool.write { db in for index in 0..<20 { _ = try insertCompany(db, name: "C\(index)") } }
            let failures = Mutexed(0)
            DispatchQueue.concurrentPerform(iterations: 64) { _ in
                let count = try? database.read { db -> Int? in
                    let first = try Int.fetchOne(db, sql: "SELECT count(*) FROM companies")
                    Thread.sleep(forTimeInterval: 0.001)
                    return first == (try Int.fetchOne(db, sql: "SELECT count(*) FROM companies")) ? first : nil
                }
                if count != 20 { failures.update { $0 += 1 } }
            }
            #expect(failures.value == 0)
        }
    }

    /// A read in progress keeps its snapshot while a write commits beside it.
    @Test func aReadIsOneSnapshot() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in _ = try insertCompany(db, name: "Before") }
            let counts = try database.read { db -> (Int, Int) in
                let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM companies") ?? -1
                try database.pool.write { db in _ = try insertCompany(db, name: "During") }
                return (before, try Int.fetchOne(db, sql: "SELECT count(*) FROM companies") ?? -1)
            }
            #expect(counts == (1, 1))
            #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM companies") } == 2)
        }
    }
}

final class Mutexed<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
