import Domain
import Foundation
import Testing

@Suite struct LoginThrottlePolicyTests {
    let policy = LoginThrottlePolicy.standard

    @Test func fourFailuresCostNothingAndTheFifthLocksForAMinute() {
        for failures in 0...4 { #expect(policy.lockDuration(afterFailures: failures) == nil, "\(failures)") }
        #expect(policy.lockDuration(afterFailures: 5) == 60)
    }

    @Test func eachFurtherFailureDoublesTheLockUpToAnHour() {
        #expect((5...12).map { policy.lockDuration(afterFailures: $0) } == [60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(policy.lockDuration(afterFailures: 1_000_000) == 3600, "no overflow, still the cap")
    }

    @Test func failuresAreForgottenAfterADayWithoutOne() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(policy.failuresAfterAnother(previous: 0, lastFailureAt: nil, now: now) == 1)
        #expect(policy.failuresAfterAnother(previous: 7, lastFailureAt: now.addingTimeInterval(-86_399), now: now) == 8)
        #expect(policy.failuresAfterAnother(previous: 7, lastFailureAt: now.addingTimeInterval(-86_400), now: now) == 1)
    }

    @Test func nonsenseSettingsAreClamped() {
        let odd = LoginThrottlePolicy(freeFailures: 0, baseDelay: -5, maxDelay: 0, forgetAfter: 0)
        #expect(odd.freeFailures == 1 && odd.baseDelay == 1 && odd.maxDelay == 1 && odd.forgetAfter == 1)
        #expect(odd.lockDuration(afterFailures: 1) == 1)
    }
}
