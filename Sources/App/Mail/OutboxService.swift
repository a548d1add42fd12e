import Domain
import Foundation
import GRDB
import Store

/// The email outbox as use cases see it. Sending is never done here: `enqueue` only writes
/// a row, inside the caller's transaction, and the `ez360 outbox deliver` timer sends it.
/// So a mail exists if and only if the change that caused it committed, and no web request
/// ever waits for a mail server.
public struct OutboxService: Sendable {
    let database: AppDatabase
    let clock: Clock

    public init(database: AppDatabase, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    /// Queues `message` in the transaction `db` of the calling use case (e.g. an invitation
    /// written in the same `pool.write`), with its audit event. Invalid content throws
    /// `AppError.invalid`, which rolls the caller's transaction back too. `actor` is nil
    /// for system mail nobody in particular caused (a password-reset request).
    @discardableResult
    public func enqueue(_ message: OutboxMessage, in db: Database, by actor: Actor?) throws -> OutboxMessageRecord {
        let clean: OutboxMessage
        switch message.validated() {
        case .success(let valid): clean = valid
        case .failure(let errors): throw AppError.invalid(errors)
        }
        if let actor, let companyId = clean.companyId, companyId != actor.companyId { throw AppError.forbidden }
        let now = clock.now()
        var record = OutboxMessageRecord(companyId: clean.companyId, kind: clean.kind.rawValue, toAddress: clean.toAddress,
                                         toName: clean.toName, subject: clean.subject, textBody: clean.textBody,
                                         htmlBody: clean.htmlBody, nextAttemptAt: now, createdAt: now)
        try OutboxQueries.enqueue(db, &record, attachments: clean.attachments.map { ($0.filename, $0.contentType, Data($0.data)) })
        try AuditLog.append(db, AuditEventRecord(
            companyId: clean.companyId, userId: actor?.userId, action: "mail.queued", objectType: "outbox_message",
            objectId: record.id, details: Audit.json(["kind": (nil, clean.kind.rawValue), "to": (nil, clean.toAddress)]),
            requestId: actor?.requestId ?? "", ip: actor?.ip ?? "", createdAt: now))
        return record
    }

    /// Queues `message` in a transaction of its own (the CLI's test mail).
    @discardableResult
    public func enqueue(_ message: OutboxMessage, by actor: Actor?) throws -> OutboxMessageRecord {
        try database.pool.write { db in try enqueue(message, in: db, by: actor) }
    }

    /// The company's dead letters, newest first. Permission: manageMail.
    public func deadLetters(for actor: Actor, page: PageRequest = PageRequest(number: 1)) throws -> Page<OutboxMessageRecord> {
        try require(.manageMail, actor)
        return try database.read { db in
            try OutboxQueries.deadLetters(db, companyId: actor.companyId, page: page)
        }
    }

    /// Sends a dead letter again: back to pending, due now, attempts reset. Another
    /// company's id is `.notFound`; a message that is not dead is a conflict.
    /// Permission: manageMail.
    public func replay(_ id: Int64, by actor: Actor) throws -> OutboxMessageRecord {
        try require(.manageMail, actor)
        return try database.pool.write { db in
            guard let message = try OutboxQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard message.status == .dead else {
                throw AppError.conflict("This message is not undelivered (it is \(message.status.rawValue)); there is nothing to replay.")
            }
            let now = clock.now()
            try OutboxQueries.replay(db, companyId: actor.companyId, id: id, now: now)
            try AuditLog.append(db, Audit.event("mail.replayed", by: actor, objectType: "outbox_message", objectId: id,
                                                changes: ["status": ("dead", "pending"),
                                                          "attempts": (String(message.attempts), "0"),
                                                          "last_error": (message.lastError, nil)],
                                                at: now))
            guard let replayed = try OutboxQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            return replayed
        }
    }
}
