import Testing
@testable import Domain

@Suite struct ReminderScheduleTests {
    private let dueDate = CalendarDate(year: 2026, month: 11, day: 30)!

    @Test func parsesSortsAndPrintsBack() throws {
        let schedule = try ReminderSchedule(parsing: "-3,0,7,14,30")
        #expect(schedule.steps == [-3, 0, 7, 14, 30])
        #expect(schedule.description == "-3,0,7,14,30")
        #expect(try ReminderSchedule(parsing: " 14, +7 ,-3 ,0 ").steps == [-3, 0, 7, 14])
        #expect(try ReminderSchedule(parsing: "0").steps == [0])
        #expect(try ReminderSchedule(parsing: "-365,365").steps == [-365, 365])
        #expect(try ReminderSchedule(parsing: "1,2,3,4,5,6,7,8,9,10,11,12").steps.count == 12)
        #expect(try ReminderSchedule(steps: [30, -3]).steps == [-3, 30])
    }

    @Test(arguments: [
        ("", ReminderScheduleError.empty), ("  ", .empty), ("7d", .malformedStep("7d")), ("1.5", .malformedStep("1.5")),
        ("7,,14", .malformedStep("")), ("7,", .malformedStep("")), ("-", .malformedStep("-")), ("--3", .malformedStep("--3")),
        ("7 14", .malformedStep("7 14")), ("seven", .malformedStep("seven")), ("99999999999999999999", .malformedStep("99999999999999999999")),
        ("1,2,3,4,5,6,7,8,9,10,11,12,13", .tooManySteps(max: 12)), ("7,0,7", .duplicateStep(7)),
        ("0,-0", .duplicateStep(0)), ("366", .stepOutOfRange(366, limit: 365)), ("-400", .stepOutOfRange(-400, limit: 365)),
    ] as [(String, ReminderScheduleError)])
    func refusesWithAMessage(text: String, error: ReminderScheduleError) {
        #expect(throws: error) { try ReminderSchedule(parsing: text) }
        #expect(error.message.hasSuffix("."))
    }

    @Test func stepsDueOnTime() throws {
        let schedule = try ReminderSchedule(parsing: "-3,0,7,14,30")
        #expect(schedule.stepsDue(dueDate: dueDate, today: dueDate.adding(days: -4), alreadySent: []) == [])
        #expect(schedule.stepsDue(dueDate: dueDate, today: dueDate.adding(days: -3), alreadySent: []) == [-3])
        #expect(schedule.stepsDue(dueDate: dueDate, today: dueDate, alreadySent: [-3]) == [0])
        #expect(schedule.stepsDue(dueDate: dueDate, today: dueDate.adding(days: 6), alreadySent: [-3, 0]) == [])
        #expect(schedule.latestStepDue(dueDate: dueDate, today: dueDate.adding(days: 7), alreadySent: [-3, 0])
            == ReminderSchedule.Due(step: 7, skipped: []))
        #expect(schedule.latestStepDue(dueDate: dueDate, today: dueDate.adding(days: 400), alreadySent: [-3, 0, 7, 14, 30])
            == nil)
    }

    @Test func afterMissedRunsOnlyTheLatestStepIsSent() throws {
        let schedule = try ReminderSchedule(parsing: "-3,0,7,14,30")
        // The job was down from before the due date until day 15.
        let today = dueDate.adding(days: 15)
        #expect(schedule.stepsDue(dueDate: dueDate, today: today, alreadySent: []) == [-3, 0, 7, 14])
        #expect(schedule.latestStepDue(dueDate: dueDate, today: today, alreadySent: [])
            == ReminderSchedule.Due(step: 14, skipped: [-3, 0, 7]))
        #expect(schedule.latestStepDue(dueDate: dueDate, today: today, alreadySent: [-3])
            == ReminderSchedule.Due(step: 14, skipped: [0, 7]))
        // Once 14 is recorded (and the others as skipped), nothing more until day 30.
        #expect(schedule.latestStepDue(dueDate: dueDate, today: today, alreadySent: [14]) == nil)
    }

    @Test func aScheduleOnlyMovesForward() throws {
        // Step 7 was sent under an older schedule; a newly added 0 is not sent after it.
        let schedule = try ReminderSchedule(parsing: "0,7,14")
        #expect(schedule.stepsDue(dueDate: dueDate, today: dueDate.adding(days: 10), alreadySent: [7]) == [])
        #expect(schedule.stepsDue(dueDate: dueDate, today: dueDate.adding(days: 14), alreadySent: [7]) == [14])
        // A sent step that is no longer in the schedule still counts as the high-water mark.
        #expect(schedule.stepsDue(dueDate: dueDate, today: dueDate.adding(days: 14), alreadySent: [10]) == [14])
    }
}
