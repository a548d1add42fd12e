import Foundation
import GRDB

public struct ClientRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "clients"

    public var id: Int64?
    public var companyId: Int64
    public var name: String
    public var email: String
    public var companyName: String
    public var phone: String
    public var address: String
    public var notes: String
    public var createdAt: Date
    public var updatedAt: Date
    public var deletedAt: Date?

    public init(id: Int64? = nil, companyId: Int64, name: String, email: String = "", companyName: String = "",
                phone: String = "", address: String = "", notes: String = "", createdAt: Date, updatedAt: Date,
                deletedAt: Date? = nil) {
        self.id = id
        self.companyId = companyId
        self.name = name
        self.email = email
        self.companyName = companyName
        self.phone = phone
        self.address = address
        self.notes = notes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    public var isDeleted: Bool { deletedAt != nil }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
