import Testing
@testable import Domain

@Suite struct DurationFormatTests {
    @Test(arguments: [(0, "0:00"), (5, "0:05"), (65, "1:05"), (90, "1:30"), (600, "10:00"), (1440, "24:00"), (-65, "-1:05")])
    func clock(minutes: Int, text: String) {
        #expect(DurationFormat.clock(minutes: minutes) == text)
    }

    @Test(arguments: [
        (0, "0.00"), (1, "0.02"), (2, "0.03"), (3, "0.05"), (15, "0.25"), (20, "0.33"), (40, "0.67"), (59, "0.98"),
        (60, "1.00"), (65, "1.08"), (90, "1.50"), (1440, "24.00"), (-65, "-1.08"), (-1, "-0.02"),
    ])
    func decimalHoursRoundHalfUp(minutes: Int, text: String) {
        #expect(DurationFormat.decimalHours(minutes: minutes) == text)
    }

    @Test func extremesDoNotTrap() {
        #expect(DurationFormat.clock(minutes: Int.max).hasSuffix(":07"))
        #expect(DurationFormat.clock(minutes: Int.min).hasPrefix("-"))
        #expect(DurationFormat.decimalHours(minutes: Int.max).hasPrefix("153722867280912930"))
        #expect(DurationFormat.decimalHours(minutes: Int.min).hasPrefix("-"))
    }
}
