import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

/// Throttling and progressive lockout at sign-in (issue 3 point 6), with a clock moved by hand.
@Suite("Login throttling")
struct LoginThrottleTests {
    @discardableResult
    private func attempt(_ t: TestApp, _ email: String = "ada@acme.test", password: String = "wrong password!!",
                         ip: String = "192.0.2.10") -> Error? {
        do {
            _ = try t.app.auth.signIn(email: email, password: password, ip: ip, userAgent: "T", requestId: "r")
            return nil
        } catch {
            return error
        }
    }

    private func isLocked(_ error: Error?) -> Bool {
        if case AuthError.locked? = error as? AuthError { return true }
        return false
    }

    private func row(_ t: TestApp, _ kind: LoginThrottleKind, _ key: String) throws -> LoginThrottleRecord? {
        try t.read { try LoginThrottleQueries.find($0, kind: kind, key: key) }
    }

    @Test func fiveFailuresLockTheAccountForAMinuteEvenAgainstTheRightPassword() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            for _ in 1...4 { #expect(attempt(t) as? AuthError == .invalidCredentials) }
            #expect(isLocked(attempt(t)), "the fifth failure starts the lock")
            #expect(try row(t, .account, "ada@acme.test")?.lockedUntil == t.clock.now.addingTimeInterval(60))
            #expect(isLocked(attempt(t, password: testPassword)), "the right password is refused while locked")
            t.clock.advance(by: 59)
            #expect(isLocked(attempt(t, password: testPassword)))
            t.clock.advance(by: 1)
            #expect(attempt(t, password: testPassword) == nil, "the lock has passed")
        }
    }

    @Test func theLockDoublesWithEachFurtherFailureUpToAnHour() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            for _ in 1...5 { attempt(t, ip: "") }
            var expected: [TimeInterval] = []
            var observed: [TimeInterval] = []
            for step in 0..<8 {
                let until = try #require(try row(t, .account, "ada@acme.test")?.lockedUntil)
                observed.append(until.timeIntervalSince(t.clock.now))
                expected.append(min(60 * pow(2, Double(step)), 3600))
                t.clock.advance(by: until.timeIntervalSince(t.clock.now))
                #expect(isLocked(attempt(t, ip: "")), "a failure once the lock is over locks again")
            }
            #expect(observed == expected)
            #expect(observed.suffix(2) == [3600, 3600], "capped at one hour")
            #expect(try row(t, .account, "ada@acme.test")?.failures == 13)
        }
    }

    @Test func attemptsWhileLockedAreRefusedUncountedButAudited() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            for _ in 1...5 { attempt(t) }
            for _ in 1...3 { attempt(t) }
            #expect(try row(t, .account, "ada@acme.test")?.failures == 5, "a refused attempt checks no password and counts nothing")
            let failed = try t.auditEvents(action: "auth.login_failed")
            #expect(failed.count == 8)
            #expect(try failed.suffix(3).allSatisfy { try auditDetails($0)["locked"] == ["before": nil, "after": "true"] })
        }
    }

    @Test func aSuccessResetsTheAccountsCounterButNotTheIPs() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            for _ in 1...4 { attempt(t) }
            #expect(attempt(t, password: testPassword) == nil)
            #expect(try row(t, .account, "ada@acme.test") == nil)
            #expect(try row(t, .ip, "192.0.2.10")?.failures == 4)
            for _ in 1...4 { #expect(attempt(t, ip: "198.51.100.1") as? AuthError == .invalidCredentials) }
            #expect(try row(t, .account, "ada@acme.test")?.failures == 4, "counting started again from zero")
        }
    }

    @Test func oneIPGuessingManyAccountsIsLockedByItsOwnCounter() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let emails = ["ada@acme.test", "hank@globex.test", "x1@acme.test", "x2@acme.test", "x3@acme.test"]
            for email in emails.dropLast() { #expect(attempt(t, email, ip: "203.0.113.5") as? AuthError == .invalidCredentials) }
            #expect(isLocked(attempt(t, emails.last ?? "", ip: "203.0.113.5")), "the address's fifth failure locks it")
            #expect(isLocked(attempt(t, "hank@globex.test", password: testPassword, ip: "203.0.113.5")),
                    "even a right password from that address")
            #expect(attempt(t, "hank@globex.test", password: testPassword, ip: "203.0.113.6") == nil,
                    "the account itself is not locked: another address signs in")
            let lockouts = try t.auditEvents(action: "auth.locked_out")
            #expect(lockouts.count == 1)
            #expect(try lockouts.first.map(auditDetails)?["kind"] == ["before": nil, "after": "ip"])
            _ = seed
        }
    }

    @Test func oneAccountGuessedFromManyIPsIsLockedByItsCounter() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            for index in 1...4 { attempt(t, ip: "198.51.100.\(index)") }
            #expect(isLocked(attempt(t, ip: "198.51.100.5")))
            #expect(isLocked(attempt(t, password: testPassword, ip: "198.51.100.99")))
            #expect(try row(t, .ip, "198.51.100.1")?.failures == 1)
        }
    }

    @Test func anUnknownEmailIsThrottledExactlyLikeAKnownOne() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            var known: [String] = []
            var unknown: [String] = []
            for index in 1...7 {
                known.append(String(describing: attempt(t, "ada@acme.test", ip: "192.0.2.\(index)")))
                unknown.append(String(describing: attempt(t, " NoBody@Acme.test ", ip: "198.51.100.\(index)")))
            }
            #expect(known == unknown, "the same answers in the same order")
            #expect(try row(t, .account, "nobody@acme.test")?.failures == 5, "keyed by the normalized email")
            let event = try #require(try t.auditEvents(action: "auth.locked_out").last)
            #expect(event.userId == nil && event.companyId == nil)
            #expect(try auditDetails(event)["key"] == ["before": nil, "after": "nobody@acme.test"])
        }
    }

    @Test func aLockoutIsAnAuditEventOfTheAccountsCompany() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            for _ in 1...5 { attempt(t) }
            let events = try t.auditEvents(action: "auth.locked_out")
            #expect(events.count == 2, "the account and the address locked together")
            for event in events {
                #expect(event.companyId == seed.acmeId && event.userId == seed.acme.user.id)
                #expect(event.objectType == "login_throttle" && event.ip == "192.0.2.10")
                #expect(try auditDetails(event)["failures"] == ["before": nil, "after": "5"])
            }
        }
    }

    @Test func staffSeeTheirCompanysLocksOnlyAndCanLiftThem() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            for _ in 1...5 { attempt(t, "ada@acme.test", ip: "192.0.2.10") }
            for _ in 1...5 { attempt(t, "hank@globex.test", ip: "192.0.2.20") }
            for _ in 1...5 { attempt(t, "ghost@nowhere.test", ip: "192.0.2.30") }
            let acmeAdmin = seed.actor(.admin)
            let listed = try t.app.lockouts.locked(for: acmeAdmin).map { "\($0.kind.rawValue) \($0.key)" }.sorted()
            #expect(listed == ["account ada@acme.test", "ip 192.0.2.10"])
            #expect(throws: AppError.forbidden) { try t.app.lockouts.locked(for: seed.actor(.manager)) }
            #expect(throws: AppError.notFound) { try t.app.lockouts.unlock(kind: .account, key: "hank@globex.test", by: acmeAdmin) }
            #expect(throws: AppError.notFound) { try t.app.lockouts.unlock(kind: .ip, key: "192.0.2.30", by: acmeAdmin) }

            try t.app.lockouts.unlock(kind: .account, key: "ada@acme.test", by: acmeAdmin)
            try t.app.lockouts.unlock(kind: .ip, key: "192.0.2.10", by: acmeAdmin)
            #expect(try t.app.lockouts.locked(for: acmeAdmin).isEmpty)
            #expect(attempt(t, password: testPassword) == nil, "unlocked: the owner signs in")
            let unlocked = try t.auditEvents(action: "auth.unlocked")
            #expect(unlocked.count == 2 && unlocked.allSatisfy { $0.companyId == seed.acmeId })
            #expect(try row(t, .account, "hank@globex.test")?.isLocked(at: t.clock.now) == true, "others untouched")
        }
    }
}
