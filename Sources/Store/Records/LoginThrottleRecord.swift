import Foundation
import GRDB

/// Which counter a throttle row is: an account (normalized email) or a client IP.
public enum LoginThrottleKind: String, Codable, CaseIterable, Sendable, DatabaseValueConvertible {
    case account, ip
}

/// Consecutive sign-in failures for one account or IP, and the lock they earned (table
/// `login_throttles`).
public struct LoginThrottleRecord: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "login_throttles"

    public var kind: LoginThrottleKind
    public var key: String
    public var failures: Int
    public var lockedUntil: Date?
    public var lastFailureAt: Date

    public init(kind: LoginThrottleKind, key: String, failures: Int, lockedUntil: Date?, lastFailureAt: Date) {
        self.kind = kind
        self.key = key
        self.failures = failures
        self.lockedUntil = lockedUntil
        self.lastFailureAt = lastFailureAt
    }

    public func isLocked(at now: Date) -> Bool {
        lockedUntil.map { $0 > now } ?? false
    }
}
