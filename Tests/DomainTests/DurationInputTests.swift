import Testing
@testable import Domain

@Suite("DurationInput.parseMinutes")
struct DurationInputTests {
    @Test(arguments: [
        ("1:30", 90), ("0:45", 45), ("01:05", 65), ("24:00", 1440), ("0:01", 1),
        ("1.5", 90), ("2", 120), ("0.25", 15), ("1.33", 80), ("0.01", 1), (" 8 ", 480), ("24", 1440), (".5", 30),
        ("90m", 90), ("90 m", 90), ("90min", 90), ("90 MINS", 90), ("1 minute", 1), ("1440m", 1440),
        ("2h", 120), ("2 h", 120), ("2hr", 120), ("2 hrs", 120), ("1 hour", 60), ("1.5h", 90), ("1.25 hours", 75),
        ("1h 30m", 90), ("1h30m", 90), ("1H 30M", 90), ("1 h 30 min", 90), ("0h 5m", 5), ("23h 59m", 1439),
    ] as [(String, Int)])
    func accepts(text: String, minutes: Int) throws {
        #expect(try DurationInput.parseMinutes(text) == minutes)
    }

    @Test(arguments: [
        ("", NumberInputError.empty), ("  ", .empty),
        ("0", .zeroNotAllowed), ("0:00", .zeroNotAllowed), ("0m", .zeroNotAllowed), ("0.00", .zeroNotAllowed),
        ("0h 0m", .zeroNotAllowed), ("0.001", .tooManyDecimals(allowed: 2)),
        ("24:01", .tooLarge(limit: "24 hours")), ("25", .tooLarge(limit: "24 hours")), ("1441m", .tooLarge(limit: "24 hours")),
        ("90", .tooLarge(limit: "24 hours")), ("24h 1m", .tooLarge(limit: "24 hours")),
        ("99999999999999999999", .tooLarge(limit: "24 hours")), ("999999999999:00", .tooLarge(limit: "24 hours")),
        ("-1", .negativeNotAllowed), ("-1:30", .negativeNotAllowed), ("-30m", .negativeNotAllowed),
        ("1:5", .malformedDuration), ("1:60", .malformedDuration), ("1:75", .malformedDuration), (":30", .malformedDuration),
        ("1:30:00", .malformedDuration), ("1:3a", .malformedDuration), ("abc", .malformedDuration),
        ("1h 60m", .malformedDuration), ("30m 1h", .malformedDuration), ("1h 2h", .malformedDuration),
        ("1x", .malformedDuration), ("h", .malformedDuration), ("1.2.3", .malformedDuration),
        ("1h 30m 5m", .malformedDuration), ("1.5m", .tooManyDecimals(allowed: 0)), ("1,5", .malformedDuration),
        ("1.5h 30m", .tooManyDecimals(allowed: 0)), ("1d", .malformedDuration),
    ] as [(String, NumberInputError)])
    func refuses(text: String, error: NumberInputError) {
        #expect(throws: error) { try DurationInput.parseMinutes(text) }
    }

    @Test func clockFormatRoundTrips() throws {
        for minutes in [1, 5, 59, 60, 61, 90, 599, 1439, 1440] {
            #expect(try DurationInput.parseMinutes(DurationFormat.clock(minutes: minutes)) == minutes)
        }
    }
}
