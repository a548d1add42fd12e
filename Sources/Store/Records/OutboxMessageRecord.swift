import Foundation
import GRDB

/// Where a queued mail stands. pending → sending → sent, or back to pending with a later
/// `next_attempt_at` after a failure, or dead after the last allowed attempt (until replayed).
public enum OutboxStatus: String, Codable, CaseIterable, Sendable, DatabaseValueConvertible {
    case pending, sending, sent, dead
}

/// One mail in the outbox (table `outbox_messages`).
public struct OutboxMessageRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "outbox_messages"

    public var id: Int64?
    /// nil for system mail (not sent on behalf of a company).
    public var companyId: Int64?
    public var kind: String
    public var toAddress: String
    public var toName: String
    public var subject: String
    public var textBody: String
    public var htmlBody: String
    public var status: OutboxStatus
    public var attempts: Int
    public var nextAttemptAt: Date
    public var claimedAt: Date?
    public var lastError: String
    public var createdAt: Date
    public var sentAt: Date?
    public var deadAt: Date?

    public init(id: Int64? = nil, companyId: Int64?, kind: String, toAddress: String, toName: String = "",
                subject: String, textBody: String, htmlBody: String = "", status: OutboxStatus = .pending,
                attempts: Int = 0, nextAttemptAt: Date, claimedAt: Date? = nil, lastError: String = "",
                createdAt: Date, sentAt: Date? = nil, deadAt: Date? = nil) {
        self.id = id
        self.companyId = companyId
        self.kind = kind
        self.toAddress = toAddress
        self.toName = toName
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.claimedAt = claimedAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.deadAt = deadAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
