import Testing
@testable import Domain

@Suite struct CalendarDateTests {
    private func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(parsing: text)) }

    @Test(arguments: ["2026-11-30", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "1970-01-01", "2026-12-31"])
    func parsesAndPrintsISODates(text: String) throws {
        #expect(try date(text).description == text)
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "0000-01-01", "2026-2-3", "2026-02-3", "26-02-03", " 2026-02-03", "2026-02-03 ", "2026/02/03", "2026-02-03T00:00",
        "", "20260203", "+026-02-03", "2026-0a-03", "２０２６-02-03", "-2026-02-03", "2026--2-03",
    ])
    func refusesAnythingElse(text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func componentsAreValidated() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 12, day: 32) == nil)
        #expect(CalendarDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 6, day: -1) == nil)
    }

    @Test func leapYears() {
        #expect(CalendarDate.isLeapYear(2024) && CalendarDate.isLeapYear(2000) && CalendarDate.isLeapYear(2400))
        #expect(!CalendarDate.isLeapYear(2026) && !CalendarDate.isLeapYear(1900) && !CalendarDate.isLeapYear(2100))
        #expect((1...12).map { CalendarDate.daysInMonth(year: 2024, month: $0) } == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        #expect(CalendarDate.daysInMonth(year: 2026, month: 2) == 28)
    }

    @Test(arguments: [
        ("1970-01-01", 0, 4), ("2026-11-30", 20_787, 1), ("2000-03-01", 11_017, 3), ("1969-12-31", -1, 3),
        ("0001-01-01", -719_162, 1), ("9999-12-31", 2_932_896, 5), ("2024-02-29", 19_782, 4), ("2026-01-01", 20_454, 4),
    ])
    func dayNumbersAndWeekdaysMatchAReferenceCalendar(text: String, days: Int, isoWeekday: Int) throws {
        let day = try date(text)
        #expect(day.daysSinceEpoch == days)
        #expect(CalendarDate(daysSinceEpoch: days) == day)
        #expect(day.dayOfWeek == isoWeekday)
    }

    @Test func everyDayFollowsTheOneBefore() throws {
        var day = try date("1899-12-25")
        for _ in 0..<80_000 {
            let next = day.adding(days: 1)
            let expected = day.day < CalendarDate.daysInMonth(year: day.year, month: day.month)
                ? CalendarDate(year: day.year, month: day.month, day: day.day + 1)
                : day.month < 12 ? CalendarDate(year: day.year, month: day.month + 1, day: 1)
                : CalendarDate(year: day.year + 1, month: 1, day: 1)
            #expect(next == expected)
            #expect(next.daysSince(day) == 1 && next > day)
            #expect(next.dayOfWeek == day.dayOfWeek % 7 + 1)
            day = next
        }
        #expect(day.description == "2119-01-06")
    }

    @Test func dayArithmetic() throws {
        #expect(try date("2026-11-30").adding(days: 30) == date("2026-12-30"))
        #expect(try date("2026-12-31").adding(days: 1) == date("2027-01-01"))
        #expect(try date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(try date("2026-02-28").adding(days: 1) == date("2026-03-01"))
        #expect(try date("2026-03-01").adding(days: -1) == date("2026-02-28"))
        #expect(try date("2026-11-30").adding(days: 0) == date("2026-11-30"))
        #expect(try date("2026-11-30").daysSince(date("2026-01-01")) == 333)
        #expect(try date("2026-01-01").daysSince(date("2026-11-30")) == -333)
        #expect(try date("2025-01-01").daysSince(date("2024-01-01")) == 366)
    }

    @Test func monthArithmeticClampsToTheMonthEnd() throws {
        #expect(try date("2026-01-31").adding(months: 1) == date("2026-02-28"))
        #expect(try date("2024-01-31").adding(months: 1) == date("2024-02-29"))
        #expect(try date("2026-01-31").adding(months: 3) == date("2026-04-30"))
        #expect(try date("2026-03-31").adding(months: -1) == date("2026-02-28"))
        #expect(try date("2026-11-30").adding(months: 2) == date("2027-01-30"))
        #expect(try date("2026-01-15").adding(months: -1) == date("2025-12-15"))
        #expect(try date("2026-01-15").adding(months: -13) == date("2024-12-15"))
        #expect(try date("2024-02-29").adding(months: 12) == date("2025-02-28"))
        #expect(try date("2024-02-29").adding(months: 48) == date("2028-02-29"))
        #expect(try date("2026-05-10").adding(months: 0) == date("2026-05-10"))
        #expect(try date("2026-05-10").adding(months: 120) == date("2036-05-10"))
    }

    @Test func ordering() throws {
        let dates = try ["2026-11-30", "2026-01-31", "2025-12-31", "2026-02-01"].map(date)
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-01-31", "2026-02-01", "2026-11-30"])
        #expect(try date("2026-11-30") == date("2026-11-30"))
        #expect(try !(date("2026-11-30") < date("2026-11-30")))
    }
}
