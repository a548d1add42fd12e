import Testing
@testable import Domain

@Suite("Time entry drafts, statuses and weeks")
struct TimeEntryDraftTests {
    func draft(duration: String = "1:30", start: String = "", end: String = "", date: String = "2026-11-30") -> TimeEntryDraft {
        TimeEntryDraft(projectId: "1", serviceId: "2", date: date, duration: duration, startTime: start, endTime: end)
    }

    @Test func typedDurations() throws {
        #expect(try draft().validated().get().minutes == 90)
        #expect(try draft(duration: "1.5").validated().get().minutes == 90)
        #expect(try draft(duration: "90m").validated().get().minutes == 90)
        #expect(try draft(duration: "24:00").validated().get().minutes == 1440)
    }

    @Test func startAndEnd() throws {
        let valid = try draft(duration: "", start: "09:00", end: "10:30").validated().get()
        #expect(valid.minutes == 90 && valid.startMinute == 540 && valid.endMinute == 630)
        #expect(try draft(duration: "", start: "00:00", end: "24:00").validated().get().minutes == 1440)
    }

    @Test(arguments: [("", "", "", "duration"), ("25h", "", "", "duration"), ("0", "", "", "duration"),
                      ("", "10:00", "09:00", "end_time"), ("", "09:00", "", "end_time"), ("", "9am", "10:00", "start_time")])
    func refused(duration: String, start: String, end: String, field: String) {
        guard case .failure(let errors) = draft(duration: duration, start: start, end: end).validated() else {
            Issue.record("expected errors"); return
        }
        #expect(errors[field] != nil)
    }

    @Test func datesAndIdsAreChecked() {
        guard case .failure(let errors) = TimeEntryDraft(date: "2026-02-30", duration: "1").validated() else {
            Issue.record("expected errors"); return
        }
        #expect(errors["date"] != nil && errors["project_id"] == "Choose the project." && errors["service_id"] == "Choose the service.")
    }

    @Test func weeksStartOnMonday() throws {
        let sunday = try #require(CalendarDate(parsing: "2026-12-06"))
        #expect(Week.start(of: sunday).description == "2026-11-30")
        #expect(Week.start(of: try #require(CalendarDate(parsing: "2026-11-30"))).description == "2026-11-30")
        #expect(Week.start(of: try #require(CalendarDate(parsing: "2027-01-01"))).description == "2026-12-28")
        #expect(Week.days(of: sunday).map(\.dayOfWeek) == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test func statusTransitions() {
        #expect(TimeEntryStatus.draft.canMove(to: .submitted))
        #expect(TimeEntryStatus.rejected.canMove(to: .submitted))
        #expect(TimeEntryStatus.submitted.canMove(to: .approved) && TimeEntryStatus.submitted.canMove(to: .rejected))
        #expect(!TimeEntryStatus.approved.canMove(to: .draft) && TimeEntryStatus.approved.allowedNext.isEmpty)
        #expect(!TimeEntryStatus.draft.canMove(to: .approved))
        #expect(TimeEntryStatus.draft.isEditable && !TimeEntryStatus.submitted.isEditable)
    }
}
