import Testing
@testable import Domain

@Suite struct OutboxRetryPolicyTests {
    @Test func delaysDoubleFromOneMinuteAndStopAtSixHours() {
        let policy = OutboxRetryPolicy()
        #expect((1...10).map { policy.delaySeconds(afterFailures: $0) }
            == [60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600])
        #expect(policy.delaySeconds(afterFailures: 64) == 21600)
        #expect(policy.delaySeconds(afterFailures: Int.max) == 21600)
        #expect(policy.delaySeconds(afterFailures: 0) == 60)
    }

    @Test func theLastAllowedAttemptDeadLetters() {
        let policy = OutboxRetryPolicy()
        #expect(policy.maxAttempts == 8)
        #expect(policy.afterFailure(1) == .retry(afterSeconds: 60))
        #expect(policy.afterFailure(7) == .retry(afterSeconds: 3840))
        #expect(policy.afterFailure(8) == .deadLetter)
        #expect(OutboxRetryPolicy(maxAttempts: 1).afterFailure(1) == .deadLetter)
        #expect(OutboxRetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(OutboxRetryPolicy(maxAttempts: 1000).maxAttempts == 100)
    }
}
