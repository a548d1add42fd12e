import Testing
@testable import Domain

@Suite struct RecurrenceScheduleTests {
    private func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(parsing: text)) }
    private func texts(_ dates: [CalendarDate]) -> [String] { dates.map(\.description) }

    @Test func frequencies() {
        #expect(RecurrenceFrequency.allCases.map(\.rawValue) == ["weekly", "monthly", "quarterly", "yearly"])
        #expect(RecurrenceFrequency.allCases.map(\.months) == [nil, 1, 3, 12])
        #expect(RecurrenceFrequency.allCases.map(\.label) == ["Weekly", "Monthly", "Quarterly", "Yearly"])
    }

    @Test func weekly() throws {
        let schedule = try RecurrenceSchedule(frequency: .weekly, start: day("2026-11-30"))
        #expect(try texts(schedule.occurrences(dueOnOrBefore: day("2026-12-21"), after: nil))
            == ["2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21"])
        #expect(try texts(schedule.occurrences(dueOnOrBefore: day("2026-12-21"), after: day("2026-12-07")))
            == ["2026-12-14", "2026-12-21"])
        #expect(try texts(schedule.occurrences(dueOnOrBefore: day("2026-12-21"), after: day("2026-12-08")))
            == ["2026-12-14", "2026-12-21"])
        #expect(try schedule.occurrences(dueOnOrBefore: day("2026-11-29"), after: nil).isEmpty)
        #expect(try schedule.occurrences(dueOnOrBefore: day("2026-12-21"), after: day("2026-12-21")).isEmpty)
    }

    @Test func monthlyIsAnchoredToTheStartDayAndClamped() throws {
        let schedule = try RecurrenceSchedule(frequency: .monthly, start: day("2024-01-31"))
        #expect(try texts(schedule.occurrences(dueOnOrBefore: day("2024-06-30"), after: nil))
            == ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30"])
        #expect(try texts(schedule.occurrences(dueOnOrBefore: day("2025-03-31"), after: day("2025-01-01")))
            == ["2025-01-31", "2025-02-28", "2025-03-31"])
        #expect(try texts(schedule.occurrences(dueOnOrBefore: day("2024-04-29"), after: day("2024-02-29"))) == ["2024-03-31"])
    }

    @Test func quarterlyAndYearly() throws {
        let quarterly = try RecurrenceSchedule(frequency: .quarterly, start: day("2026-11-30"))
        #expect(try texts(quarterly.occurrences(dueOnOrBefore: day("2027-12-01"), after: nil))
            == ["2026-11-30", "2027-02-28", "2027-05-30", "2027-08-30", "2027-11-30"])
        let yearly = try RecurrenceSchedule(frequency: .yearly, start: day("2024-02-29"))
        #expect(try texts(yearly.occurrences(dueOnOrBefore: day("2028-03-01"), after: day("2024-02-29")))
            == ["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"])
    }

    @Test func theEndDateIsInclusive() throws {
        let schedule = try RecurrenceSchedule(frequency: .monthly, start: day("2026-01-15"), end: day("2026-03-15"))
        #expect(try texts(schedule.occurrences(dueOnOrBefore: day("2027-01-01"), after: nil))
            == ["2026-01-15", "2026-02-15", "2026-03-15"])
        let backwards = try RecurrenceSchedule(frequency: .weekly, start: day("2026-01-15"), end: day("2026-01-01"))
        #expect(try backwards.occurrences(dueOnOrBefore: day("2027-01-01"), after: nil).isEmpty)
        #expect(try schedule.occurrences(dueOnOrBefore: day("2027-01-01"), after: day("2026-03-15")).isEmpty)
    }

    @Test func anAfterDateBeforeTheStartIsIgnored() throws {
        let schedule = try RecurrenceSchedule(frequency: .monthly, start: day("2026-06-10"))
        #expect(try texts(schedule.occurrences(dueOnOrBefore: day("2026-07-10"), after: day("2020-01-01")))
            == ["2026-06-10", "2026-07-10"])
    }

    @Test func aLongBacklogIsCappedAndContinuesFromTheLastDate() throws {
        let schedule = try RecurrenceSchedule(frequency: .weekly, start: day("1990-01-01"))
        let limit = try day("2026-11-30")
        let first = schedule.occurrences(dueOnOrBefore: limit, after: nil)
        #expect(first.count == RecurrenceSchedule.maxOccurrencesPerCall)
        #expect(first.first?.description == "1990-01-01")
        let second = schedule.occurrences(dueOnOrBefore: limit, after: first.last)
        #expect(second.first == first.last?.adding(days: 7))
        var all = first + second
        while let last = all.last, case let more = schedule.occurrences(dueOnOrBefore: limit, after: last), !more.isEmpty {
            all += more
        }
        #expect(try all.count == limit.daysSince(day("1990-01-01")) / 7 + 1)
        #expect(zip(all, all.dropFirst()).allSatisfy { $1.daysSince($0) == 7 })
    }

    @Test func laterAfterDatesAreFoundWithoutWalkingFromTheStart() throws {
        // Occurrences far from the start still land exactly on the anchored dates.
        let schedule = try RecurrenceSchedule(frequency: .monthly, start: day("2001-08-31"))
        #expect(try texts(schedule.occurrences(dueOnOrBefore: day("2099-03-31"), after: day("2099-01-31")))
            == ["2099-02-28", "2099-03-31"])
        #expect(schedule.occurrence(0).description == "2001-08-31")
        #expect(schedule.occurrence(6).description == "2002-02-28")
        #expect(schedule.occurrence(7).description == "2002-03-31")
    }
}
