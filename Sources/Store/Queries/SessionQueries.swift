import Foundation
import GRDB

/// The signed-in session with what every request needs to authorize, in one indexed read.
public struct SessionLookup: Sendable {
    public let session: SessionRecord
    public let user: UserRecord
    public let company: CompanyRecord
    public let membership: MembershipRecord
    /// The user's running timer in this company, from the same statement (LEFT JOIN).
    public let runningTimer: RunningTimerSummary?
}

public enum SessionQueries {
    /// One statement: the session row joined to its user, company and membership, each record
    /// decoded by position from its slice of the row, plus the user's running timer (LEFT JOIN
    /// on its unique (company_id, user_id) index, with project and service names) so every
    /// page can show it in the navigation bar without a query of its own. It runs outside a transaction (see
    /// `AppDatabase.readStatement`): a single SELECT is its own consistent snapshot.
    public static func lookup(_ db: Database, tokenHash: String) throws -> SessionLookup? {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: lookupSQL), arguments: [tokenHash])
        guard let row = try rows.next() else { return nil }
        let userStart = SessionRecord.positionalColumns.count
        let companyStart = userStart + UserRecord.positionalColumns.count
        let membershipStart = companyStart + CompanyRecord.positionalColumns.count
        let timerStart = membershipStart + MembershipRecord.positionalColumns.count
        var timer: RunningTimerSummary?
        if let projectId: Int64 = row[timerStart] {
            let projectName: String? = row[timerStart + 1], serviceName: String? = row[timerStart + 2]
            timer = RunningTimerSummary(projectId: projectId, projectName: projectName ?? "", serviceName: serviceName ?? "",
                                        startedAt: DatabaseDate.decodeRequired(row, timerStart + 3))
        }
        return SessionLookup(session: SessionRecord(row: row, startingAt: 0), user: UserRecord(row: row, startingAt: userStart),
                             company: CompanyRecord(row: row, startingAt: companyStart),
                             membership: MembershipRecord(row: row, startingAt: membershipStart), runningTimer: timer)
    }

    static let lookupSQL: String = {
        func columns(_ table: String, _ names: [String]) -> String { names.map { "\(table).\($0)" }.joined(separator: ", ") }
        return """
            SELECT \(columns("sessions", SessionRecord.positionalColumns)), \(columns("users", UserRecord.positionalColumns)),
                   \(columns("companies", CompanyRecord.positionalColumns)), \(columns("memberships", MembershipRecord.positionalColumns)),
                   running_timers.project_id, timer_projects.name, timer_items.name, running_timers.started_at
            FROM sessions
            JOIN users ON users.id = sessions.user_id
            JOIN companies ON companies.id = sessions.company_id
            JOIN memberships ON memberships.user_id = sessions.user_id AND memberships.company_id = sessions.company_id
            LEFT JOIN running_timers ON running_timers.company_id = sessions.company_id AND running_timers.user_id = sessions.user_id
            LEFT JOIN projects AS timer_projects ON timer_projects.id = running_timers.project_id
            LEFT JOIN catalog_items AS timer_items ON timer_items.id = running_timers.catalog_item_id
            WHERE sessions.token_hash = ?
            """
    }()

    public static func insert(_ db: Database, _ session: inout SessionRecord) throws {
        try session.insert(db)
    }

    public static func touch(_ db: Database, id: Int64, at date: Date) throws {
        try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE id = ?", arguments: [date, id])
    }

    public static func delete(_ db: Database, id: Int64) throws {
        try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [id])
    }

    public static func deleteAll(_ db: Database, userId: Int64) throws {
        try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userId])
    }

    /// The user's sessions in one company, most recently used first ("Your sessions").
    public static func list(_ db: Database, userId: Int64, companyId: Int64) throws -> [SessionRecord] {
        try SessionRecord.fetchAll(db, sql: """
            SELECT * FROM sessions WHERE user_id = ? AND company_id = ? ORDER BY last_seen_at DESC, id DESC
            """, arguments: [userId, companyId])
    }

    /// One of the user's own sessions in the company; nil for anyone else's (the caller answers 404).
    public static func find(_ db: Database, id: Int64, userId: Int64, companyId: Int64) throws -> SessionRecord? {
        try SessionRecord.fetchOne(db, sql: "SELECT * FROM sessions WHERE id = ? AND user_id = ? AND company_id = ?",
                                   arguments: [id, userId, companyId])
    }

    /// Ends the user's sessions in the company except `keeping` (nil: all of them), returning the
    /// ids ended. "Sign out everywhere else" keeps the current one; a role change ends them all,
    /// so no browser keeps acting under the old role (it signs in again and gets a new token).
    @discardableResult
    public static func endAll(_ db: Database, userId: Int64, companyId: Int64, keeping: Int64? = nil) throws -> [Int64] {
        let ids = try Int64.fetchAll(db, sql: """
            SELECT id FROM sessions WHERE user_id = ? AND company_id = ? AND id IS NOT ? ORDER BY id
            """, arguments: [userId, companyId, keeping])
        try db.execute(sql: "DELETE FROM sessions WHERE user_id = ? AND company_id = ? AND id IS NOT ?",
                       arguments: [userId, companyId, keeping])
        return ids
    }

    /// Sessions past their absolute expiry or idle for longer than `idleCutoff` allows.
    public static func deleteExpired(_ db: Database, now: Date, idleCutoff: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?",
                       arguments: [now, idleCutoff])
        return db.changesCount
    }
}

extension SessionQueries {
    /// Ends every session of the user in every company but `keeping`; returns how many ended.
    public static func endEverywhere(_ db: Database, userId: Int64, keeping: Int64?) throws -> Int {
        try db.execute(sql: "DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?", arguments: [userId, keeping])
        return db.changesCount
    }
}
