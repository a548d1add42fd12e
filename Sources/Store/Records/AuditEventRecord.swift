import Foundation
import GRDB

/// One line of the append-only audit log (triggers refuse UPDATE and DELETE). `details` is a
/// JSON object: before/after of the fields that changed.
public struct AuditEventRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "audit_events"

    public var id: Int64?
    public var companyId: Int64?
    public var userId: Int64?
    public var action: String
    public var objectType: String
    public var objectId: Int64?
    public var details: String
    public var requestId: String
    public var ip: String
    public var createdAt: Date

    public init(id: Int64? = nil, companyId: Int64?, userId: Int64?, action: String, objectType: String = "",
                objectId: Int64? = nil, details: String = "{}", requestId: String = "", ip: String = "", createdAt: Date) {
        self.id = id
        self.companyId = companyId
        self.userId = userId
        self.action = action
        self.objectType = objectType
        self.objectId = objectId
        self.details = details
        self.requestId = requestId
        self.ip = ip
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
