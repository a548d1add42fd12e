import Domain
import Foundation
import GRDB
import Store

/// Clients of a company: each write is one transaction with its audit event.
public struct ClientService: Sendable {
    let database: AppDatabase
    let clock: Clock

    public func list(for actor: Actor, search: String, filter: ClientListFilter, page: PageRequest) throws -> Page<ClientSummary> {
        try require(.viewClients, actor)
        return try database.read { db in
            try ClientQueries.page(db, companyId: actor.companyId, search: search, filter: filter, page: page)
        }
    }

    /// The client, deleted or not; `.notFound` for another company's id.
    public func get(_ id: Int64, for actor: Actor) throws -> ClientRecord {
        try require(.viewClients, actor)
        guard let client = try database.read({ try ClientQueries.find($0, companyId: actor.companyId, id: id) })
        else { throw AppError.notFound }
        return client
    }

    public func create(_ draft: ClientDraft, by actor: Actor) throws -> ClientRecord {
        try require(.editClients, actor)
        let clean = try validate(draft)
        return try database.pool.write { db in
            let now = clock.now()
            var client = ClientRecord(companyId: actor.companyId, name: clean.name, email: clean.email,
                                      companyName: clean.companyName, phone: clean.phone, address: clean.address,
                                      notes: clean.notes, createdAt: now, updatedAt: now)
            try ClientQueries.insert(db, &client)
            try AuditLog.append(db, Audit.event("client.created", by: actor, objectType: "client", objectId: client.id,
                                                changes: ["name": (nil, clean.name)], at: now))
            return client
        }
    }

    public func update(_ id: Int64, with draft: ClientDraft, by actor: Actor) throws -> ClientRecord {
        try require(.editClients, actor)
        let clean = try validate(draft)
        return try database.pool.write { db in
            guard var client = try ClientQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard !client.isDeleted else { throw AppError.conflict("Restore this client before editing it.") }
            let before = client
            client.name = clean.name
            client.email = clean.email
            client.companyName = clean.companyName
            client.phone = clean.phone
            client.address = clean.address
            client.notes = clean.notes
            let changes = Self.changes(from: before, to: client)
            guard !changes.isEmpty else { return before }
            client.updatedAt = clock.now()
            try ClientQueries.update(db, client)
            try AuditLog.append(db, Audit.event("client.updated", by: actor, objectType: "client", objectId: id,
                                                changes: changes, at: client.updatedAt))
            return client
        }
    }

    /// Soft delete: the row stays (with its history) and can be restored. Deleting twice is a no-op.
    public func delete(_ id: Int64, by actor: Actor) throws -> ClientRecord {
        try setDeleted(true, id: id, by: actor)
    }

    public func restore(_ id: Int64, by actor: Actor) throws -> ClientRecord {
        try setDeleted(false, id: id, by: actor)
    }

    private func setDeleted(_ deleted: Bool, id: Int64, by actor: Actor) throws -> ClientRecord {
        try require(.deleteClients, actor)
        return try database.pool.write { db in
            guard var client = try ClientQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard client.isDeleted != deleted else { return client }
            let now = clock.now()
            let before = client.deletedAt
            client.deletedAt = deleted ? now : nil
            client.updatedAt = now
            try ClientQueries.update(db, client)
            try AuditLog.append(db, Audit.event(deleted ? "client.deleted" : "client.restored", by: actor,
                                                objectType: "client", objectId: id,
                                                changes: ["deleted_at": (Audit.timestamp(before), Audit.timestamp(client.deletedAt))],
                                                at: now))
            return client
        }
    }

    private func validate(_ draft: ClientDraft) throws -> ClientDraft {
        switch draft.validated() {
        case .success(let clean): return clean
        case .failure(let errors): throw AppError.invalid(errors)
        }
    }

    static func changes(from before: ClientRecord, to after: ClientRecord) -> [String: (before: String?, after: String?)] {
        var changes: [String: (before: String?, after: String?)] = [:]
        let fields: [(String, KeyPath<ClientRecord, String>)] = [
            ("name", \.name), ("email", \.email), ("company_name", \.companyName),
            ("phone", \.phone), ("address", \.address), ("notes", \.notes),
        ]
        for (name, path) in fields where before[keyPath: path] != after[keyPath: path] {
            changes[name] = (before[keyPath: path], after[keyPath: path])
        }
        return changes
    }
}

/// The one permission check use cases make (the router makes the same one per route).
func require(_ permission: Permission, _ actor: Actor) throws {
    guard permission.isGranted(to: actor.role) else { throw AppError.forbidden }
}

extension ClientService {
    /// Many clients at once (an import, the bench seed): one transaction, one audit event per
    /// client. Any invalid draft refuses the whole import with its row number.
    public func importClients(_ drafts: [ClientDraft], by actor: Actor) throws -> Int {
        try require(.editClients, actor)
        var clean: [ClientDraft] = []
        clean.reserveCapacity(drafts.count)
        for (index, draft) in drafts.enumerated() {
            switch draft.validated() {
            case .success(let valid): clean.append(valid)
            case .failure(let errors):
                var rowErrors = ValidationErrors()
                for message in errors.messages { rowErrors.add("row \(index + 1) \(message.field)", "Row \(index + 1): \(message.message)") }
                throw AppError.invalid(rowErrors)
            }
        }
        return try database.pool.write { db in
            let now = clock.now()
            for draft in clean {
                var client = ClientRecord(companyId: actor.companyId, name: draft.name, email: draft.email,
                                          companyName: draft.companyName, phone: draft.phone, address: draft.address,
                                          notes: draft.notes, createdAt: now, updatedAt: now)
                try ClientQueries.insert(db, &client)
                try AuditLog.append(db, Audit.event("client.imported", by: actor, objectType: "client", objectId: client.id,
                                                    changes: ["name": (nil, draft.name)], at: now))
            }
            return clean.count
        }
    }
}
