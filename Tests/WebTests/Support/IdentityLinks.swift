import App
import Foundation
import GRDB
import Store

/// A clock a test moves by hand (link expiry).
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_795_000_000)

    var clock: Clock { Clock { [self] in lock.withLock { current } } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

extension WebHarness {
    /// The queued mails (outbox rows), oldest first.
    func mails(kind: String? = nil) throws -> [OutboxMessageRecord] {
        try app.database.pool.read { db in
            try OutboxMessageRecord.fetchAll(db, sql: "SELECT * FROM outbox_messages ORDER BY id").filter { kind == nil || $0.kind == kind }
        }
    }

    /// The path of the last link in the newest mail of `kind` that contains `prefix` (e.g. "/invitations/").
    func linkPath(kind: String, prefix: String) throws -> String? {
        guard let body = try mails(kind: kind).last?.textBody, let range = body.range(of: prefix, options: .backwards) else { return nil }
        let rest = body[range.lowerBound...]
        return String(rest.prefix { !$0.isWhitespace })
    }

    func sessionCount(email: String) throws -> Int {
        try app.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ?",
                             arguments: [email]) ?? 0
        }
    }

    func setUnverified(_ email: String) throws {
        try app.database.pool.write { try $0.execute(sql: "UPDATE users SET email_verified_at = NULL WHERE email = ?", arguments: [email]) }
    }
}
