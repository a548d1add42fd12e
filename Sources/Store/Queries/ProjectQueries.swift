import Domain
import Foundation
import GRDB

/// Which projects a list shows: all but archived (default), or one status.
public enum ProjectListFilter: Sendable, Equatable {
    case open
    case status(ProjectStatus)
}

/// A project's member as the detail page and the form show it.
public struct ProjectMember: Sendable, Equatable {
    public let userId: Int64
    public let email: String
    public let displayName: String
}

/// Projects and their members, always scoped to one company.
public enum ProjectQueries {
    /// One page of projects by name with their client's name, LIMIT/OFFSET over the index
    /// the filter picks: `projects_open_by_name` (default), `projects_by_status`, or
    /// `projects_by_client` when a client is chosen.
    public static func page(_ db: Database, companyId: Int64, search: String, filter: ProjectListFilter,
                            clientId: Int64?, page: PageRequest) throws -> Page<ProjectSummary> {
        var condition: SQL = "projects.company_id = \(companyId)"
        switch filter {
        // Spelled out (not bound) so SQLite can prove the partial index applies.
        case .open: condition += " AND projects.status <> 'archived'"
        case .status(let status): condition += " AND projects.status = \(status.rawValue)"
        }
        if let clientId { condition += " AND projects.client_id = \(clientId)" }
        if let pattern = ClientQueries.likePattern(search) {
            condition += " AND (projects.name LIKE \(pattern) ESCAPE '\\' OR projects.code LIKE \(pattern) ESCAPE '\\')"
        }
        let total = try SQLRequest<Int>(literal: "SELECT count(*) FROM projects WHERE \(condition)", cached: true).fetchOne(db) ?? 0
        let rows = try SQLRequest<Row>(literal: """
            SELECT projects.id, projects.name, projects.code, projects.client_id, projects.billing_type, projects.status,
                   clients.name AS client_name
            FROM projects JOIN clients ON clients.id = projects.client_id AND clients.company_id = projects.company_id
            WHERE \(condition) ORDER BY projects.name COLLATE NOCASE, projects.id LIMIT \(page.size) OFFSET \(page.offset)
            """, cached: true).fetchAll(db)
        return Page(items: rows.map(ProjectSummary.init(row:)), number: page.number, size: page.size, totalCount: total)
    }

    /// A client's projects, archived ones last, at most `limit` (the client page).
    public static func forClient(_ db: Database, companyId: Int64, clientId: Int64, limit: Int = 100) throws -> [ProjectSummary] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT projects.id, projects.name, projects.code, projects.client_id, projects.billing_type, projects.status,
                   clients.name AS client_name
            FROM projects JOIN clients ON clients.id = projects.client_id AND clients.company_id = projects.company_id
            WHERE projects.company_id = ? AND projects.client_id = ?
            ORDER BY projects.status = 'archived', projects.name COLLATE NOCASE, projects.id LIMIT ?
            """), arguments: [companyId, clientId, limit]).map(ProjectSummary.init(row:))
    }

    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> ProjectRecord? {
        try ProjectRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM projects WHERE id = ? AND company_id = ?"),
                                   arguments: [id, companyId])
    }

    /// Whether another project of the company already has this code.
    public static func codeTaken(_ db: Database, companyId: Int64, code: String, excluding id: Int64?) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM projects WHERE company_id = ? AND code = ? AND id IS NOT ?)
            """), arguments: [companyId, code, id]) ?? false
    }

    public static func insert(_ db: Database, _ project: inout ProjectRecord) throws {
        try project.insert(db)
    }

    public static func update(_ db: Database, _ project: ProjectRecord) throws {
        guard let id = project.id else { return }
        try db.execute(sql: """
            UPDATE projects SET client_id = ?, name = ?, code = ?, billing_type = ?, hourly_rate_cents = ?, fixed_fee_cents = ?,
                   budget_minutes = ?, budget_amount_cents = ?, status = ?, notes = ?, updated_at = ?
            WHERE id = ? AND company_id = ?
            """, arguments: [project.clientId, project.name, project.code, project.billingType.rawValue, project.hourlyRateCents,
                             project.fixedFeeCents, project.budgetMinutes, project.budgetAmountCents, project.status.rawValue,
                             project.notes, project.updatedAt, id, project.companyId])
    }

    /// The project's members by email.
    public static func members(_ db: Database, companyId: Int64, projectId: Int64) throws -> [ProjectMember] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT u.id, u.email, u.display_name FROM project_members pm JOIN users u ON u.id = pm.user_id
            WHERE pm.company_id = ? AND pm.project_id = ? ORDER BY u.email
            """), arguments: [companyId, projectId]).map {
            ProjectMember(userId: $0["id"], email: $0["email"], displayName: $0["display_name"])
        }
    }

    /// The user ids among `userIds` that are members of the company.
    public static func companyMembers(_ db: Database, companyId: Int64, among userIds: [Int64]) throws -> Set<Int64> {
        let statement = try db.cachedStatement(sql: "SELECT user_id FROM memberships WHERE company_id = ? AND user_id = ?")
        var found: Set<Int64> = []
        for userId in userIds {
            if let id = try Int64.fetchOne(statement, arguments: [companyId, userId]) { found.insert(id) }
        }
        return found
    }

    /// Makes the member list exactly `userIds` (callers checked they are company members).
    public static func setMembers(_ db: Database, companyId: Int64, projectId: Int64, userIds: [Int64], at date: Date) throws {
        try db.execute(sql: "DELETE FROM project_members WHERE company_id = ? AND project_id = ?", arguments: [companyId, projectId])
        let insert = try db.cachedStatement(sql: "INSERT INTO project_members (project_id, company_id, user_id, created_at) VALUES (?, ?, ?, ?)")
        for userId in userIds {
            try insert.execute(arguments: [projectId, companyId, userId, date])
        }
    }

    /// What a project has used against its budget: every time entry logged on it (any status;
    /// the amount is billable time at each entry's snapshot rate) plus its expenses. This is the
    /// one place the project page reads "budget used" from.
    public static func budgetUsage(_ db: Database, companyId: Int64, projectId: Int64) throws -> ProjectBudgetUsage {
        let time = try TimeQueries.projectUsage(db, companyId: companyId, projectId: projectId)
        return ProjectBudgetUsage(minutesLogged: time.minutes, billableAmountCents: time.amountCents,
                                  expenseCents: try expenseCents(db, companyId: companyId, projectId: projectId))
    }

    /// What the project's live expenses cost (amounts before tax, as the budget is set),
    /// whether billed or not.
    public static func expenseCents(_ db: Database, companyId: Int64, projectId: Int64) throws -> Int64 {
        try ExpenseQueries.projectTotals(db, companyId: companyId, projectId: projectId).amountCents
    }
}
