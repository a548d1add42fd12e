import Domain
import Foundation
import GRDB

public struct MembershipRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "memberships"

    public var id: Int64?
    public var companyId: Int64
    public var userId: Int64
    public var role: Role
    public var createdAt: Date

    public init(id: Int64? = nil, companyId: Int64, userId: Int64, role: Role, createdAt: Date) {
        self.id = id
        self.companyId = companyId
        self.userId = userId
        self.role = role
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Role: DatabaseValueConvertible {}
