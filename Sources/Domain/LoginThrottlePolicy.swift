import Foundation

/// How sign-in failures turn into lockouts (issue 3 point 6). The same rule applies to an
/// account (keyed by the normalized email, whether or not an account has it, so a lockout
/// never tells which emails exist) and to a client IP, each counted apart.
///
/// The first `freeFailures - 1` failures cost nothing; the `freeFailures`-th locks for
/// `baseDelay`, and each further failure (once the lock has passed) doubles it, up to `maxDelay`.
/// Failures older than `forgetAfter` are forgotten, so a typo a day never adds up.
public struct LoginThrottlePolicy: Sendable, Equatable {
    public var freeFailures: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    public var forgetAfter: TimeInterval

    public init(freeFailures: Int = 5, baseDelay: TimeInterval = 60, maxDelay: TimeInterval = 3600,
                forgetAfter: TimeInterval = 24 * 3600) {
        self.freeFailures = max(1, freeFailures)
        self.baseDelay = max(1, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
        self.forgetAfter = max(self.maxDelay, forgetAfter)
    }

    public static let standard = LoginThrottlePolicy()

    /// How long to lock after the `failures`-th consecutive failure; nil while under the threshold.
    public func lockDuration(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= freeFailures else { return nil }
        // Doubling past 2^20 would overflow nothing in Double, but the cap is reached long before.
        let doublings = min(failures - freeFailures, 20)
        return min(baseDelay * Double(1 << doublings), maxDelay)
    }

    /// The failure count after one more failure at `now`, given the count and time of the last one.
    public func failuresAfterAnother(previous: Int, lastFailureAt: Date?, now: Date) -> Int {
        guard let lastFailureAt, now.timeIntervalSince(lastFailureAt) < forgetAfter else { return 1 }
        return previous + 1
    }
}
