import Domain
import Foundation

/// Who is doing something, for whom, and from where: what every use case scopes by and every
/// audit event records.
public struct Actor: Sendable {
    public let userId: Int64?
    public let companyId: Int64
    public let role: Role
    public let requestId: String
    public let ip: String

    public init(userId: Int64?, companyId: Int64, role: Role, requestId: String = "", ip: String = "") {
        self.userId = userId
        self.companyId = companyId
        self.role = role
        self.requestId = requestId
        self.ip = ip
    }

    /// For the CLI and the demo seed: acts as the company's owner, recorded as no user.
    public static func system(companyId: Int64, requestId: String = "cli") -> Actor {
        Actor(userId: nil, companyId: companyId, role: .owner, requestId: requestId, ip: "")
    }
}

/// What a use case can refuse with; the web layer turns each into a status.
public enum AppError: Error, Equatable, Sendable {
    /// Missing, or belonging to another company: the caller cannot tell which (404).
    case notFound
    /// The role does not hold the permission (403).
    case forbidden
    /// Input that does not pass validation (422, the form again with messages).
    case invalid(ValidationErrors)
    /// A rule of the domain refuses the change (409 or a form message).
    case conflict(String)
}

/// The time, injectable so tests and the demo seed can set it.
public struct Clock: Sendable {
    public let now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date) { self.now = now }
    public static let system = Clock { Date() }
}
