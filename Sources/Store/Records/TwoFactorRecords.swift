import Foundation
import GRDB

/// A user's TOTP enrolment (table `user_two_factor`).
public struct UserTwoFactorRecord: SnakeCaseRecord, Sendable {
    public static let databaseTableName = "user_two_factor"

    public var userId: Int64
    public var secret: Data
    public var enabledAt: Date?
    public var lastUsedStep: Int64
    public var createdAt: Date
    public var updatedAt: Date

    public init(userId: Int64, secret: Data, enabledAt: Date? = nil, lastUsedStep: Int64 = 0, createdAt: Date, updatedAt: Date) {
        self.userId = userId
        self.secret = secret
        self.enabledAt = enabledAt
        self.lastUsedStep = lastUsedStep
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A sign-in waiting for its second factor (table `pending_sign_ins`).
public struct PendingSignInRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "pending_sign_ins"

    public var id: Int64?
    public var tokenHash: String
    public var userId: Int64
    public var companyId: Int64
    public var nextPath: String
    public var attempts: Int
    public var createdAt: Date
    public var expiresAt: Date

    public init(id: Int64? = nil, tokenHash: String, userId: Int64, companyId: Int64, nextPath: String, attempts: Int = 0,
                createdAt: Date, expiresAt: Date) {
        self.id = id
        self.tokenHash = tokenHash
        self.userId = userId
        self.companyId = companyId
        self.nextPath = nextPath
        self.attempts = attempts
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
