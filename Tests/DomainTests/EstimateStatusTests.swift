import Testing
@testable import Domain

@Suite struct EstimateStatusTests {
    @Test func forwardOnlyTransitions() {
        var allowed: [String] = []
        for from in EstimateStatus.allCases {
            for to in EstimateStatus.allCases where from.canTransition(to: to) {
                allowed.append("\(from.rawValue)->\(to.rawValue)")
            }
        }
        #expect(allowed == ["draft->sent", "sent->accepted", "sent->declined", "sent->converted", "accepted->converted"])
        #expect(EstimateStatus.allCases.map(\.rawValue) == ["draft", "sent", "accepted", "declined", "converted"])
        #expect(EstimateStatus.allCases.map(\.label) == ["Draft", "Sent", "Accepted", "Declined", "Converted"])
    }

    @Test func expiresTheDayAfterValidUntil() throws {
        let validUntil = try #require(CalendarDate(parsing: "2026-12-15"))
        #expect(!EstimateStatus.sent.isExpired(validUntil: validUntil, today: validUntil.adding(days: -1)))
        #expect(!EstimateStatus.sent.isExpired(validUntil: validUntil, today: validUntil))
        #expect(EstimateStatus.sent.isExpired(validUntil: validUntil, today: validUntil.adding(days: 1)))
        #expect(EstimateStatus.draft.isExpired(validUntil: validUntil, today: validUntil.adding(days: 1)))
        #expect(!EstimateStatus.sent.isExpired(validUntil: nil, today: validUntil.adding(days: 999)))
        for answered in [EstimateStatus.accepted, .declined, .converted] {
            #expect(!answered.isExpired(validUntil: validUntil, today: validUntil.adding(days: 30)))
        }
    }
}
