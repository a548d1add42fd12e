import Testing
@testable import Domain

@Suite("PercentInput.parseMilliPercent")
struct PercentInputTests {
    @Test(arguments: [
        ("8.25", 8250), ("8.25%", 8250), (" 8.25 % ", 8250), ("9.975", 9975), ("0", 0), ("0%", 0), ("100", 100_000),
        ("100.000%", 100_000), ("5", 5000), (".5", 500), ("0.001", 1), ("13", 13_000),
    ] as [(String, Int)])
    func accepts(text: String, milliPercent: Int) throws {
        #expect(try PercentInput.parseMilliPercent(text) == milliPercent)
    }

    @Test(arguments: [
        ("", NumberInputError.empty), ("%", .malformed), ("  ", .empty), ("abc", .malformed), ("8.2.5", .malformed),
        ("8,25", .malformed), ("1,000", .malformed), ("8.2555", .tooManyDecimals(allowed: 3)),
        ("100.001", .tooLarge(limit: "100%")), ("101%", .tooLarge(limit: "100%")),
        ("99999999999999999999", .tooLarge(limit: "100%")), ("-5", .negativeNotAllowed), ("-0", .negativeZero),
        ("-0.000%", .negativeZero), ("8%%", .malformed), ("%8", .malformed),
    ] as [(String, NumberInputError)])
    func refuses(text: String, error: NumberInputError) {
        #expect(throws: error) { try PercentInput.parseMilliPercent(text) }
    }
}
