import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("Time service: entries, the weekly approval, the timer")
struct TimeServiceTests {
    struct Fixture {
        let seed: TwoCompanies
        let staff: Actor
        let manager: Actor
        let projectId: Int64
        let serviceId: Int64
    }

    func fixture(_ t: TestApp, billing: String = "hourly") throws -> Fixture {
        let seed = try seedTwoCompanies(t)
        let sam = try t.app.identity.createUser(email: "sam@acme.test", password: testPassword, companyName: "Acme", role: .staff)
        let maya = try t.app.identity.createUser(email: "maya@acme.test", password: testPassword, companyName: "Acme", role: .manager)
        let owner = seed.actor(.owner)
        let client = try #require(try t.app.clients.create(ClientDraft(name: "Harbor"), by: owner).id)
        let service = try #require(try t.app.catalog.create(CatalogItemDraft(name: "Design", unitPrice: "90"), by: owner).id)
        let project = try #require(try t.app.projects.create(
            ProjectDraft(clientId: String(client), name: "Site", billingType: billing, hourlyRate: billing == "hourly" ? "120" : ""),
            by: owner).id)
        return Fixture(seed: seed, staff: seed.actor(.staff, in: sam), manager: seed.actor(.manager, in: maya),
                       projectId: project, serviceId: service)
    }

    func draft(_ f: Fixture, date: String = "2027-01-13", duration: String = "1:30") -> TimeEntryDraft {
        TimeEntryDraft(projectId: String(f.projectId), serviceId: String(f.serviceId), date: date, duration: duration, notes: "Wireframes")
    }

    @Test func anEntrySnapshotsTheProjectRateAndTheServiceName() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let entry = try t.app.time.create(draft(f), by: f.staff)
            #expect(entry.minutes == 90 && entry.rateCents == 12_000 && entry.serviceName == "Design" && entry.billable)
            #expect(entry.weekStart == "2027-01-11" && entry.status == .draft && entry.amountCents == 18_000)
            #expect(try t.auditEvents(action: "time_entry.created").count == 1)
            // Repricing the service later changes nothing on the entry.
            _ = try t.app.catalog.update(f.serviceId, with: CatalogItemDraft(name: "UX design", unitPrice: "200"), by: f.seed.actor(.owner))
            let again = try t.app.time.entry(try #require(entry.id), for: f.staff)
            #expect(again.serviceName == "Design" && again.rateCents == 12_000)
        }
    }

    @Test func nonBillableProjectsMakeNonBillableEntriesAndFixedFeeUsesTheServicePrice() throws {
        try withTestApp { t in
            let f = try fixture(t, billing: "non_billable")
            let entry = try t.app.time.create(draft(f), by: f.staff)
            #expect(!entry.billable && entry.rateCents == 9_000 && entry.amountCents == 0)
        }
    }

    @Test func startAndEndTimesGiveTheDuration() throws {
        try withTestApp { t in
            let f = try fixture(t)
            var d = draft(f, duration: "")
            d.startTime = "09:00"
            d.endTime = "10:30"
            let entry = try t.app.time.create(d, by: f.staff)
            #expect(entry.minutes == 90 && entry.startedAt != nil && entry.endedAt != nil)
        }
    }

    @Test func doneProjectsAndForeignIdsAreRefused() throws {
        try withTestApp { t in
            let f = try fixture(t)
            _ = try t.app.projects.setStatus(f.projectId, to: .done, by: f.seed.actor(.owner))
            guard case AppError.invalid(let errors)? = thrownError({ try t.app.time.create(draft(f), by: f.staff) }) else {
                Issue.record("expected a field error"); return
            }
            #expect(errors["project_id"]?.contains("done") == true)
            let globex = f.seed.actor(.owner, in: f.seed.globex)
            #expect(throws: AppError.notFound) { try t.app.time.create(draft(f), by: globex) }
            #expect(throws: AppError.forbidden) { try t.app.time.create(draft(f), by: f.seed.actor(.viewer)) }
        }
    }

    @Test func staffChangeOnlyTheirOwnEntriesAndManagersOnlyDrafts() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let mine = try #require(try t.app.time.create(draft(f), by: f.manager).id)
            #expect(throws: AppError.notFound) { try t.app.time.delete(mine, by: f.staff) }
            #expect(throws: AppError.notFound) { try t.app.time.entry(mine, for: f.staff) }
            let samEntry = try #require(try t.app.time.create(draft(f), by: f.staff).id)
            _ = try t.app.time.update(samEntry, with: draft(f, duration: "2h"), by: f.manager)
            #expect(try t.app.time.entry(samEntry, for: f.staff).minutes == 120)
            let globex = f.seed.actor(.owner, in: f.seed.globex)
            #expect(throws: AppError.notFound) { try t.app.time.update(samEntry, with: draft(f), by: globex) }
            #expect(throws: AppError.notFound) { try t.app.time.delete(samEntry, by: globex) }
        }
    }

    @Test func theWeekIsSubmittedApprovedOrRejectedWithAReason() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let day = try #require(CalendarDate(parsing: "2027-01-13"))
            let a = try #require(try t.app.time.create(draft(f), by: f.staff).id)
            _ = try t.app.time.create(draft(f, date: "2027-01-15"), by: f.staff)
            _ = try t.app.time.create(draft(f, date: "2027-01-18"), by: f.staff)   // next week
            #expect(try t.app.time.submitWeek(containing: day, by: f.staff) == 2)
            #expect(throws: AppError.conflict("A submitted entry cannot be changed.")) {
                try t.app.time.update(a, with: draft(f, duration: "3h"), by: f.staff)
            }
            let samId = try #require(f.staff.userId)
            #expect(try t.app.time.submittedWeeks(for: f.manager).map(\.minutes) == [180])
            #expect(throws: AppError.forbidden) { try t.app.time.approveWeek(of: samId, weekStart: day, by: f.staff) }
            guard case AppError.invalid? = thrownError({ try t.app.time.rejectWeek(of: samId, weekStart: day, reason: " ", by: f.manager) })
            else { Issue.record("a reason is required"); return }
            #expect(try t.app.time.rejectWeek(of: samId, weekStart: day, reason: "Split the notes", by: f.manager) == 2)
            let rejected = try t.app.time.entry(a, for: f.staff)
            #expect(rejected.status == .rejected && rejected.rejectionReason == "Split the notes")
            _ = try t.app.time.update(a, with: draft(f, duration: "1h"), by: f.staff)
            #expect(try t.app.time.submitWeek(containing: day, by: f.staff) == 2)
            #expect(try t.app.time.approveWeek(of: samId, weekStart: day, by: f.manager) == 2)
            let approved = try t.app.time.entry(a, for: f.staff)
            #expect(approved.status == .approved && approved.approvedBy == f.manager.userId)
            #expect(try t.auditEvents(action: "time_week.submitted").count == 2)
            #expect(try t.auditEvents(action: "time_week.rejected").count == 1)
            #expect(try t.auditEvents(action: "time_week.approved").count == 1)
            // Unbilled time for invoices: by service, by person, by entry.
            let byService = try t.app.time.unbilled(projectId: f.projectId, groupedBy: .service, for: f.manager)
            #expect(byService.count == 1 && byService[0].minutes == 150 && byService[0].amountCents == 30_000)
            #expect(try t.app.time.unbilled(projectId: f.projectId, groupedBy: .person, for: f.manager).count == 1)
            #expect(try t.app.time.unbilled(projectId: f.projectId, groupedBy: .entry, for: f.manager).count == 2)
            #expect(throws: AppError.notFound) {
                try t.app.time.unbilled(projectId: f.projectId, groupedBy: .service, for: f.seed.actor(.owner, in: f.seed.globex))
            }
        }
    }

    @Test func managersCannotApproveTheirOwnWeekButOwnersCan() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let day = try #require(CalendarDate(parsing: "2027-01-13"))
            _ = try t.app.time.create(draft(f), by: f.manager)
            _ = try t.app.time.submitWeek(containing: day, by: f.manager)
            let mayaId = try #require(f.manager.userId)
            #expect(throws: AppError.conflict("Someone else approves your own week.")) {
                try t.app.time.approveWeek(of: mayaId, weekStart: day, by: f.manager)
            }
            #expect(try t.app.time.approveWeek(of: mayaId, weekStart: day, by: f.seed.actor(.owner)) == 1)
            #expect(throws: AppError.notFound) {
                try t.app.time.approveWeek(of: mayaId, weekStart: day, by: f.seed.actor(.owner, in: f.seed.globex))
            }
        }
    }

    @Test func theTimerStopsIntoADraftAndStartingAnotherStopsTheFirst() throws {
        try withTestApp { t in
            let f = try fixture(t)
            _ = try t.app.time.startTimer(projectId: String(f.projectId), serviceId: String(f.serviceId), notes: "Calls", by: f.staff)
            t.clock.advance(by: 61)
            _ = try t.app.time.startTimer(projectId: String(f.projectId), serviceId: String(f.serviceId), notes: "", by: f.staff)
            #expect(try t.count("running_timers") == 1)
            #expect(try t.count("time_entries") == 1)
            t.clock.advance(by: 10)
            let entry = try t.app.time.stopTimer(by: f.staff)
            #expect(entry.minutes == 1 && entry.status == .draft)
            #expect(try t.count("running_timers") == 0 && t.count("time_entries") == 2)
            let first = try t.read { try TimeEntryRecord.fetchAll($0, sql: "SELECT * FROM time_entries ORDER BY id") }
            #expect(first[0].minutes == 2 && first[0].notes == "Calls")
            #expect(throws: AppError.conflict("No timer is running.")) { try t.app.time.stopTimer(by: f.staff) }
            // Over 24 hours: capped and flagged.
            _ = try t.app.time.startTimer(projectId: String(f.projectId), serviceId: String(f.serviceId), notes: "", by: f.staff)
            t.clock.advance(by: 30 * 3600)
            let long = try t.app.time.stopTimer(by: f.staff)
            #expect(long.minutes == 1440 && long.notes.contains("over 24 hours"))
            _ = try t.app.time.startTimer(projectId: String(f.projectId), serviceId: String(f.serviceId), notes: "", by: f.staff)
            try t.app.time.discardTimer(by: f.staff)
            #expect(try t.count("running_timers") == 0)
            #expect(try t.auditEvents(action: "timer.started").count == 4)
            #expect(try t.auditEvents(action: "timer.stopped").count == 3)
            #expect(try t.auditEvents(action: "timer.discarded").count == 1)
            #expect(throws: AppError.notFound) {
                try t.app.time.startTimer(projectId: String(f.projectId), serviceId: String(f.serviceId), notes: "",
                                          by: f.seed.actor(.owner, in: f.seed.globex))
            }
        }
    }

    @Test func timerMinutesRoundUp() {
        let start = Date(timeIntervalSince1970: 0)
        #expect(TimeService.timerMinutes(from: start, to: start) == (1, false))
        #expect(TimeService.timerMinutes(from: start, to: start.addingTimeInterval(60)) == (1, false))
        #expect(TimeService.timerMinutes(from: start, to: start.addingTimeInterval(61)) == (2, false))
        #expect(TimeService.timerMinutes(from: start, to: start.addingTimeInterval(86_401)) == (1440, true))
    }
}
