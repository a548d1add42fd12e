import Domain
import Foundation
import GRDB
import Store

/// A person's week: its Monday, its entries, and whether it can still be submitted.
public struct TimeWeek: Sendable {
    public let userId: Int64
    public let weekStart: CalendarDate
    public let entries: [TimeEntryRow]

    public var totalMinutes: Int { entries.reduce(0) { $0 + $1.entry.minutes } }
    public func minutes(on day: CalendarDate) -> Int {
        let text = day.description
        return entries.filter { $0.entry.workDate == text }.reduce(0) { $0 + $1.entry.minutes }
    }
    /// Draft or rejected entries: what "Submit week" sends.
    public var submittableCount: Int { entries.filter { $0.entry.status.isEditable }.count }
}

/// A project's time, for its page.
public struct ProjectTime: Sendable {
    public let recent: [RecentTimeEntry]
    public let totals: [TimeStatusTotal]
    /// Approved billable time not on an invoice yet.
    public let unbilled: UnbilledTimeTotals
}

/// What the entry and timer forms offer: open projects and live services.
public struct TimeFormOptions: Sendable {
    public let projects: [(id: Int64, name: String)]
    public let services: [(id: Int64, name: String)]
    public let people: [MemberRow]
}

/// Time tracking: entries, the weekly approval workflow and the running timer. Each write is
/// one transaction with its audit event. Staff see and change only their own entries (anyone
/// else's id is `.notFound`); managers and up approve weeks and may edit anyone's draft.
/// Rules recorded in docs/decisions.md (2026-11-30).
public struct TimeService: Sendable {
    let database: AppDatabase
    let clock: Clock

    /// Longest a timer may run into one entry; longer is capped and flagged in the notes.
    public static let maxTimerMinutes = 1440
    public static let overlongTimerNote = "[Timer ran over 24 hours; capped at 24:00 — check this entry.]"

    // MARK: Reading

    public func week(of userId: Int64? = nil, containing day: CalendarDate, for actor: Actor) throws -> TimeWeek {
        try require(.viewTime, actor)
        guard let me = actor.userId else { throw AppError.forbidden }
        let person = userId ?? me
        if person != me { try require(.approveTime, actor) }
        let monday = Week.start(of: day)
        return try database.read { db in
            if person != me, try ProjectQueries.companyMembers(db, companyId: actor.companyId, among: [person]).isEmpty {
                throw AppError.notFound
            }
            return TimeWeek(userId: person, weekStart: monday,
                            entries: try TimeQueries.week(db, companyId: actor.companyId, userId: person, weekStart: monday.description))
        }
    }

    /// An entry the actor may see: their own, or anyone's for managers and up.
    public func entry(_ id: Int64, for actor: Actor) throws -> TimeEntryRecord {
        try require(.viewTime, actor)
        guard let entry = try database.read({ try TimeQueries.find($0, companyId: actor.companyId, id: id) }),
              entry.userId == actor.userId || Permission.approveTime.isGranted(to: actor.role)
        else { throw AppError.notFound }
        return entry
    }

    /// The entry for its edit form, only when `update` would take it: otherwise the same
    /// refusal (409 for a submitted, approved or invoiced entry), so a locked entry never
    /// shows a form that cannot be saved.
    public func editableEntry(_ id: Int64, for actor: Actor) throws -> TimeEntryRecord {
        try require(.trackTime, actor)
        return try database.read { try editable(id, db: $0, actor: actor) }
    }

    public func submittedWeeks(for actor: Actor) throws -> [SubmittedWeek] {
        try require(.approveTime, actor)
        return try database.read { try TimeQueries.submittedWeeks($0, companyId: actor.companyId) }
    }

    /// The query invoicing uses: a project's approved, billable, not yet invoiced time.
    public func unbilled(projectId: Int64, groupedBy grouping: UnbilledTimeGrouping, for actor: Actor) throws -> [UnbilledTimeRow] {
        try require(.viewProjects, actor)
        return try database.read { db in
            guard try ProjectQueries.find(db, companyId: actor.companyId, id: projectId) != nil else { throw AppError.notFound }
            return try TimeQueries.unbilled(db, companyId: actor.companyId, projectId: projectId, groupedBy: grouping)
        }
    }

    /// The live services, for Start buttons.
    public func services(for actor: Actor) throws -> [(id: Int64, name: String)] {
        try require(.trackTime, actor)
        return try database.read { db in
            try CatalogQueries.liveServices(db, companyId: actor.companyId)
        }
    }

    public func formOptions(for actor: Actor) throws -> TimeFormOptions {
        try require(.trackTime, actor)
        return try database.read { db in
            let projects = try ProjectQueries.page(db, companyId: actor.companyId, search: "", filter: .status(.active), clientId: nil,
                                                   page: PageRequest(number: 1, size: 500)).items
                + ProjectQueries.page(db, companyId: actor.companyId, search: "", filter: .status(.onHold), clientId: nil,
                                      page: PageRequest(number: 1, size: 500)).items
            let services = try CatalogQueries.live(db, companyId: actor.companyId).filter { $0.kind == .service }
            return TimeFormOptions(projects: projects.map { (id: $0.id, name: "\($0.name) — \($0.clientName)") },
                                   services: services.compactMap { item in item.id.map { (id: $0, name: item.name) } },
                                   people: try InvitationQueries.members(db, companyId: actor.companyId))
        }
    }

    // MARK: Entries

    public func create(_ draft: TimeEntryDraft, by actor: Actor) throws -> TimeEntryRecord {
        try require(.trackTime, actor)
        return try database.pool.write { db in
            let now = clock.now()
            var entry = try build(draft, db: db, actor: actor, existing: nil, now: now)
            try TimeQueries.insert(db, &entry)
            try AuditLog.append(db, Audit.event("time_entry.created", by: actor, objectType: "time_entry", objectId: entry.id,
                                                changes: Self.changes(from: nil, to: entry), at: now))
            return entry
        }
    }

    public func update(_ id: Int64, with draft: TimeEntryDraft, by actor: Actor) throws -> TimeEntryRecord {
        try require(.trackTime, actor)
        return try database.pool.write { db in
            let existing = try editable(id, db: db, actor: actor)
            let now = clock.now()
            var entry = try build(draft, db: db, actor: actor, existing: existing, now: now)
            entry.id = id
            let changes = Self.changes(from: existing, to: entry)
            guard !changes.isEmpty else { return existing }
            try TimeQueries.update(db, entry)
            try AuditLog.append(db, Audit.event("time_entry.updated", by: actor, objectType: "time_entry", objectId: id,
                                                changes: changes, at: now))
            return entry
        }
    }

    public func delete(_ id: Int64, by actor: Actor) throws {
        try require(.trackTime, actor)
        try database.pool.write { db in
            let existing = try editable(id, db: db, actor: actor)
            try TimeQueries.delete(db, companyId: actor.companyId, id: id)
            try AuditLog.append(db, Audit.event("time_entry.deleted", by: actor, objectType: "time_entry", objectId: id,
                                                changes: Self.changes(from: nil, to: existing), at: clock.now()))
        }
    }

    /// The entry when the actor may change it: their own draft or rejected entry, or — for
    /// managers and up — anyone's draft. Someone else's entry for staff is `.notFound`.
    private func editable(_ id: Int64, db: Database, actor: Actor) throws -> TimeEntryRecord {
        guard let entry = try TimeQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
        let own = entry.userId == actor.userId
        let manager = Permission.approveTime.isGranted(to: actor.role)
        guard own || manager else { throw AppError.notFound }
        if entry.isInvoiced { throw AppError.conflict("This entry is invoiced and locked.") }
        guard own ? entry.status.isEditable : entry.status == .draft else {
            let status = entry.status.label.lowercased()
            throw AppError.conflict("\(status.hasPrefix("a") ? "An" : "A") \(status) entry cannot be changed.")
        }
        return entry
    }

    /// Validates the draft against the database and snapshots the service name and rate.
    private func build(_ draft: TimeEntryDraft, db: Database, actor: Actor, existing: TimeEntryRecord?,
                       now: Date) throws -> TimeEntryRecord {
        guard let me = actor.userId else { throw AppError.forbidden }
        var errors = ValidationErrors()
        var clean: TimeEntryDraft.Valid?
        switch draft.validated() {
        case .success(let valid): clean = valid
        case .failure(let failed): errors = failed
        }
        var project: ProjectRecord?
        if let projectId = Int64(draft.projectId.trimmingWhitespace()), projectId > 0 {
            guard let found = try ProjectQueries.find(db, companyId: actor.companyId, id: projectId) else { throw AppError.notFound }
            project = found
            if (found.status == .done || found.status == .archived) && found.id != existing?.projectId {
                errors.add("project_id", "That project is \(found.status.label.lowercased()); reopen it to log time on it.")
            }
        }
        var service: CatalogItemRecord?
        if let serviceId = Int64(draft.serviceId.trimmingWhitespace()), serviceId > 0 {
            guard let found = try CatalogQueries.find(db, companyId: actor.companyId, id: serviceId) else { throw AppError.notFound }
            service = found
            if found.kind != .service { errors.add("service_id", "Choose a service, not a product.") }
            else if found.isArchived && found.id != existing?.catalogItemId {
                errors.add("service_id", "That service is archived; choose another.")
            }
        }
        var person = existing?.userId ?? me
        if let chosen = clean?.userId, chosen != person {
            // Staff track their own time only; managers and up may log time for a colleague.
            guard Permission.approveTime.isGranted(to: actor.role) else { throw AppError.forbidden }
            guard try !ProjectQueries.companyMembers(db, companyId: actor.companyId, among: [chosen]).isEmpty
            else { throw AppError.notFound }
            person = chosen
        }
        guard errors.isEmpty, let clean, let project, let service, let projectId = project.id, let serviceId = service.id
        else { throw AppError.invalid(errors) }
        // The rate is a snapshot: the project's hourly rate, else the service's price.
        let keepsSnapshot = existing.map { $0.projectId == projectId && $0.catalogItemId == serviceId } ?? false
        let rate = keepsSnapshot ? existing?.rateCents ?? 0 : (project.billingType == .hourly ? project.hourlyRateCents ?? 0 : service.unitPriceCents)
        let name = keepsSnapshot ? existing?.serviceName ?? service.name : service.name
        var started: Date?, ended: Date?
        if let startMinute = clean.startMinute, let endMinute = clean.endMinute {
            let midnight = Date(timeIntervalSince1970: TimeInterval(clean.date.daysSinceEpoch) * 86_400)
            started = midnight.addingTimeInterval(TimeInterval(startMinute * 60))
            ended = midnight.addingTimeInterval(TimeInterval(endMinute * 60))
        }
        return TimeEntryRecord(id: existing?.id, companyId: actor.companyId, userId: person, projectId: projectId,
                               catalogItemId: serviceId, serviceName: name, rateCents: rate,
                               workDate: clean.date.description, weekStart: clean.weekStart.description, minutes: clean.minutes,
                               startedAt: started, endedAt: ended, notes: clean.notes,
                               billable: clean.billable && project.billingType != .nonBillable,
                               status: existing?.status ?? .draft, rejectionReason: existing?.rejectionReason,
                               createdAt: existing?.createdAt ?? now, updatedAt: now)
    }

    // MARK: The weekly workflow

    /// Submits the actor's week: every draft and rejected entry of it → submitted, in one
    /// transaction with one `time_week.submitted` event. Returns how many were submitted.
    @discardableResult
    public func submitWeek(containing day: CalendarDate, by actor: Actor) throws -> Int {
        try require(.trackTime, actor)
        guard let me = actor.userId else { throw AppError.forbidden }
        let monday = Week.start(of: day).description
        return try database.pool.write { db in
            let ids = try TimeQueries.weekEntryIds(db, companyId: actor.companyId, userId: me, weekStart: monday,
                                                   statuses: [.draft, .rejected])
            guard !ids.isEmpty else { throw AppError.conflict("This week has no draft or rejected entries to submit.") }
            let now = clock.now()
            try TimeQueries.setStatus(db, companyId: actor.companyId, ids: ids, to: .submitted, reason: nil, by: nil, at: now)
            try AuditLog.append(db, Audit.event("time_week.submitted", by: actor, objectType: "user", objectId: me,
                                                changes: ["week_start": (nil, monday), "entry_ids": (nil, Self.idList(ids))], at: now))
            return ids.count
        }
    }

    /// Approves a person's submitted week (manager and up). Managers and admins cannot approve
    /// their own week; an owner can (the only approver in a one-person firm).
    @discardableResult
    public func approveWeek(of userId: Int64, weekStart: CalendarDate, by actor: Actor) throws -> Int {
        try decide(userId, weekStart: weekStart, to: .approved, reason: nil, by: actor)
    }

    /// Rejects a person's submitted week with a reason they will see on each entry.
    @discardableResult
    public func rejectWeek(of userId: Int64, weekStart: CalendarDate, reason: String, by actor: Actor) throws -> Int {
        let clean = reason.trimmingWhitespace()
        guard !clean.isEmpty, clean.unicodeScalars.count <= 1000 else {
            try require(.approveTime, actor)
            var errors = ValidationErrors()
            errors.add("reason", clean.isEmpty ? "Say why, so they can fix it." : "Keep the reason under 1,000 characters.")
            throw AppError.invalid(errors)
        }
        return try decide(userId, weekStart: weekStart, to: .rejected, reason: clean, by: actor)
    }

    private func decide(_ userId: Int64, weekStart: CalendarDate, to status: TimeEntryStatus, reason: String?,
                        by actor: Actor) throws -> Int {
        try require(.approveTime, actor)
        let monday = Week.start(of: weekStart).description
        return try database.pool.write { db in
            guard try !ProjectQueries.companyMembers(db, companyId: actor.companyId, among: [userId]).isEmpty
            else { throw AppError.notFound }
            if userId == actor.userId && actor.role != .owner {
                throw AppError.conflict("Someone else approves your own week.")
            }
            let ids = try TimeQueries.weekEntryIds(db, companyId: actor.companyId, userId: userId, weekStart: monday,
                                                   statuses: [.submitted])
            guard !ids.isEmpty else { throw AppError.conflict("That week has nothing waiting for approval.") }
            let now = clock.now()
            try TimeQueries.setStatus(db, companyId: actor.companyId, ids: ids, to: status, reason: reason, by: actor.userId, at: now)
            var changes: [String: (before: String?, after: String?)] = ["week_start": (nil, monday), "entry_ids": (nil, Self.idList(ids))]
            if let reason { changes["reason"] = (nil, reason) }
            try AuditLog.append(db, Audit.event(status == .approved ? "time_week.approved" : "time_week.rejected", by: actor,
                                                objectType: "user", objectId: userId, changes: changes, at: now))
            return ids.count
        }
    }

    // MARK: The timer

    /// Starts the actor's timer on a project and service. A timer already running is stopped
    /// first into a draft entry, in the same transaction (switching tasks is one click).
    public func startTimer(projectId: String, serviceId: String, notes: String, by actor: Actor) throws -> RunningTimerRecord {
        try require(.trackTime, actor)
        guard let me = actor.userId else { throw AppError.forbidden }
        return try database.pool.write { db in
            let now = clock.now()
            var errors = ValidationErrors()
            // Checked like an entry on today's date with a placeholder duration.
            let probe = TimeEntryDraft(projectId: projectId, serviceId: serviceId, date: Self.day(of: now).description,
                                       duration: "1m", notes: notes)
            do { _ = try build(probe, db: db, actor: actor, existing: nil, now: now) } catch AppError.invalid(let failed) {
                errors = failed
            }
            guard errors.isEmpty, let project = Int64(projectId.trimmingWhitespace()), let service = Int64(serviceId.trimmingWhitespace())
            else { throw AppError.invalid(errors) }
            if let running = try TimeQueries.timer(db, companyId: actor.companyId, userId: me) {
                _ = try stop(running, db: db, actor: actor, now: now)
            }
            var timer = RunningTimerRecord(companyId: actor.companyId, userId: me, projectId: project, catalogItemId: service,
                                           notes: notes.trimmingWhitespace(), startedAt: now)
            try TimeQueries.insertTimer(db, &timer)
            try AuditLog.append(db, Audit.event("timer.started", by: actor, objectType: "project", objectId: project,
                                                changes: ["catalog_item_id": (nil, String(service))], at: now))
            return timer
        }
    }

    /// Stops the actor's timer into a draft entry (minutes rounded up, at least 1; over 24 h
    /// capped at 24:00 and flagged in the notes). No timer running is a conflict.
    public func stopTimer(by actor: Actor) throws -> TimeEntryRecord {
        try require(.trackTime, actor)
        guard let me = actor.userId else { throw AppError.forbidden }
        return try database.pool.write { db in
            guard let running = try TimeQueries.timer(db, companyId: actor.companyId, userId: me)
            else { throw AppError.conflict("No timer is running.") }
            return try stop(running, db: db, actor: actor, now: clock.now())
        }
    }

    public func discardTimer(by actor: Actor) throws {
        try require(.trackTime, actor)
        guard let me = actor.userId else { throw AppError.forbidden }
        try database.pool.write { db in
            guard let running = try TimeQueries.timer(db, companyId: actor.companyId, userId: me)
            else { throw AppError.conflict("No timer is running.") }
            let now = clock.now()
            try TimeQueries.deleteTimer(db, companyId: actor.companyId, userId: me)
            try AuditLog.append(db, Audit.event("timer.discarded", by: actor, objectType: "project", objectId: running.projectId,
                                                changes: ["started_at": (Audit.timestamp(running.startedAt), nil)], at: now))
        }
    }

    /// Whole minutes a timer ran: rounded up, at least 1, and whether it passed 24 hours.
    public static func timerMinutes(from start: Date, to end: Date) -> (minutes: Int, capped: Bool) {
        let seconds = max(0, end.timeIntervalSince(start))
        let minutes = max(1, Int((seconds / 60).rounded(.up)))
        return minutes > maxTimerMinutes ? (maxTimerMinutes, true) : (minutes, false)
    }

    /// The calendar day of an instant (UTC until companies have a time zone).
    public static func day(of date: Date) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    private func stop(_ running: RunningTimerRecord, db: Database, actor: Actor, now: Date) throws -> TimeEntryRecord {
        let (minutes, capped) = Self.timerMinutes(from: running.startedAt, to: now)
        let day = Self.day(of: running.startedAt)
        guard let project = try ProjectQueries.find(db, companyId: actor.companyId, id: running.projectId),
              let service = try CatalogQueries.find(db, companyId: actor.companyId, id: running.catalogItemId),
              let projectId = project.id, let serviceId = service.id
        else { throw AppError.notFound }
        var notes = running.notes
        if capped { notes = notes.isEmpty ? Self.overlongTimerNote : notes + "\n" + Self.overlongTimerNote }
        let ended = capped ? running.startedAt.addingTimeInterval(TimeInterval(Self.maxTimerMinutes * 60)) : now
        var entry = TimeEntryRecord(companyId: actor.companyId, userId: running.userId, projectId: projectId, catalogItemId: serviceId,
                                    serviceName: service.name,
                                    rateCents: project.billingType == .hourly ? project.hourlyRateCents ?? 0 : service.unitPriceCents,
                                    workDate: day.description, weekStart: Week.start(of: day).description, minutes: minutes,
                                    startedAt: running.startedAt, endedAt: ended, notes: String(notes.prefix(5000)),
                                    billable: project.billingType != .nonBillable, createdAt: now, updatedAt: now)
        try TimeQueries.deleteTimer(db, companyId: actor.companyId, userId: running.userId)
        try TimeQueries.insert(db, &entry)
        var changes = Self.changes(from: nil, to: entry)
        if capped { changes["capped"] = (nil, "true") }
        try AuditLog.append(db, Audit.event("timer.stopped", by: actor, objectType: "time_entry", objectId: entry.id,
                                            changes: changes, at: now))
        return entry
    }

    static func idList(_ ids: [Int64]) -> String { ids.map(String.init).joined(separator: ",") }

    static func changes(from before: TimeEntryRecord?, to after: TimeEntryRecord) -> [String: (before: String?, after: String?)] {
        var changes: [String: (before: String?, after: String?)] = [:]
        func note(_ field: String, _ value: (TimeEntryRecord) -> String?) {
            let old = before.flatMap(value), new = value(after)
            if before == nil ? new != nil : old != new { changes[field] = (old, new) }
        }
        note("user_id") { String($0.userId) }
        note("project_id") { String($0.projectId) }
        note("catalog_item_id") { String($0.catalogItemId) }
        note("rate_cents") { String($0.rateCents) }
        note("work_date") { $0.workDate }
        note("minutes") { String($0.minutes) }
        note("billable") { $0.billable ? "true" : "false" }
        note("notes") { $0.notes.isEmpty && before == nil ? nil : $0.notes }
        return changes
    }
}
