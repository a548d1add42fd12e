import Foundation
import GRDB

public struct CompanyRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "companies"

    public var id: Int64?
    public var name: String
    public var currency: String
    public var seatLimit: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, name: String, currency: String = "USD", seatLimit: Int = 10, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.currency = currency
        self.seatLimit = seatLimit
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
