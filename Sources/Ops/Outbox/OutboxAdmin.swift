import App
import Domain
import Foundation
import GRDB
import Store

/// What `ez360 outbox list|replay|test` do: the sysadmin's view across every company (and
/// system mail), which the web pages never offer (they are scoped to one company).
public struct OutboxAdmin {
    let app: EZ360App

    public init(app: EZ360App) { self.app = app }

    public func list(status: OutboxStatus?, limit: Int = 100) throws -> [OutboxMessageRecord] {
        try app.database.read { try OutboxQueries.opsList($0, status: status, limit: min(max(1, limit), 10_000)) }
    }

    /// A dead letter of any company back to pending, attempts reset; audited for its company.
    public func replay(_ id: Int64, requestId: String = "cli") throws -> OutboxMessageRecord {
        try app.database.pool.write { db in
            guard let message = try OutboxQueries.opsFind(db, id: id) else { throw AppError.notFound }
            guard message.status == .dead else {
                throw AppError.conflict("Message \(id) is \(message.status.rawValue), not dead; only dead letters are replayed.")
            }
            let now = app.clock.now()
            try OutboxQueries.opsReplay(db, id: id, now: now)
            try AuditLog.append(db, AuditEventRecord(
                companyId: message.companyId, userId: nil, action: "mail.replayed", objectType: "outbox_message", objectId: id,
                details: Self.json(["status": ["before": "dead", "after": "pending"],
                                    "attempts": ["before": String(message.attempts), "after": "0"],
                                    "last_error": ["before": message.lastError, "after": nil]]),
                requestId: requestId, createdAt: now))
            guard let replayed = try OutboxQueries.opsFind(db, id: id) else { throw AppError.notFound }
            return replayed
        }
    }

    public static let testSubject = "EZ360PM test message"

    /// Queues a test message (system mail, no company) to check the mail setup end to end.
    public func queueTest(to address: String, name: String = "", subject: String = OutboxAdmin.testSubject,
                          attachments: [MailAttachment] = [], requestId: String = "cli") throws -> OutboxMessageRecord {
        let host = ProcessInfo.processInfo.hostName
        let message = OutboxMessage(
            companyId: nil, kind: .test, toAddress: address, toName: name, subject: subject,
            textBody: """
                This is a test message from EZ360PM on \(host).

                If you can read it, the outbox delivers mail: EZ360_SENDMAIL works and the relay accepted it.
                """,
            htmlBody: """
                <p>This is a test message from EZ360PM on \(Self.escape(host)).</p>
                <p>If you can read it, the outbox delivers mail: <code>EZ360_SENDMAIL</code> works and the relay accepted it.</p>
                """, attachments: attachments)
        return try app.database.pool.write { db in
            try app.outbox.enqueue(message, in: db, by: nil)
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Audit details, keys sorted (as the App's audit events are).
    static func json(_ object: [String: [String: String?]]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(object) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
