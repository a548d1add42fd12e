import App
import Domain
import Foundation
import Store

enum TimeViews {
    static func statusBadge(_ entry: TimeEntryRecord) -> HTML { statusBadge(entry.status, invoiced: entry.isInvoiced) }

    static func statusBadge(_ status: TimeEntryStatus, invoiced: Bool) -> HTML {
        if invoiced { return "<span class=\"badge\">Invoiced</span>" }
        return status == .approved ? "<span class=\"badge\">\(status.label)</span>"
            : "<span class=\"badge badge-muted\">\(status.label)</span>"
    }

    static func serviceOptions(_ options: TimeFormOptions) -> [(value: String, label: String)] {
        [(value: "", label: "Choose a service")] + options.services.map { (value: String($0.id), label: $0.name) }
    }

    static func projectOptions(_ options: TimeFormOptions) -> [(value: String, label: String)] {
        [(value: "", label: "Choose a project")] + options.projects.map { (value: String($0.id), label: $0.name) }
    }

    /// GET /time: the week's entries by day with totals, previous/next links, the add form
    /// and the submit button.
    static func week(_ week: TimeWeek, options: TimeFormOptions?, draft: TimeEntryDraft, errors: ValidationErrors,
                     _ context: RequestContext) -> HTML {
        let monday = week.weekStart
        let own = week.userId == context.signedIn?.user.id
        let personQuery = own ? "" : "&person=\(week.userId)"
        let nav: HTML = """
            <p class="week-nav"><a href="/time?week=\(monday.adding(days: -7).description)\(personQuery)">Previous week</a> \
            <strong>Week of \(monday.description)</strong> \
            <a href="/time?week=\(monday.adding(days: 7).description)\(personQuery)">Next week</a></p>

            """
        var rows = HTML()
        for row in week.entries {
            let entry = row.entry
            let id = entry.id ?? 0
            var actions = HTML()
            if options != nil && entry.status.isEditable && !entry.isInvoiced {
                actions.append("<a href=\"/time/\(id)/edit\">Edit</a> ")
                actions.append(Components.postButton("Delete", action: "/time/\(id)/delete", context, style: "link-button",
                                                     confirm: "Delete this entry?"))
            }
            let reason: HTML = entry.status == .rejected ? "<br><span class=\"field-error\">Rejected: \(entry.rejectionReason ?? "")</span>" : HTML()
            rows.append("""
                <tr><td>\(entry.workDate)</td><td><a href="/projects/\(entry.projectId)">\(row.projectName)</a></td><td>\(entry.serviceName)</td>\
                <td>\(entry.notes)\(reason)</td><td>\(entry.billable ? "Yes" : "No")</td><td class="num">\(DurationFormat.clock(minutes: entry.minutes))</td>\
                <td>\(statusBadge(entry))</td><td>\(actions)</td></tr>

                """)
        }
        let table: HTML = week.entries.isEmpty ? Components.emptyState("No time logged this week.")
            : Components.table(caption: "Time entries", headers: [("Date", false), ("Project", false), ("Service", false),
                                                                  ("Notes", false), ("Billable", false), ("Hours", true),
                                                                  ("Status", false), ("", false)], renderedRows: rows)
        var dayCells: [[HTML]] = [[]]
        for day in Week.days(of: monday) {
            dayCells[0].append("\(DurationFormat.clock(minutes: week.minutes(on: day)))")
        }
        dayCells[0].append("\(DurationFormat.clock(minutes: week.totalMinutes))")
        let totals = Components.table(caption: "Totals per day",
                                      headers: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Week"].map { ($0, true) },
                                      rows: dayCells)
        var submit = HTML()
        var form = HTML()
        if let options {
            if week.submittableCount > 0 {
                submit = """
                    <form method="post" action="/time/week/submit" class="inline">\(Components.csrfField(context))<input type="hidden" name="week" value="\(monday.description)"><button type="submit" class="button primary">Submit week for approval</button></form>

                    """
            }
            form = "<section class=\"card\"><h2>Add time</h2>\n\(entryFields(draft, options: options, errors: errors, action: "/time", context))</section>\n"
        }
        let title = own ? "My time" : "Time of \(week.entries.first?.personName ?? "a colleague")"
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1><div class="actions">\(options == nil ? HTML() : "<a class=\"button\" href=\"/timer/new\">Start timer</a>")</div></div>
            \(nav)\(totals)\(table)\(submit)\(form)
            """)
    }

    static func entryFields(_ draft: TimeEntryDraft, options: TimeFormOptions, errors: ValidationErrors, action: String,
                            _ context: RequestContext) -> HTML {
        let manager = context.signedIn.map { Permission.approveTime.isGranted(to: $0.role) } ?? false
        let people: HTML = manager
            ? Components.select("Person", name: "user_id", options: [(value: "", label: "Me")] + options.people.map {
                (value: String($0.userId), label: $0.displayName.isEmpty ? $0.email : $0.displayName) },
                selected: draft.userId == String(context.signedIn?.user.id ?? 0) ? "" : draft.userId, error: errors["user_id"])
            : HTML()
        let billable: HTML = draft.billable
            ? "<div class=\"field\"><label class=\"checkbox\" for=\"billable\"><input type=\"checkbox\" id=\"billable\" name=\"billable\" value=\"1\" checked> Billable</label></div>\n"
            : "<div class=\"field\"><label class=\"checkbox\" for=\"billable\"><input type=\"checkbox\" id=\"billable\" name=\"billable\" value=\"1\"> Billable</label></div>\n"
        return """
            \(Components.errorSummary(errors))<form class="form" method="post" action="\(action)" novalidate>
            \(Components.csrfField(context))
            \(Components.select("Project", name: "project_id", options: projectOptions(options), selected: draft.projectId, error: errors["project_id"], required: true))\
            \(Components.select("Service", name: "service_id", options: serviceOptions(options), selected: draft.serviceId, error: errors["service_id"], required: true))\
            \(people)\
            \(Components.field("Date", name: "date", value: draft.date, error: errors["date"], hint: "Like 2026-11-30.", required: true))\
            \(Components.field("Duration", name: "duration", value: draft.duration, error: errors["duration"], hint: "Like 1:30, 1.5 or 90m — or give a start and end time instead."))\
            \(Components.field("Start time", name: "start_time", value: draft.startTime, error: errors["start_time"], hint: "Like 09:00 (UTC)."))\
            \(Components.field("End time", name: "end_time", value: draft.endTime, error: errors["end_time"], hint: "Like 10:30."))\
            \(Components.field("Notes", name: "notes", value: draft.notes, error: errors["notes"], kind: .textarea(rows: 3)))\
            \(billable)<div class="form-actions"><button class="button primary" type="submit">Save entry</button> <a class="button" href="/time">Cancel</a></div>
            </form>

            """
    }

    static func form(_ draft: TimeEntryDraft, options: TimeFormOptions, errors: ValidationErrors, entry: TimeEntryRecord?,
                     _ context: RequestContext) -> HTML {
        let title = entry == nil ? "Add time" : "Edit time entry"
        let action = entry?.id.map { "/time/\($0)/edit" } ?? "/time"
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(entryFields(draft, options: options, errors: errors, action: action, context))
            """)
    }

    /// GET /approvals: submitted weeks by person with totals; approve, or reject with a reason.
    static func approvals(_ weeks: [SubmittedWeek], rejecting: (user: Int64, week: String, error: String)? = nil,
                          _ context: RequestContext) -> HTML {
        guard !weeks.isEmpty else {
            return Layout.page("Approvals", context, body: """
                <div class="page-header"><h1>Approvals</h1></div>
                \(Components.emptyState("No weeks are waiting for approval."))
                """)
        }
        var rows = HTML()
        for week in weeks {
            let hidden: HTML = "\(Components.csrfField(context))<input type=\"hidden\" name=\"user\" value=\"\(week.userId)\"><input type=\"hidden\" name=\"week\" value=\"\(week.weekStart)\">"
            let fieldId = "reason-\(week.userId)-\(week.weekStart)"
            let error = rejecting.flatMap { $0.user == week.userId && $0.week == week.weekStart ? $0.error : nil }
            let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"\(fieldId)-error\">\($0)</p>" } ?? HTML()
            rows.append("""
                <tr><td><a href="/time?week=\(week.weekStart)&amp;person=\(week.userId)">\(week.personName)</a></td><td>\(week.weekStart)</td>\
                <td class="num">\(week.entryCount)</td><td class="num">\(DurationFormat.clock(minutes: Int(week.minutes)))</td>\
                <td class="num">\(DurationFormat.clock(minutes: Int(week.billableMinutes)))</td><td class="num">\(Components.money(week.amountCents, context))</td>\
                <td><form method="post" action="/approvals/approve" class="inline">\(hidden)<button type="submit" class="button primary">Approve</button></form> \
                <form method="post" action="/approvals/reject" class="inline">\(hidden)<label for="\(fieldId)" class="visually-hidden">Reason</label><input type="text" id="\(fieldId)" name="reason" placeholder="Reason" maxlength="1000"> <button type="submit" class="button">Reject</button>\(errorHTML)</form></td></tr>

                """)
        }
        return Layout.page("Approvals", context, body: """
            <div class="page-header"><h1>Approvals</h1></div>
            <p class="muted">Submitted weeks, oldest first. Rejecting needs a reason; the person sees it on each entry.</p>
            \(Components.table(caption: "Submitted weeks", headers: [("Person", false), ("Week of", false), ("Entries", true), ("Hours", true), ("Billable", true), ("Amount", true), ("", false)], renderedRows: rows))
            """)
    }

    /// GET /timer/new: pick a project and a service, then start.
    static func timerForm(project: String, service: String, notes: String, options: TimeFormOptions, errors: ValidationErrors,
                          _ context: RequestContext) -> HTML {
        let running: HTML = context.signedIn?.runningTimer == nil ? HTML()
            : "<p class=\"muted\">A timer is running: starting this one stops it first and saves it as a draft entry.</p>\n"
        return Layout.page("Start a timer", context, body: """
            <div class="page-header"><h1>Start a timer</h1></div>
            \(running)\(Components.errorSummary(errors))<form class="form" method="post" action="/timer/start" novalidate>
            \(Components.csrfField(context))
            \(Components.select("Project", name: "project_id", options: projectOptions(options), selected: project, error: errors["project_id"], required: true))\
            \(Components.select("Service", name: "service_id", options: serviceOptions(options), selected: service, error: errors["service_id"], required: true))\
            \(Components.field("Notes", name: "notes", value: notes, error: errors["notes"], kind: .textarea(rows: 2)))\
            <div class="form-actions"><button class="button primary" type="submit">Start timer</button> <a class="button" href="/time">Cancel</a></div>
            </form>
            """)
    }

    /// The project page's Time section: totals by status, recent entries, Start buttons.
    static func projectSection(_ time: ProjectTime, project: ProjectRecord, services: [(id: Int64, name: String)],
                               _ context: RequestContext) -> HTML {
        let id = project.id ?? 0
        var start = HTML()
        if context.signedIn.map({ Permission.trackTime.isGranted(to: $0.role) }) == true,
           project.status == .active || project.status == .onHold {
            for service in services.prefix(8) {
                start.append("""
                    <form method="post" action="/timer/start" class="inline">\(Components.csrfField(context))<input type="hidden" name="project_id" value="\(id)"><input type="hidden" name="service_id" value="\(service.id)"><input type="hidden" name="back" value="/projects/\(id)"><button type="submit" class="button">Start \(service.name)</button></form> 
                    """)
            }
            start = "<p>\(start)<a href=\"/time/new?project=\(id)\">Add time</a></p>\n"
        }
        var totals = HTML()
        for total in time.totals {
            totals.append("<tr><td>\(total.status.label)</td><td class=\"num\">\(DurationFormat.clock(minutes: Int(total.minutes)))</td><td class=\"num\">\(Components.money(total.amountCents, context))</td></tr>\n")
        }
        let totalsTable: HTML = time.totals.isEmpty ? "<p class=\"muted\">No time logged yet.</p>\n"
            : Components.table(caption: "Time by status", headers: [("Status", false), ("Hours", true), ("Billable amount", true)], renderedRows: totals)
        var recent = HTML()
        for row in time.recent {
            recent.append("<tr><td>\(row.workDate)</td><td>\(row.personName)</td><td>\(row.serviceName)</td><td class=\"num\">\(DurationFormat.clock(minutes: row.minutes))</td><td>\(statusBadge(row.status, invoiced: row.isInvoiced))</td></tr>\n")
        }
        let recentTable: HTML = time.recent.isEmpty ? HTML()
            : Components.table(caption: "Recent time", headers: [("Date", false), ("Person", false), ("Service", false), ("Hours", true), ("Status", false)], renderedRows: recent)
        let unbilled = time.unbilled
        let waiting: HTML = unbilled.entries == 0 ? HTML() : """
            <p class="unbilled-time"><strong>Not invoiced yet:</strong> \(unbilled.entries) approved billable \
            \(unbilled.entries == 1 ? "entry" : "entries"), \(DurationFormat.clock(minutes: Int(unbilled.minutes))) h, \
            \(project.billingType == .fixedFee ? "billed by the project's fixed fee" : "\(Components.money(unbilled.amountCents, context)) at their rates").</p>

            """
        return "<section class=\"card\"><h2>Time</h2>\n\(start)\(totalsTable)\(waiting)\(recentTable)</section>\n"
    }
}
