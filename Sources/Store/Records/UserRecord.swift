import Foundation
import GRDB

public struct UserRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "users"

    public var id: Int64?
    public var email: String
    public var displayName: String
    public var passwordHash: String
    public var emailVerifiedAt: Date?
    public var disabledAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, email: String, displayName: String = "", passwordHash: String,
                emailVerifiedAt: Date? = nil, disabledAt: Date? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.emailVerifiedAt = emailVerifiedAt
        self.disabledAt = disabledAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Decoded by hand: GRDB's Codable path with snake_case conversion cost a third of a
    /// list page's time (measured by `make bench`).
    public init(row: Row) throws {
        id = row["id"]
        email = row["email"]
        displayName = row["display_name"]
        passwordHash = row["password_hash"]
        emailVerifiedAt = DatabaseDate.decode(row, "email_verified_at")
        disabledAt = DatabaseDate.decode(row, "disabled_at")
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
    }

    /// `users`'s columns in the order `init(row:startingAt:)` reads them by position, for
    /// joins that decode several records from one row without GRDB's name lookups (`make bench`).
    static let positionalColumns = ["id", "email", "display_name", "password_hash", "email_verified_at", "disabled_at", "created_at", "updated_at"]

    init(row: Row, startingAt first: Int) {
        id = row[first]
        email = row[first + 1]
        displayName = row[first + 2]
        passwordHash = row[first + 3]
        emailVerifiedAt = DatabaseDate.decode(row, first + 4)
        disabledAt = DatabaseDate.decode(row, first + 5)
        createdAt = DatabaseDate.decodeRequired(row, first + 6)
        updatedAt = DatabaseDate.decodeRequired(row, first + 7)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
