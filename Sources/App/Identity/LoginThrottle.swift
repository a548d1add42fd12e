import Domain
import Foundation
import GRDB
import Store

/// Applies `LoginThrottlePolicy` to the `login_throttles` table inside the caller's
/// transaction. The account key is the normalized email whether or not a user has it, so an
/// unknown email locks exactly like a real one and a lockout never tells which emails exist.
struct LoginThrottle: Sendable {
    let policy: LoginThrottlePolicy

    struct Key: Sendable, Equatable {
        let kind: LoginThrottleKind
        let key: String
    }

    /// The counters a sign-in attempt touches: the account (unless no email was typed) and the
    /// client IP (unless there is none: the CLI and in-process callers).
    static func keys(email: String, ip: String) -> [Key] {
        var keys: [Key] = []
        if !email.isEmpty { keys.append(Key(kind: .account, key: String(email.prefix(254)))) }
        if !ip.isEmpty { keys.append(Key(kind: .ip, key: String(ip.prefix(100)))) }
        return keys
    }

    /// The latest end of a lock in force on any of `keys`, or nil when none is locked.
    func lockedUntil(_ db: Database, keys: [Key], now: Date) throws -> Date? {
        var latest: Date?
        for key in keys {
            guard let row = try LoginThrottleQueries.find(db, kind: key.kind, key: key.key), row.isLocked(at: now),
                  let until = row.lockedUntil else { continue }
            latest = max(latest ?? until, until)
        }
        return latest
    }

    /// Counts one more failure on each key; returns the rows that this failure locked.
    func recordFailure(_ db: Database, keys: [Key], now: Date) throws -> [LoginThrottleRecord] {
        // Opportunistic clean-up, on the same write: old, unlocked counters serve nothing.
        try LoginThrottleQueries.prune(db, forgottenBefore: now.addingTimeInterval(-policy.forgetAfter), now: now)
        var locked: [LoginThrottleRecord] = []
        for key in keys {
            let previous = try LoginThrottleQueries.find(db, kind: key.kind, key: key.key)
            let failures = policy.failuresAfterAnother(previous: previous?.failures ?? 0,
                                                       lastFailureAt: previous?.lastFailureAt, now: now)
            let lockedUntil = policy.lockDuration(afterFailures: failures).map { now.addingTimeInterval($0) }
            let row = LoginThrottleRecord(kind: key.kind, key: key.key, failures: failures,
                                          lockedUntil: lockedUntil ?? previous?.lockedUntil, lastFailureAt: now)
            try LoginThrottleQueries.save(db, row)
            if lockedUntil != nil { locked.append(row) }
        }
        return locked
    }

    /// A successful sign-in clears the account's counter (never the IP's: one good password
    /// must not buy an address more guesses at other accounts).
    func recordSuccess(_ db: Database, email: String) throws {
        try LoginThrottleQueries.delete(db, kind: .account, key: String(email.prefix(254)))
    }
}
