import Domain
import Foundation
import GRDB
import Store

/// A company's tax rates: each write is one transaction with its audit event. Rates are
/// archived, never deleted (documents keep the rates they used); at most one is the default,
/// which the partial unique index `tax_rates_one_default` guarantees.
public struct TaxRateService: Sendable {
    let database: AppDatabase
    let clock: Clock

    /// Every member reads the rates (pickers); archived ones only when asked.
    public func list(for actor: Actor, includeArchived: Bool = false) throws -> [TaxRateRecord] {
        try require(.signedIn, actor)
        return try database.read { try TaxRateQueries.list($0, companyId: actor.companyId, includeArchived: includeArchived) }
    }

    public func get(_ id: Int64, for actor: Actor) throws -> TaxRateRecord {
        try require(.signedIn, actor)
        guard let rate = try database.read({ try TaxRateQueries.find($0, companyId: actor.companyId, id: id) })
        else { throw AppError.notFound }
        return rate
    }

    public func create(_ draft: TaxRateDraft, by actor: Actor) throws -> TaxRateRecord {
        try require(.manageTaxRates, actor)
        let clean = try validate(draft)
        return try database.pool.write { db in
            let now = clock.now()
            if clean.isDefault { try TaxRateQueries.clearDefault(db, companyId: actor.companyId, at: now) }
            var rate = TaxRateRecord(companyId: actor.companyId, name: clean.name, milliPercent: clean.milliPercent,
                                     isDefault: clean.isDefault, createdAt: now, updatedAt: now)
            try TaxRateQueries.insert(db, &rate)
            try AuditLog.append(db, Audit.event("tax_rate.created", by: actor, objectType: "tax_rate", objectId: rate.id,
                                                changes: ["name": (nil, rate.name), "rate": (nil, rate.taxRate.percentText),
                                                          "is_default": (nil, String(rate.isDefault))], at: now))
            return rate
        }
    }

    public func update(_ id: Int64, with draft: TaxRateDraft, by actor: Actor) throws -> TaxRateRecord {
        try require(.manageTaxRates, actor)
        let clean = try validate(draft)
        return try database.pool.write { db in
            guard var rate = try TaxRateQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard !rate.isArchived else { throw AppError.conflict("Restore this tax rate before editing it.") }
            let before = rate
            rate.name = clean.name
            rate.milliPercent = clean.milliPercent
            rate.isDefault = clean.isDefault
            var changes: [String: (before: String?, after: String?)] = [:]
            if before.name != rate.name { changes["name"] = (before.name, rate.name) }
            if before.milliPercent != rate.milliPercent { changes["rate"] = (before.taxRate.percentText, rate.taxRate.percentText) }
            if before.isDefault != rate.isDefault { changes["is_default"] = (String(before.isDefault), String(rate.isDefault)) }
            guard !changes.isEmpty else { return before }
            rate.updatedAt = clock.now()
            if rate.isDefault && !before.isDefault { try TaxRateQueries.clearDefault(db, companyId: actor.companyId, at: rate.updatedAt) }
            try TaxRateQueries.update(db, rate)
            try AuditLog.append(db, Audit.event("tax_rate.updated", by: actor, objectType: "tax_rate", objectId: id,
                                                changes: changes, at: rate.updatedAt))
            return rate
        }
    }

    /// Archiving the default rate also makes it no longer the default (the company then has none).
    public func archive(_ id: Int64, by actor: Actor) throws -> TaxRateRecord {
        try setArchived(true, id: id, by: actor)
    }

    public func restore(_ id: Int64, by actor: Actor) throws -> TaxRateRecord {
        try setArchived(false, id: id, by: actor)
    }

    private func setArchived(_ archived: Bool, id: Int64, by actor: Actor) throws -> TaxRateRecord {
        try require(.manageTaxRates, actor)
        return try database.pool.write { db in
            guard var rate = try TaxRateQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            guard rate.isArchived != archived else { return rate }
            let now = clock.now()
            var changes: [String: (before: String?, after: String?)] = [
                "archived_at": (Audit.timestamp(rate.archivedAt), Audit.timestamp(archived ? now : nil)),
            ]
            if archived && rate.isDefault { changes["is_default"] = ("true", "false") }
            rate.archivedAt = archived ? now : nil
            if archived { rate.isDefault = false }
            rate.updatedAt = now
            try TaxRateQueries.update(db, rate)
            try AuditLog.append(db, Audit.event(archived ? "tax_rate.archived" : "tax_rate.restored", by: actor,
                                                objectType: "tax_rate", objectId: id, changes: changes, at: now))
            return rate
        }
    }

    private func validate(_ draft: TaxRateDraft) throws -> TaxRateDraft.Valid {
        switch draft.validated() {
        case .success(let clean): return clean
        case .failure(let errors): throw AppError.invalid(errors)
        }
    }
}

/// The company's billing currency (what amount fields are parsed and shown in).
func companyCurrency(_ db: Database, companyId: Int64) throws -> Currency {
    guard let company = try IdentityQueries.company(db, id: companyId) else { throw AppError.notFound }
    return Currency(code: company.currency) ?? .usd
}
