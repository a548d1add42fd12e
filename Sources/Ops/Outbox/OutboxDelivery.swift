import App
import Domain
import Foundation
import GRDB
import Store

/// `ez360 outbox deliver`: sends the due mail of every company, one message at a time.
///
/// Each message is claimed first (pending → sending in its own short transaction, one
/// statement), so two runners started at once never send the same mail; the mail is then
/// piped to sendmail outside any transaction, and the outcome recorded in another one.
/// Delivery is at-least-once: if the runner dies between sendmail accepting a message and
/// the outcome being recorded, the message is 'sending' until it is recovered (after 15
/// minutes) and sent again. Only ever run by the CLI (and its timer), never by a request.
public struct OutboxDelivery {
    public struct Summary: Equatable, Sendable, CustomStringConvertible {
        public var sent = 0
        public var retried = 0
        public var dead = 0
        /// 'sending' rows of a runner that stopped, returned to pending.
        public var recovered = 0

        public init(sent: Int = 0, retried: Int = 0, dead: Int = 0, recovered: Int = 0) {
            self.sent = sent
            self.retried = retried
            self.dead = dead
            self.recovered = recovered
        }

        public var description: String {
            "sent \(sent), retried \(retried), dead \(dead)" + (recovered > 0 ? ", recovered \(recovered) stalled" : "")
        }
    }

    let database: AppDatabase
    let config: MailConfig
    let clock: Clock
    let transport: any MailTransport

    public init(database: AppDatabase, config: MailConfig, clock: Clock = .system, transport: (any MailTransport)? = nil) {
        self.database = database
        self.config = config
        self.clock = clock
        self.transport = transport ?? SendmailPipe(command: config.sendmailCommand)
    }

    /// Delivers up to `limit` due messages. Throws only for a bad configuration or a
    /// database failure; a mail that cannot be sent is recorded on its row.
    public func run(limit: Int = 100) throws -> Summary {
        let from = try config.fromAddress()
        let policy = config.retryPolicy
        var summary = Summary()

        let now = clock.now()
        let stalledBefore = now.addingTimeInterval(-Double(OutboxRetryPolicy.stalledAfterSeconds))
        let recovered = try database.pool.write { db in
            let result = try OutboxQueries.recoverStalled(db, claimedBefore: stalledBefore, maxAttempts: policy.maxAttempts,
                                                          now: now, error: "Delivery was interrupted (the runner stopped while sending).")
            for message in result.dead {
                try AuditLog.append(db, Self.event("mail.dead", message, attempts: message.attempts, error: message.lastError, at: now))
            }
            return result
        }
        summary.recovered = recovered.returned
        summary.dead += recovered.dead.count

        var processed = 0
        while processed < max(0, limit) {
            guard let message = try database.pool.write({ try OutboxQueries.claimNext($0, now: clock.now()) }) else { break }
            processed += 1
            switch try deliver(message, from: from, policy: policy) {
            case .sent: summary.sent += 1
            case .retried: summary.retried += 1
            case .dead: summary.dead += 1
            }
        }
        return summary
    }

    enum Outcome { case sent, retried, dead }

    private func deliver(_ message: OutboxMessageRecord, from: MailAddress, policy: OutboxRetryPolicy) throws -> Outcome {
        guard let id = message.id else { return .dead }
        let attachments = try database.read { try OutboxQueries.attachments($0, messageId: id) }
        let attempts = message.attempts + 1
        let bytes: [UInt8]
        do {
            bytes = try Self.mime(for: message, attachments: attachments, from: from, date: clock.now()).rendered()
        } catch {
            // Content that can never be sent: retrying would not help.
            return try finish(id, message, attempts: attempts, error: "Cannot build the message: \(error)", dead: true)
        }
        do {
            try transport.send(bytes)
        } catch {
            let reason = (error as? MailTransportError)?.description ?? "\(error)"
            switch policy.afterFailure(attempts) {
            case .deadLetter:
                return try finish(id, message, attempts: attempts, error: reason, dead: true)
            case .retry(let seconds):
                _ = try database.pool.write { db in
                    try OutboxQueries.markRetry(db, id: id, attempts: attempts, error: String(reason.prefix(1000)),
                                                nextAttemptAt: clock.now().addingTimeInterval(Double(seconds)))
                }
                return .retried
            }
        }
        try database.pool.write { db in
            let now = clock.now()
            if try OutboxQueries.markSent(db, id: id, at: now) {
                try AuditLog.append(db, Self.event("mail.sent", message, attempts: attempts, error: nil, at: now))
            }
        }
        return .sent
    }

    private func finish(_ id: Int64, _ message: OutboxMessageRecord, attempts: Int, error: String, dead: Bool) throws -> Outcome {
        try database.pool.write { db in
            let now = clock.now()
            if try OutboxQueries.markDead(db, id: id, attempts: attempts, error: String(error.prefix(1000)), at: now) {
                try AuditLog.append(db, Self.event("mail.dead", message, attempts: attempts, error: error, at: now))
            }
        }
        return .dead
    }

    /// The message as it goes out. The Message-ID is derived from the row, so every retry
    /// of one mail carries the same id and receivers can drop duplicates.
    static func mime(for message: OutboxMessageRecord, attachments: [OutboxAttachmentRecord], from: MailAddress,
                     date: Date) -> MIMEMessage {
        MIMEMessage(from: from, to: MailAddress(name: message.toName, address: message.toAddress), subject: message.subject,
                    textBody: message.textBody, htmlBody: message.htmlBody,
                    attachments: attachments.map { MailAttachment(filename: $0.filename, contentType: $0.contentType,
                                                                  data: [UInt8]($0.data)) },
                    date: date,
                    messageID: "ez360.outbox.\(message.id ?? 0).\(Int(message.createdAt.timeIntervalSince1970))@\(from.domain)")
    }

    static func event(_ action: String, _ message: OutboxMessageRecord, attempts: Int, error: String?, at date: Date) -> AuditEventRecord {
        var details: [String: [String: String?]] = ["attempts": ["before": String(message.attempts), "after": String(attempts)]]
        if let error { details["last_error"] = ["before": nil, "after": String(error.prefix(500))] }
        return AuditEventRecord(companyId: message.companyId, userId: nil, action: action, objectType: "outbox_message",
                                objectId: message.id, details: OutboxAdmin.json(details), requestId: "outbox", createdAt: date)
    }
}
