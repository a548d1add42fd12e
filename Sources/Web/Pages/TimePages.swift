import App
import Domain
import Foundation
import Store

/// Time tracking pages: my week, entries, submitting a week, approvals and the timer. Every
/// id — an entry in the path, a project, service or person in a form — is looked up within
/// the signed-in company (staff: within their own entries): anything else is a 404.
enum TimePages {
    /// The day a page is about: `?week=YYYY-MM-DD` (any day of the week), else today (UTC).
    static func day(_ text: String?, _ context: RequestContext) -> CalendarDate {
        text.flatMap(CalendarDate.init(parsing:)) ?? TimeService.day(of: context.app.clock.now())
    }

    /// GET /time?week=YYYY-MM-DD&person= — Permission: viewTime. My week (managers: anyone's).
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let person = request.query["person"].flatMap { Int64($0) }
        let week = try context.app.time.week(of: person, containing: day(request.query["week"], context), for: actor)
        let options = Permission.trackTime.isGranted(to: actor.role) && week.userId == actor.userId
            ? try context.app.time.formOptions(for: actor) : nil
        let draft = TimeEntryDraft(date: TimeService.day(of: context.app.clock.now()).description)
        return .html(TimeViews.week(week, options: options, draft: draft, errors: ValidationErrors(), context))
    }

    /// GET /time/new?date=&project= — Permission: trackTime.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        let options = try context.app.time.formOptions(for: context.actor())
        let draft = TimeEntryDraft(projectId: request.query["project"] ?? "",
                                   date: day(request.query["date"], context).description)
        return .html(TimeViews.form(draft, options: options, errors: ValidationErrors(), entry: nil, context))
    }

    /// POST /time — Permission: trackTime. 303 → the entry's week; invalid → 422.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let draft = draft(from: try request.form())
        do {
            let entry = try context.app.time.create(draft, by: context.actor())
            context.setFlash(.success, "Time saved: \(DurationFormat.clock(minutes: entry.minutes)) on \(entry.workDate).")
            return .seeOther("/time?week=\(entry.weekStart)")
        } catch AppError.invalid(let errors) {
            let options = try context.app.time.formOptions(for: context.actor())
            return .html(TimeViews.form(draft, options: options, errors: errors, entry: nil, context), status: 422)
        }
    }

    /// GET /time/{id}/edit — Permission: trackTime. An entry the person may not change
    /// (submitted, approved, invoiced) answers 409 with the reason, as saving it would.
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let entry = try context.app.time.editableEntry(request.id(), for: actor)
        let options = try context.app.time.formOptions(for: actor)
        return .html(TimeViews.form(draftOf(entry), options: options, errors: ValidationErrors(), entry: entry, context))
    }

    /// POST /time/{id}/edit — Permission: trackTime. 303 → the week; invalid → 422; a
    /// submitted, approved or invoiced entry → 409.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let id = try request.id()
        let draft = draft(from: try request.form())
        do {
            let entry = try context.app.time.update(id, with: draft, by: context.actor())
            context.setFlash(.success, "Entry saved.")
            return .seeOther("/time?week=\(entry.weekStart)")
        } catch AppError.invalid(let errors) {
            let entry = try context.app.time.entry(id, for: context.actor())
            let options = try context.app.time.formOptions(for: context.actor())
            return .html(TimeViews.form(draft, options: options, errors: errors, entry: entry, context), status: 422)
        }
    }

    /// POST /time/{id}/delete — Permission: trackTime. 303 → the week.
    static func delete(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let id = try request.id()
        let entry = try context.app.time.entry(id, for: actor)
        try context.app.time.delete(id, by: actor)
        context.setFlash(.success, "Entry deleted.")
        return .seeOther("/time?week=\(entry.weekStart)")
    }

    /// POST /time/week/submit — Permission: trackTime. Form: week. 303 → the week.
    static func submitWeek(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        let week = day(form["week"], context)
        let count = try context.app.time.submitWeek(containing: week, by: context.actor())
        context.setFlash(.success, "Week submitted for approval (\(count) \(count == 1 ? "entry" : "entries")).")
        return .seeOther("/time?week=\(Week.start(of: week))")
    }

    /// GET /approvals — Permission: approveTime. Submitted weeks by person.
    static func approvals(_ request: Request, _ context: RequestContext) throws -> Response {
        let weeks = try context.app.time.submittedWeeks(for: context.actor())
        return .html(TimeViews.approvals(weeks, context))
    }

    /// POST /approvals/approve — Permission: approveTime. Form: user, week. 303 → /approvals.
    static func approve(_ request: Request, _ context: RequestContext) throws -> Response {
        let (user, week) = try weekOf(request.form())
        let count = try context.app.time.approveWeek(of: user, weekStart: week, by: context.actor())
        context.setFlash(.success, "Week of \(week) approved (\(count) \(count == 1 ? "entry" : "entries")).")
        return .seeOther("/approvals")
    }

    /// POST /approvals/reject — Permission: approveTime. Form: user, week, reason. 303 →
    /// /approvals; no reason → 422 with the list and a message.
    static func reject(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        let (user, week) = try weekOf(form)
        do {
            let count = try context.app.time.rejectWeek(of: user, weekStart: week, reason: form["reason"] ?? "", by: context.actor())
            context.setFlash(.success, "Week of \(week) sent back (\(count) \(count == 1 ? "entry" : "entries")).")
            return .seeOther("/approvals")
        } catch AppError.invalid(let errors) {
            let weeks = try context.app.time.submittedWeeks(for: context.actor())
            return .html(TimeViews.approvals(weeks, rejecting: (user, week.description, errors["reason"] ?? ""), context), status: 422)
        }
    }

    static func weekOf(_ form: FormData) throws -> (Int64, CalendarDate) {
        guard let user = form["user"].flatMap({ Int64($0) }), user > 0 else { throw AppError.notFound }
        guard let week = form["week"].flatMap(CalendarDate.init(parsing:)) else {
            throw RequestError.badRequest("Choose a week from the list.")
        }
        return (user, week)
    }

    /// GET /timer/new?project= — Permission: trackTime. The start-a-timer form.
    static func newTimer(_ request: Request, _ context: RequestContext) throws -> Response {
        let options = try context.app.time.formOptions(for: context.actor())
        return .html(TimeViews.timerForm(project: request.query["project"] ?? "", service: "", notes: "", options: options,
                                         errors: ValidationErrors(), context))
    }

    /// POST /timer/start — Permission: trackTime. Form: project_id, service_id, notes, back.
    /// A running timer is stopped into a draft entry first. 303 → back (a local path) or /time.
    static func startTimer(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        let project = form["project_id"] ?? "", service = form["service_id"] ?? "", notes = form["notes"] ?? ""
        do {
            _ = try context.app.time.startTimer(projectId: project, serviceId: service, notes: notes, by: context.actor())
            context.setFlash(.success, "Timer started.")
            return .seeOther(localPath(form["back"]) ?? "/time")
        } catch AppError.invalid(let errors) {
            let options = try context.app.time.formOptions(for: context.actor())
            return .html(TimeViews.timerForm(project: project, service: service, notes: notes, options: options, errors: errors,
                                             context), status: 422)
        }
    }

    /// POST /timer/stop — Permission: trackTime. 303 → the draft entry's week.
    static func stopTimer(_ request: Request, _ context: RequestContext) throws -> Response {
        let entry = try context.app.time.stopTimer(by: context.actor())
        context.setFlash(.success, "Timer stopped: \(DurationFormat.clock(minutes: entry.minutes)) saved as a draft entry.")
        return .seeOther("/time?week=\(entry.weekStart)")
    }

    /// POST /timer/discard — Permission: trackTime. 303 → /time.
    static func discardTimer(_ request: Request, _ context: RequestContext) throws -> Response {
        try context.app.time.discardTimer(by: context.actor())
        context.setFlash(.info, "Timer discarded; nothing was saved.")
        return .seeOther("/time")
    }

    /// Only our own absolute paths ("/projects/3"), never "//elsewhere" or a URL.
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
              text.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 }), text.count < 300 else { return nil }
        return text
    }

    static func draft(from form: FormData) -> TimeEntryDraft {
        TimeEntryDraft(projectId: form["project_id"] ?? "", serviceId: form["service_id"] ?? "", userId: form["user_id"] ?? "",
                       date: form["date"] ?? "", duration: form["duration"] ?? "", startTime: form["start_time"] ?? "",
                       endTime: form["end_time"] ?? "", notes: form["notes"] ?? "", billable: form["billable"] != nil)
    }

    static func draftOf(_ entry: TimeEntryRecord) -> TimeEntryDraft {
        func clock(_ date: Date?) -> String {
            guard let date else { return "" }
            let seconds = Int(date.timeIntervalSince1970) - (CalendarDate(parsing: entry.workDate)?.daysSinceEpoch ?? 0) * 86_400
            return TimeEntryDraft.clockText(minute: seconds / 60)
        }
        return TimeEntryDraft(projectId: String(entry.projectId), serviceId: String(entry.catalogItemId), userId: String(entry.userId),
                              date: entry.workDate, duration: entry.startedAt == nil ? DurationFormat.clock(minutes: entry.minutes) : "",
                              startTime: clock(entry.startedAt), endTime: clock(entry.endedAt), notes: entry.notes,
                              billable: entry.billable)
    }
}
