/// When a failed mail is tried again, and when the outbox gives up on it.
///
/// Exponential backoff: 1 minute after the first failure, then 2, 4, 8 … minutes, capped at
/// 6 hours. With the default 8 attempts a message is retried over about 2 hours
/// (1+2+4+…+64 = 127 minutes) — long enough to ride out a relay restart or a short outage,
/// short enough that an admin sees a dead letter the same day. Raising the attempts spreads
/// the later ones 6 hours apart.
public struct OutboxRetryPolicy: Sendable, Equatable {
    public static let defaultMaxAttempts = 8
    public static let baseDelaySeconds = 60
    public static let maxDelaySeconds = 6 * 3600
    /// A message 'sending' for longer than this was claimed by a runner that stopped.
    public static let stalledAfterSeconds = 15 * 60

    /// Attempts (the first one included) before a message is dead-lettered; at least 1.
    public let maxAttempts: Int

    public init(maxAttempts: Int = OutboxRetryPolicy.defaultMaxAttempts) {
        self.maxAttempts = min(max(1, maxAttempts), 100)
    }

    /// Seconds to wait after `failures` failed attempts (1 or more): 60 × 2^(failures−1), capped.
    public func delaySeconds(afterFailures failures: Int) -> Int {
        let exponent = max(0, failures - 1)
        // 2^9 minutes already exceeds the cap; avoid shifting into overflow.
        guard exponent < 9 else { return Self.maxDelaySeconds }
        return min(Self.baseDelaySeconds << exponent, Self.maxDelaySeconds)
    }

    /// What to do after the `failures`-th failed attempt.
    public func afterFailure(_ failures: Int) -> Decision {
        failures >= maxAttempts ? .deadLetter : .retry(afterSeconds: delaySeconds(afterFailures: failures))
    }

    public enum Decision: Equatable, Sendable {
        case retry(afterSeconds: Int)
        case deadLetter
    }
}
