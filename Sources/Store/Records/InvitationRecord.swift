import Domain
import Foundation
import GRDB

/// An invitation to join a company with a role (single use, expiring). Only the SHA-256 of
/// the link's token is stored.
public struct InvitationRecord: SnakeCaseRecord, Sendable, Identifiable {
    public static let databaseTableName = "invitations"

    public var id: Int64?
    public var companyId: Int64
    public var email: String
    public var role: Role
    public var tokenHash: String
    public var invitedBy: Int64?
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    public var acceptedUserId: Int64?

    public init(id: Int64? = nil, companyId: Int64, email: String, role: Role, tokenHash: String, invitedBy: Int64?,
                createdAt: Date, expiresAt: Date, acceptedAt: Date? = nil, acceptedUserId: Int64? = nil) {
        self.id = id
        self.companyId = companyId
        self.email = email
        self.role = role
        self.tokenHash = tokenHash
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.acceptedUserId = acceptedUserId
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
