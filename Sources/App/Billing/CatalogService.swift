import Domain
import Foundation
import GRDB
import Store

/// The company's catalog of services and products: the source of truth for service names
/// and default prices. Time entries and invoice lines made later snapshot an item's name and
/// rate when written, so edits here never rewrite history. Items are archived, not deleted.
public struct CatalogService: Sendable {
    let database: AppDatabase
    let clock: Clock

    public func list(for actor: Actor, search: String, filter: CatalogListFilter, page: PageRequest) throws -> Page<CatalogItemRecord> {
        try require(.signedIn, actor)
        return try database.read { db in
            try CatalogQueries.page(db, companyId: actor.companyId, search: search, filter: filter, page: page)
        }
    }

    /// The item, archived or not; `.notFound` for another company's id.
    public func get(_ id: Int64, for actor: Actor) throws -> CatalogItemRecord {
        try require(.signedIn, actor)
        guard let item = try database.read({ try CatalogQueries.find($0, companyId: actor.companyId, id: id) })
        else { throw AppError.notFound }
        return item
    }

    public func create(_ draft: CatalogItemDraft, by actor: Actor) throws -> CatalogItemRecord {
        try require(.manageCatalog, actor)
        return try database.pool.write { db in
            let clean = try validate(draft, db: db, actor: actor, id: nil, currentTaxRateId: nil)
            let now = clock.now()
            var item = CatalogItemRecord(companyId: actor.companyId, kind: clean.kind, name: clean.name,
                                         description: clean.description, unit: clean.unit, unitPriceCents: clean.unitPriceCents,
                                         taxRateId: clean.taxRateId, createdAt: now, updatedAt: now)
            try CatalogQueries.insert(db, &item)
            try AuditLog.append(db, Audit.event("catalog_item.created", by: actor, objectType: "catalog_item", objectId: item.id,
                                                changes: Self.changes(from: nil, to: item), at: now))
            return item
        }
    }

    public func update(_ id: Int64, with draft: CatalogItemDraft, by actor: Actor) throws -> CatalogItemRecord {
        try require(.manageCatalog, actor)
        return try database.pool.write { db in
            guard var item = try CatalogQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard !item.isArchived else { throw AppError.conflict("Restore this item before editing it.") }
            let clean = try validate(draft, db: db, actor: actor, id: id, currentTaxRateId: item.taxRateId)
            let before = item
            item.kind = clean.kind
            item.name = clean.name
            item.description = clean.description
            item.unit = clean.unit
            item.unitPriceCents = clean.unitPriceCents
            item.taxRateId = clean.taxRateId
            let changes = Self.changes(from: before, to: item)
            guard !changes.isEmpty else { return before }
            item.updatedAt = clock.now()
            try CatalogQueries.update(db, item)
            try AuditLog.append(db, Audit.event("catalog_item.updated", by: actor, objectType: "catalog_item", objectId: id,
                                                changes: changes, at: item.updatedAt))
            return item
        }
    }

    public func archive(_ id: Int64, by actor: Actor) throws -> CatalogItemRecord {
        try setArchived(true, id: id, by: actor)
    }

    /// Refused (409) when a live item already has the name: rename one of them first.
    public func restore(_ id: Int64, by actor: Actor) throws -> CatalogItemRecord {
        try setArchived(false, id: id, by: actor)
    }

    private func setArchived(_ archived: Bool, id: Int64, by actor: Actor) throws -> CatalogItemRecord {
        try require(.manageCatalog, actor)
        return try database.pool.write { db in
            guard var item = try CatalogQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard item.isArchived != archived else { return item }
            if !archived, try CatalogQueries.liveNameTaken(db, companyId: actor.companyId, name: item.name, excluding: id) {
                throw AppError.conflict("Another item is already called “\(item.name)”; rename one of them first.")
            }
            let now = clock.now()
            let before = item.archivedAt
            item.archivedAt = archived ? now : nil
            item.updatedAt = now
            try CatalogQueries.update(db, item)
            try AuditLog.append(db, Audit.event(archived ? "catalog_item.archived" : "catalog_item.restored", by: actor,
                                                objectType: "catalog_item", objectId: id,
                                                changes: ["archived_at": (Audit.timestamp(before), Audit.timestamp(item.archivedAt))],
                                                at: now))
            return item
        }
    }

    /// Field checks, then the rules that need the database: the name is free among live
    /// items, and the tax rate is the company's (else 404) and live (or the one it already has).
    private func validate(_ draft: CatalogItemDraft, db: Database, actor: Actor, id: Int64?,
                          currentTaxRateId: Int64?) throws -> CatalogItemDraft.Valid {
        let currency = try companyCurrency(db, companyId: actor.companyId)
        var errors: ValidationErrors
        var clean: CatalogItemDraft.Valid?
        switch draft.validated(currency: currency) {
        case .success(let valid): clean = valid; errors = ValidationErrors()
        case .failure(let failed): errors = failed
        }
        let name = draft.name.trimmingWhitespace()
        if errors["name"] == nil, try CatalogQueries.liveNameTaken(db, companyId: actor.companyId, name: name, excluding: id) {
            errors.add("name", "An item called “\(name)” already exists.")
        }
        if let taxRateId = clean?.taxRateId, taxRateId != currentTaxRateId {
            // Another company's rate (or none at all) is a 404, as for an id in the path.
            guard let rate = try TaxRateQueries.find(db, companyId: actor.companyId, id: taxRateId) else { throw AppError.notFound }
            if rate.isArchived { errors.add("tax_rate_id", "That tax rate is archived; choose a current one.") }
        }
        guard errors.isEmpty, let clean else { throw AppError.invalid(errors) }
        return clean
    }

    static func changes(from before: CatalogItemRecord?, to after: CatalogItemRecord) -> [String: (before: String?, after: String?)] {
        var changes: [String: (before: String?, after: String?)] = [:]
        func note(_ field: String, _ value: (CatalogItemRecord) -> String?) {
            let old = before.flatMap(value), new = value(after)
            if before == nil || old != new { changes[field] = (old, new) }
        }
        note("kind") { $0.kind.rawValue }
        note("name") { $0.name }
        note("description") { $0.description }
        note("unit") { $0.unit }
        note("unit_price_cents") { String($0.unitPriceCents) }
        note("tax_rate_id") { $0.taxRateId.map(String.init) }
        return changes
    }
}
