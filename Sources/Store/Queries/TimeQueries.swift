import Domain
import Foundation
import GRDB

/// A submitted week waiting for approval: one person, one week, with its totals.
public struct SubmittedWeek: Sendable, Equatable {
    public let userId: Int64
    public let personName: String
    public let weekStart: String
    public let entryCount: Int
    public let minutes: Int64
    public let billableMinutes: Int64
    public let amountCents: Int64
}

/// A project's time totals for one status.
public struct TimeStatusTotal: Sendable, Equatable {
    public let status: TimeEntryStatus
    public let minutes: Int64
    public let amountCents: Int64
}

/// A project's unbilled time in sums: what "Invoice unbilled work" would bill of its time.
public struct UnbilledTimeTotals: Sendable, Equatable {
    public let entries: Int
    public let minutes: Int64
    public let amountCents: Int64

    public init(entries: Int, minutes: Int64, amountCents: Int64) {
        self.entries = entries
        self.minutes = minutes
        self.amountCents = amountCents
    }
}

/// How unbilled time is grouped for an invoice: a line per service, per person, or per entry.
public enum UnbilledTimeGrouping: String, CaseIterable, Sendable {
    case service, person, entry
}

/// One group of a project's approved, billable, not yet invoiced time: what an invoice line
/// bills. `entryIds` are the entries the line covers (invoicing sets their `invoice_line_id`).
public struct UnbilledTimeRow: Sendable, Equatable {
    /// The service name (by service), the person's name (by person), or the entry's date and
    /// service (by entry).
    public let label: String
    public let catalogItemId: Int64?
    public let userId: Int64?
    public let minutes: Int64
    /// Sum of each entry's minutes × rate, rounded per entry (what the entries show).
    public let amountCents: Int64
    public let entryIds: [Int64]
}

/// Time entries and running timers, always scoped to one company.
public enum TimeQueries {
    static let rowSelect = """
        SELECT \(TimeEntryRecord.positionalColumns), projects.name,
               CASE users.display_name WHEN '' THEN users.email ELSE users.display_name END
        FROM time_entries
        JOIN projects ON projects.id = time_entries.project_id
        JOIN users ON users.id = time_entries.user_id
        """

    static func row(_ row: Row) throws -> TimeEntryRow {
        let names = TimeEntryRecord.positionalColumnCount
        return TimeEntryRow(entry: try TimeEntryRecord(positionalRow: row), projectName: row[names], personName: row[names + 1])
    }

    /// Decodes each row straight from the statement (a cursor): copying the rows first, as
    /// `fetchAll` does, and decoding the copies was half of the project page's entries.
    static func rows(_ statement: Statement, arguments: StatementArguments) throws -> [TimeEntryRow] {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        var entries: [TimeEntryRow] = []
        while let next = try cursor.next() { entries.append(try row(next)) }
        return entries
    }

    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> TimeEntryRecord? {
        try TimeEntryRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM time_entries WHERE id = ? AND company_id = ?"),
                                     arguments: [id, companyId])
    }

    /// A person's entries of one week, by day (index `time_entries_by_person_week`).
    public static func week(_ db: Database, companyId: Int64, userId: Int64, weekStart: String) throws -> [TimeEntryRow] {
        try rows(db.cachedStatement(sql: rowSelect + """

            WHERE time_entries.company_id = ? AND time_entries.user_id = ? AND time_entries.week_start = ?
            ORDER BY time_entries.work_date, time_entries.id
            """), arguments: [companyId, userId, weekStart])
    }

    /// A project's most recent entries (the project page): the six columns it shows, read
    /// by position with the person's name from one join, as `ClientSummary` is. Whole
    /// entries, 22 columns with six timestamps, were most of the page (`make bench`).
    public static func recentForProject(_ db: Database, companyId: Int64, projectId: Int64,
                                        limit: Int = 20) throws -> [RecentTimeEntry] {
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT t.id, t.work_date, CASE u.display_name WHEN '' THEN u.email ELSE u.display_name END,
                   t.service_name, t.minutes, t.status, t.invoice_line_id IS NOT NULL
            FROM time_entries t JOIN users u ON u.id = t.user_id
            WHERE t.company_id = ? AND t.project_id = ?
            ORDER BY t.work_date DESC, t.id DESC LIMIT ?
            """), arguments: [companyId, projectId, limit])
        var entries: [RecentTimeEntry] = []
        while let row = try cursor.next() {
            guard let status = TimeEntryStatus(rawValue: row[5]) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown time entry status")
            }
            entries.append(RecentTimeEntry(id: row[0], workDate: row[1], personName: row[2], serviceName: row[3],
                                           minutes: row[4], status: status, isInvoiced: row[6]))
        }
        return entries
    }

    /// A project's minutes and billable amount per status.
    public static func projectTotals(_ db: Database, companyId: Int64, projectId: Int64) throws -> [TimeStatusTotal] {
        // From `project_time_totals`, kept by triggers: a few rows, however many entries.
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT status, minutes, amount_cents AS amount FROM project_time_totals
            WHERE company_id = ? AND project_id = ? AND entries > 0 ORDER BY status
            """), arguments: [companyId, projectId]).compactMap { row in
            TimeEntryStatus(rawValue: row["status"]).map { TimeStatusTotal(status: $0, minutes: row["minutes"], amountCents: row["amount"]) }
        }
    }

    /// A project's approved, billable time not yet on an invoice, from `project_unbilled_totals`
    /// (kept by triggers): one row, however many entries.
    public static func unbilledTotals(_ db: Database, companyId: Int64, projectId: Int64) throws -> UnbilledTimeTotals {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT entries, minutes, amount_cents FROM project_unbilled_totals WHERE company_id = ? AND project_id = ?
            """), arguments: [companyId, projectId]) else { return UnbilledTimeTotals(entries: 0, minutes: 0, amountCents: 0) }
        return UnbilledTimeTotals(entries: row[0], minutes: row[1], amountCents: row[2])
    }

    /// Weeks waiting for approval, oldest first, with their totals (index `time_entries_submitted`).
    public static func submittedWeeks(_ db: Database, companyId: Int64) throws -> [SubmittedWeek] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT t.user_id, t.week_start, count(*) AS entry_count, sum(t.minutes) AS minutes,
                   sum(CASE t.billable WHEN 1 THEN t.minutes ELSE 0 END) AS billable_minutes,
                   sum(CASE t.billable WHEN 1 THEN (t.minutes * t.rate_cents + 30) / 60 ELSE 0 END) AS amount,
                   CASE u.display_name WHEN '' THEN u.email ELSE u.display_name END AS person_name
            FROM time_entries t JOIN users u ON u.id = t.user_id
            WHERE t.company_id = ? AND t.status = 'submitted'
            GROUP BY t.week_start, t.user_id ORDER BY t.week_start, person_name
            """), arguments: [companyId]).map {
            SubmittedWeek(userId: $0["user_id"], personName: $0["person_name"], weekStart: $0["week_start"],
                          entryCount: $0["entry_count"], minutes: $0["minutes"], billableMinutes: $0["billable_minutes"],
                          amountCents: $0["amount"])
        }
    }

    /// The ids of a person's entries of a week in the given statuses.
    public static func weekEntryIds(_ db: Database, companyId: Int64, userId: Int64, weekStart: String,
                                    statuses: [TimeEntryStatus]) throws -> [Int64] {
        let wanted = Set(statuses.map(\.rawValue))
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, status FROM time_entries WHERE company_id = ? AND user_id = ? AND week_start = ? ORDER BY id
            """), arguments: [companyId, userId, weekStart]).compactMap { wanted.contains($0["status"]) ? $0["id"] : nil }
    }

    public static func insert(_ db: Database, _ entry: inout TimeEntryRecord) throws {
        try entry.insert(db)
    }

    /// Saves an editable entry's content (and its status when it moves back from rejected).
    public static func update(_ db: Database, _ entry: TimeEntryRecord) throws {
        guard let id = entry.id else { return }
        try db.execute(sql: """
            UPDATE time_entries SET user_id = ?, project_id = ?, catalog_item_id = ?, service_name = ?, rate_cents = ?,
                   work_date = ?, week_start = ?, minutes = ?, started_at = ?, ended_at = ?, notes = ?, billable = ?,
                   updated_at = ?
            WHERE id = ? AND company_id = ?
            """, arguments: [entry.userId, entry.projectId, entry.catalogItemId, entry.serviceName, entry.rateCents,
                             entry.workDate, entry.weekStart, entry.minutes, entry.startedAt, entry.endedAt, entry.notes,
                             entry.billable, entry.updatedAt, id, entry.companyId])
    }

    public static func delete(_ db: Database, companyId: Int64, id: Int64) throws {
        try db.execute(sql: "DELETE FROM time_entries WHERE id = ? AND company_id = ?", arguments: [id, companyId])
    }

    /// Moves entries along the workflow (the triggers refuse any other move).
    public static func setStatus(_ db: Database, companyId: Int64, ids: [Int64], to status: TimeEntryStatus,
                                 reason: String?, by approver: Int64?, at date: Date) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE time_entries SET status = ?, rejection_reason = ?,
                   submitted_at = CASE ? WHEN 'submitted' THEN ? ELSE submitted_at END,
                   approved_by = ?, approved_at = ?, updated_at = ?
            WHERE id = ? AND company_id = ?
            """)
        let approved = status == .approved
        for id in ids {
            try statement.execute(arguments: [status.rawValue, reason, status.rawValue, date, approved ? approver : nil,
                                              approved ? date : nil, date, id, companyId])
        }
    }

    /// A project's approved, billable, not yet invoiced time, grouped for invoice lines. Reads
    /// through the partial index `time_entries_unbilled` (TimeQueryPlanTests).
    public static func unbilled(_ db: Database, companyId: Int64, projectId: Int64,
                                groupedBy grouping: UnbilledTimeGrouping) throws -> [UnbilledTimeRow] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: unbilledSQL), arguments: [companyId, projectId])
        var groups: [String: (label: String, item: Int64?, user: Int64?, minutes: Int64, amount: Int64, ids: [Int64])] = [:]
        var order: [String] = []
        for row in rows {
            let id: Int64 = row["id"], minutes: Int64 = row["minutes"], rate: Int64 = row["rate_cents"]
            let item: Int64 = row["catalog_item_id"], user: Int64 = row["user_id"]
            let service: String = row["service_name"], person: String = row["person_name"], day: String = row["work_date"]
            let key: String, label: String
            switch grouping {
            case .service: key = "\(item)\u{0}\(service)"; label = service
            case .person: key = String(user); label = person
            case .entry: key = String(id); label = "\(day) \(service) (\(person))"
            }
            if groups[key] == nil {
                order.append(key)
                groups[key] = (label, grouping == .person ? nil : item, grouping == .service ? nil : user, 0, 0, [])
            }
            groups[key]?.minutes += minutes
            groups[key]?.amount += TimeEntryRecord.amount(minutes: minutes, rateCents: rate)
            groups[key]?.ids.append(id)
        }
        return order.compactMap { groups[$0] }.map {
            UnbilledTimeRow(label: $0.label, catalogItemId: $0.item, userId: $0.user, minutes: $0.minutes,
                            amountCents: $0.amount, entryIds: $0.ids)
        }
    }

    static let unbilledSQL = """
        SELECT t.id, t.user_id, t.catalog_item_id, t.service_name, t.rate_cents, t.minutes, t.work_date,
               CASE u.display_name WHEN '' THEN u.email ELSE u.display_name END AS person_name
        FROM time_entries t JOIN users u ON u.id = t.user_id
        WHERE t.company_id = ? AND t.project_id = ?
          AND t.invoice_line_id IS NULL AND t.status = 'approved' AND t.billable = 1
        ORDER BY t.work_date, t.id
        """

    /// Minutes logged on a project (every status) and the billable amount of that time.
    public static func projectUsage(_ db: Database, companyId: Int64, projectId: Int64) throws -> (minutes: Int64, amountCents: Int64) {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(sum(minutes), 0) AS minutes, coalesce(sum(amount_cents), 0) AS amount
            FROM project_time_totals WHERE company_id = ? AND project_id = ?
            """), arguments: [companyId, projectId])
        return (row?["minutes"] ?? 0, row?["amount"] ?? 0)
    }

    // MARK: Running timers

    public static func timer(_ db: Database, companyId: Int64, userId: Int64) throws -> RunningTimerRecord? {
        try RunningTimerRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM running_timers WHERE company_id = ? AND user_id = ?"),
                                        arguments: [companyId, userId])
    }

    public static func insertTimer(_ db: Database, _ timer: inout RunningTimerRecord) throws {
        try timer.insert(db)
    }

    public static func deleteTimer(_ db: Database, companyId: Int64, userId: Int64) throws {
        try db.execute(sql: "DELETE FROM running_timers WHERE company_id = ? AND user_id = ?", arguments: [companyId, userId])
    }
}
