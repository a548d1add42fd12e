import Foundation
import GRDB

/// A single-use link mailed to a user: email verification or password reset. Only the
/// SHA-256 of the token is stored.
public struct UserTokenRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "user_tokens"

    public enum Purpose: String, Codable, Sendable, DatabaseValueConvertible {
        case verify, reset
    }

    public var id: Int64?
    public var userId: Int64
    public var purpose: Purpose
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    public init(id: Int64? = nil, userId: Int64, purpose: Purpose, tokenHash: String, createdAt: Date, expiresAt: Date,
                usedAt: Date? = nil) {
        self.id = id
        self.userId = userId
        self.purpose = purpose
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
