import Domain
import Foundation
import GRDB
import Store

/// A project with what its detail page shows.
public struct ProjectDetail: Sendable {
    public let project: ProjectRecord
    public let client: ClientRecord
    public let members: [ProjectMember]
    public let usage: ProjectBudgetUsage
}

/// Projects of a company: each write is one transaction with its audit event. A project
/// belongs to a live client of the same company; its members are members of the company;
/// its status moves only along `ProjectStatus.allowedNext`. Nothing is deleted: a project
/// is archived (a status).
public struct ProjectService: Sendable {
    let database: AppDatabase
    let clock: Clock

    public func list(for actor: Actor, search: String, filter: ProjectListFilter, clientId: Int64?,
                     page: PageRequest) throws -> Page<ProjectSummary> {
        try require(.viewProjects, actor)
        return try database.read { db in
            try ProjectQueries.page(db, companyId: actor.companyId, search: search, filter: filter, clientId: clientId, page: page)
        }
    }

    /// A client's projects (the client page); `.notFound` is not raised here: the caller
    /// already found the client.
    public func projects(ofClient clientId: Int64, for actor: Actor) throws -> [ProjectSummary] {
        try require(.viewProjects, actor)
        return try database.read { try ProjectQueries.forClient($0, companyId: actor.companyId, clientId: clientId) }
    }

    public func get(_ id: Int64, for actor: Actor) throws -> ProjectRecord {
        try require(.viewProjects, actor)
        guard let project = try database.read({ try ProjectQueries.find($0, companyId: actor.companyId, id: id) })
        else { throw AppError.notFound }
        return project
    }

    /// The project with its client, members and budget usage, read in one snapshot.
    public func detail(_ id: Int64, for actor: Actor) throws -> ProjectDetail {
        try require(.viewProjects, actor)
        return try database.read { db in
            guard let project = try ProjectQueries.find(db, companyId: actor.companyId, id: id),
                  let client = try ClientQueries.find(db, companyId: actor.companyId, id: project.clientId)
            else { throw AppError.notFound }
            return ProjectDetail(project: project, client: client,
                                 members: try ProjectQueries.members(db, companyId: actor.companyId, projectId: id),
                                 usage: try ProjectQueries.budgetUsage(db, companyId: actor.companyId, projectId: id))
        }
    }

    public func members(of id: Int64, for actor: Actor) throws -> [ProjectMember] {
        try require(.viewProjects, actor)
        return try database.read { try ProjectQueries.members($0, companyId: actor.companyId, projectId: id) }
    }

    public func create(_ draft: ProjectDraft, by actor: Actor) throws -> ProjectRecord {
        try require(.editProjects, actor)
        return try database.pool.write { db in
            let clean = try validate(draft, db: db, actor: actor, existing: nil)
            guard clean.status == .active || clean.status == .onHold else {
                var errors = ValidationErrors()
                errors.add("status", "A new project starts active or on hold.")
                throw AppError.invalid(errors)
            }
            let now = clock.now()
            var project = ProjectRecord(companyId: actor.companyId, clientId: clean.clientId, name: clean.name, code: clean.code,
                                        billingType: clean.billingType, hourlyRateCents: clean.hourlyRateCents,
                                        fixedFeeCents: clean.fixedFeeCents, budgetMinutes: clean.budgetMinutes,
                                        budgetAmountCents: clean.budgetAmountCents, status: clean.status, notes: clean.notes,
                                        createdAt: now, updatedAt: now)
            try ProjectQueries.insert(db, &project)
            let id = project.id ?? 0
            try ProjectQueries.setMembers(db, companyId: actor.companyId, projectId: id, userIds: clean.memberIds, at: now)
            var changes = Self.changes(from: nil, to: project)
            changes["member_ids"] = (nil, Self.idList(clean.memberIds))
            try AuditLog.append(db, Audit.event("project.created", by: actor, objectType: "project", objectId: id,
                                                changes: changes, at: now))
            return project
        }
    }

    public func update(_ id: Int64, with draft: ProjectDraft, by actor: Actor) throws -> ProjectRecord {
        try require(.editProjects, actor)
        return try database.pool.write { db in
            guard var project = try ProjectQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            let clean = try validate(draft, db: db, actor: actor, existing: project)
            let before = project
            let membersBefore = try ProjectQueries.members(db, companyId: actor.companyId, projectId: id).map(\.userId).sorted()
            project.clientId = clean.clientId
            project.name = clean.name
            project.code = clean.code
            project.billingType = clean.billingType
            project.hourlyRateCents = clean.hourlyRateCents
            project.fixedFeeCents = clean.fixedFeeCents
            project.budgetMinutes = clean.budgetMinutes
            project.budgetAmountCents = clean.budgetAmountCents
            project.status = clean.status
            project.notes = clean.notes
            var changes = Self.changes(from: before, to: project)
            if membersBefore != clean.memberIds { changes["member_ids"] = (Self.idList(membersBefore), Self.idList(clean.memberIds)) }
            guard !changes.isEmpty else { return before }
            project.updatedAt = clock.now()
            try ProjectQueries.update(db, project)
            if membersBefore != clean.memberIds {
                try ProjectQueries.setMembers(db, companyId: actor.companyId, projectId: id, userIds: clean.memberIds, at: project.updatedAt)
            }
            try AuditLog.append(db, Audit.event("project.updated", by: actor, objectType: "project", objectId: id,
                                                changes: changes, at: project.updatedAt))
            return project
        }
    }

    /// Moves the status (put on hold, finish, archive, reopen); a move not in
    /// `allowedNext` is a conflict (409). The same status again is a no-op.
    public func setStatus(_ id: Int64, to status: ProjectStatus, by actor: Actor) throws -> ProjectRecord {
        try require(.editProjects, actor)
        return try database.pool.write { db in
            guard var project = try ProjectQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard project.status != status else { return project }
            guard project.status.canMove(to: status) else {
                throw AppError.conflict("A project that is \(project.status.label.lowercased()) cannot become \(status.label.lowercased()).")
            }
            let before = project.status
            project.status = status
            project.updatedAt = clock.now()
            try ProjectQueries.update(db, project)
            try AuditLog.append(db, Audit.event("project.status_changed", by: actor, objectType: "project", objectId: id,
                                                changes: ["status": (before.rawValue, status.rawValue)], at: project.updatedAt))
            return project
        }
    }

    /// Field checks, then the rules that need the database. Another company's client or
    /// user is a 404, as for an id in the path; a deleted client, a taken code or a status
    /// move the state machine refuses are field messages (422).
    private func validate(_ draft: ProjectDraft, db: Database, actor: Actor, existing: ProjectRecord?) throws -> ProjectDraft.Valid {
        let currency = try companyCurrency(db, companyId: actor.companyId)
        var errors = ValidationErrors()
        var clean: ProjectDraft.Valid?
        switch draft.validated(currency: currency) {
        case .success(let valid): clean = valid
        case .failure(let failed): errors = failed
        }
        if let clientId = Int64(draft.clientId.trimmingWhitespace()), clientId > 0 {
            guard let client = try ClientQueries.find(db, companyId: actor.companyId, id: clientId) else { throw AppError.notFound }
            if client.isDeleted && clientId != existing?.clientId {
                errors.add("client_id", "That client is deleted; restore it or choose another.")
            }
        }
        if let clean {
            let members = try ProjectQueries.companyMembers(db, companyId: actor.companyId, among: clean.memberIds)
            guard members.count == clean.memberIds.count else { throw AppError.notFound }
            if let code = clean.code, try ProjectQueries.codeTaken(db, companyId: actor.companyId, code: code, excluding: existing?.id) {
                errors.add("code", "Another project already has the code \(code).")
            }
            if let existing, !existing.status.canMove(to: clean.status) {
                errors.add("status", "A project that is \(existing.status.label.lowercased()) cannot become \(clean.status.label.lowercased()).")
            }
        }
        guard errors.isEmpty, let clean else { throw AppError.invalid(errors) }
        return clean
    }

    static func idList(_ ids: [Int64]) -> String { ids.map(String.init).joined(separator: ",") }

    static func changes(from before: ProjectRecord?, to after: ProjectRecord) -> [String: (before: String?, after: String?)] {
        var changes: [String: (before: String?, after: String?)] = [:]
        func note(_ field: String, _ value: (ProjectRecord) -> String?) {
            let old = before.flatMap(value), new = value(after)
            if before == nil ? new != nil : old != new { changes[field] = (old, new) }
        }
        note("client_id") { String($0.clientId) }
        note("name") { $0.name }
        note("code") { $0.code }
        note("billing_type") { $0.billingType.rawValue }
        note("hourly_rate_cents") { $0.hourlyRateCents.map(String.init) }
        note("fixed_fee_cents") { $0.fixedFeeCents.map(String.init) }
        note("budget_minutes") { $0.budgetMinutes.map(String.init) }
        note("budget_amount_cents") { $0.budgetAmountCents.map(String.init) }
        note("status") { $0.status.rawValue }
        note("notes") { $0.notes.isEmpty && before == nil ? nil : $0.notes }
        return changes
    }
}
