import Foundation
import GRDB

/// A file sent with an outbox message (table `outbox_attachments`), kept with the message so
/// a retry next week sends exactly what was queued.
public struct OutboxAttachmentRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "outbox_attachments"

    public var id: Int64?
    public var messageId: Int64
    public var filename: String
    public var contentType: String
    public var data: Data

    public init(id: Int64? = nil, messageId: Int64, filename: String, contentType: String, data: Data) {
        self.id = id
        self.messageId = messageId
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
