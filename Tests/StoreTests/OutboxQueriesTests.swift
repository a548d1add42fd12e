import Domain
import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct OutboxQueriesTests {
    @discardableResult
    static func enqueue(_ db: Database, companyId: Int64?, to: String = "ada@example.com", subject: String = "Hello",
                        at date: Date = testEpoch, attachments: [(filename: String, contentType: String, data: Data)] = []) throws -> OutboxMessageRecord {
        var message = OutboxMessageRecord(companyId: companyId, kind: "test", toAddress: to, subject: subject,
                                          textBody: "Body", nextAttemptAt: date, createdAt: date)
        try OutboxQueries.enqueue(db, &message, attachments: attachments)
        return message
    }

    @Test func enqueueStoresTheMessageAndItsAttachments() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let company = try insertCompany(db, name: "Acme")
                let message = try Self.enqueue(db, companyId: company, attachments: [("a.pdf", "application/pdf", Data([1, 2, 3])),
                                                                                    ("b.txt", "text/plain", Data("hi".utf8))])
                let id = try #require(message.id)
                let stored = try #require(try OutboxQueries.find(db, companyId: company, id: id))
                #expect(stored.status == .pending)
                #expect(stored.attempts == 0)
                #expect(stored.nextAttemptAt == testEpoch)
                let attachments = try OutboxQueries.attachments(db, messageId: id)
                #expect(attachments.map(\.filename) == ["a.pdf", "b.txt"])
                #expect(attachments[0].data == Data([1, 2, 3]))
            }
        }
    }

    @Test func claimTakesOnlyDueMessagesOnceInOrder() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let later = try Self.enqueue(db, companyId: nil, subject: "later", at: testEpoch.addingTimeInterval(60))
                let first = try Self.enqueue(db, companyId: nil, subject: "first", at: testEpoch.addingTimeInterval(-10))
                let second = try Self.enqueue(db, companyId: nil, subject: "second", at: testEpoch)

                let claimed1 = try #require(try OutboxQueries.claimNext(db, now: testEpoch))
                let claimed2 = try #require(try OutboxQueries.claimNext(db, now: testEpoch))
                #expect(claimed1.id == first.id && claimed1.status == .sending && claimed1.claimedAt == testEpoch)
                #expect(claimed2.id == second.id)
                #expect(try OutboxQueries.claimNext(db, now: testEpoch) == nil, "the later one is not due, the others are taken")
                #expect(try OutboxQueries.claimNext(db, now: testEpoch.addingTimeInterval(60))?.id == later.id)
            }
        }
    }

    @Test func twoConnectionsNeverClaimTheSameMessage() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/t.sqlite"
            let first = try AppDatabase(path: path)
            try first.migrate()
            let second = try AppDatabase(path: path)  // another process, as far as SQLite is concerned
            try first.pool.write { db in
                for index in 0..<40 { try Self.enqueue(db, companyId: nil, subject: "m\(index)") }
            }
            let claimed = Locked([Int64]())
            DispatchQueue.concurrentPerform(iterations: 2) { runner in
                let database = runner == 0 ? first : second
                while let message = try? database.pool.write({ try OutboxQueries.claimNext($0, now: testEpoch) }) {
                    claimed.withLock { $0.append(message.id ?? 0) }
                }
            }
            let ids = claimed.withLock { $0 }
            #expect(ids.count == 40)
            #expect(Set(ids).count == 40, "a message was claimed twice")
        }
    }

    @Test func sentRetryAndDeadOnlyMoveAClaimedMessage() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let message = try Self.enqueue(db, companyId: nil)
                let id = try #require(message.id)
                #expect(try !OutboxQueries.markSent(db, id: id, at: testEpoch), "not claimed yet")
                _ = try OutboxQueries.claimNext(db, now: testEpoch)
                let next = testEpoch.addingTimeInterval(120)
                #expect(try OutboxQueries.markRetry(db, id: id, attempts: 1, error: "relay down", nextAttemptAt: next))
                var stored = try #require(try OutboxQueries.opsFind(db, id: id))
                #expect(stored.status == .pending && stored.attempts == 1 && stored.lastError == "relay down")
                #expect(stored.nextAttemptAt == next && stored.claimedAt == nil)

                _ = try OutboxQueries.claimNext(db, now: next)
                #expect(try OutboxQueries.markDead(db, id: id, attempts: 2, error: "still down", at: next))
                stored = try #require(try OutboxQueries.opsFind(db, id: id))
                #expect(stored.status == .dead && stored.deadAt == next && stored.attempts == 2)
                #expect(try !OutboxQueries.markSent(db, id: id, at: next), "a dead letter is not sent without a replay")
            }
        }
    }

    @Test func stalledSendingRowsAreRecoveredAndCountedAsAnAttempt() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let fresh = try Self.enqueue(db, companyId: nil, subject: "fresh")
                let stale = try Self.enqueue(db, companyId: nil, subject: "stale")
                let lastChance = try Self.enqueue(db, companyId: nil, subject: "last chance")
                try db.execute(sql: "UPDATE outbox_messages SET attempts = 7 WHERE id = ?", arguments: [lastChance.id])
                for _ in 0..<2 { _ = try OutboxQueries.claimNext(db, now: testEpoch) }  // fresh, stale claimed at T
                _ = try OutboxQueries.claimNext(db, now: testEpoch)
                try db.execute(sql: "UPDATE outbox_messages SET claimed_at = ? WHERE id = ?",
                               arguments: [testEpoch.addingTimeInterval(600), fresh.id])
                let now = testEpoch.addingTimeInterval(16 * 60)
                let result = try OutboxQueries.recoverStalled(db, claimedBefore: now.addingTimeInterval(-15 * 60), maxAttempts: 8,
                                                              now: now, error: "interrupted")
                #expect(result.returned == 1)
                #expect(result.dead.map(\.id) == [lastChance.id])
                #expect(try OutboxQueries.opsFind(db, id: stale.id ?? 0)?.status == .pending)
                #expect(try OutboxQueries.opsFind(db, id: stale.id ?? 0)?.attempts == 1)
                #expect(try OutboxQueries.opsFind(db, id: fresh.id ?? 0)?.status == .sending, "claimed 6 minutes ago: still sending")
                #expect(try OutboxQueries.opsFind(db, id: lastChance.id ?? 0)?.status == .dead)
            }
        }
    }

    @Test func deadLettersAndReplayAreScopedByCompany() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                let acmeMail = try Self.enqueue(db, companyId: acme, subject: "acme")
                let globexMail = try Self.enqueue(db, companyId: globex, subject: "globex")
                let systemMail = try Self.enqueue(db, companyId: nil, subject: "system")
                for _ in 0..<3 {
                    let claimed = try #require(try OutboxQueries.claimNext(db, now: testEpoch))
                    try OutboxQueries.markDead(db, id: claimed.id ?? 0, attempts: 8, error: "x", at: testEpoch)
                }
                #expect(try OutboxQueries.deadLetters(db, companyId: acme, page: PageRequest(number: 1)).items.map(\.subject) == ["acme"])
                #expect(try OutboxQueries.deadLetters(db, companyId: globex, page: PageRequest(number: 1)).totalCount == 1)
                #expect(try OutboxQueries.find(db, companyId: acme, id: globexMail.id ?? 0) == nil)
                #expect(try !OutboxQueries.replay(db, companyId: acme, id: globexMail.id ?? 0, now: testEpoch))
                #expect(try !OutboxQueries.replay(db, companyId: acme, id: systemMail.id ?? 0, now: testEpoch))
                #expect(try OutboxQueries.opsFind(db, id: globexMail.id ?? 0)?.status == .dead)

                let later = testEpoch.addingTimeInterval(3600)
                #expect(try OutboxQueries.replay(db, companyId: acme, id: acmeMail.id ?? 0, now: later))
                let replayed = try #require(try OutboxQueries.find(db, companyId: acme, id: acmeMail.id ?? 0))
                #expect(replayed.status == .pending && replayed.attempts == 0 && replayed.deadAt == nil)
                #expect(replayed.nextAttemptAt == later && replayed.lastError.isEmpty)
                #expect(try !OutboxQueries.replay(db, companyId: acme, id: acmeMail.id ?? 0, now: later), "only a dead letter replays")

                #expect(try OutboxQueries.opsList(db, status: .dead, limit: 10).map(\.subject) == ["system", "globex"])
                #expect(try OutboxQueries.opsReplay(db, id: systemMail.id ?? 0, now: later))
                #expect(try OutboxQueries.opsList(db, status: nil, limit: 10).count == 3)
            }
        }
    }

    @Test func theDeliveryQueryUsesTheDueIndex() throws {
        try withMigratedDatabase { database in
            let plan = try database.pool.read { db in
                try Row.fetchAll(db, sql: """
                    EXPLAIN QUERY PLAN SELECT id FROM outbox_messages
                    WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1
                    """, arguments: [testEpoch]).map { $0["detail"] as String? ?? "" }
            }
            #expect(plan.contains { $0.contains("outbox_messages_due") }, "\(plan)")
        }
    }

    @Test func theSchemaRefusesBadRows() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                var bad = OutboxMessageRecord(companyId: nil, kind: "test", toAddress: "a@b.c", subject: "",
                                              textBody: "x", nextAttemptAt: testEpoch, createdAt: testEpoch)
                #expect(throws: DatabaseError.self) { try bad.insert(db) }
                let message = try Self.enqueue(db, companyId: nil)
                #expect(throws: DatabaseError.self) {
                    try db.execute(sql: "UPDATE outbox_messages SET status = 'lost' WHERE id = ?", arguments: [message.id])
                }
                #expect(throws: DatabaseError.self) {
                    try db.execute(sql: "UPDATE outbox_messages SET attempts = -1 WHERE id = ?", arguments: [message.id])
                }
                #expect(throws: DatabaseError.self) { try Self.enqueue(db, companyId: 999) }
            }
        }
    }
}

/// A value shared between threads.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
