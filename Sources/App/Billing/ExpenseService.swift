import Domain
import Foundation
import GRDB
import Store

/// A receipt sent with the expense form.
public enum ReceiptUpload: Sendable, Equatable {
    /// An uploaded file still in the request's temporary directory, with the browser's name.
    case file(path: String, filename: String)
    /// A file the request already refused (bigger than the multipart limit lets through):
    /// reported as the receipt field's message, with the rest of the form.
    case refused(MediaError)
}

/// An expense with the names its page shows.
public struct ExpenseDetail: Sendable {
    public let expense: ExpenseRecord
    public let clientName: String?
    public let projectName: String?
    public let createdByEmail: String?
}

/// Who may download a receipt, answered: the key nginx serves and how to name it.
public struct ReceiptDownload: Sendable, Equatable {
    public let key: MediaKey
    public let filename: String
    public let contentType: String
    /// Images and PDFs open in the browser; HEIC (which most browsers cannot show) downloads.
    public var inline: Bool { key.kind != .heic }
}

/// Expenses of a company. Each write is one transaction with its audit event; another
/// company's id (in the path, or a client or project chosen in the form) is `.notFound`.
///
/// Roles: everyone reads (`viewExpenses`); staff record expenses and change or delete the
/// ones they recorded (`recordExpenses`); managers and above change anyone's
/// (`manageExpenses`). An invoiced expense (`invoice_line_id` set) is locked: changes and
/// deletion are refused here (409) and by triggers.
///
/// Receipts follow `MediaStore`'s rule: the file is stored first, then the row is written
/// in one transaction; if the transaction fails the new file is deleted. A replaced or
/// removed receipt's file is deleted only after the transaction commits.
public struct ExpenseService: Sendable {
    let database: AppDatabase
    let clock: Clock
    let media: MediaStore

    public init(database: AppDatabase, clock: Clock, media: MediaStore) {
        self.database = database
        self.clock = clock
        self.media = media
    }

    // MARK: Reading

    public func list(for actor: Actor, filter: ExpenseListFilter, page: PageRequest) throws -> Page<ExpenseSummary> {
        try require(.viewExpenses, actor)
        return try database.read { try ExpenseQueries.page($0, companyId: actor.companyId, filter: filter, page: page) }
    }

    public func get(_ id: Int64, for actor: Actor) throws -> ExpenseRecord {
        try require(.viewExpenses, actor)
        guard let expense = try database.read({ try ExpenseQueries.find($0, companyId: actor.companyId, id: id) })
        else { throw AppError.notFound }
        return expense
    }

    public func detail(_ id: Int64, for actor: Actor) throws -> ExpenseDetail {
        try require(.viewExpenses, actor)
        return try database.read { db in
            guard let expense = try ExpenseQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            let client = try expense.clientId.flatMap { try ClientQueries.find(db, companyId: actor.companyId, id: $0) }
            let project = try expense.projectId.flatMap { try ProjectQueries.find(db, companyId: actor.companyId, id: $0) }
            let creator = try expense.createdBy.flatMap { try IdentityQueries.user(db, id: $0) }
            return ExpenseDetail(expense: expense, clientName: client?.name, projectName: project?.name,
                                 createdByEmail: creator?.email)
        }
    }

    /// Whether `actor` may change this expense (the edit and delete buttons): their own with
    /// `recordExpenses`, anyone's with `manageExpenses`; never once invoiced.
    public func canChange(_ expense: ExpenseRecord, by actor: Actor) -> Bool {
        !expense.isInvoiced && mayTouch(expense, actor)
    }

    /// The receipt of an expense the actor may see: the key for `X-Accel-Redirect` and the
    /// name and type to send. `.notFound` for another company's expense or one without a receipt.
    public func receipt(_ id: Int64, for actor: Actor) throws -> ReceiptDownload {
        let expense = try get(id, for: actor)
        guard let key = expense.receiptMediaKey, key.companyId == actor.companyId else { throw AppError.notFound }
        return ReceiptDownload(key: key, filename: expense.receiptFilename ?? DisplayFilename.fallback,
                               contentType: key.kind.contentType)
    }

    /// A project's billable expenses not yet invoiced, with markup applied (oldest first):
    /// what an invoice for the project can pick up. `.notFound` for another company's project.
    public func unbilledBillable(projectId: Int64, for actor: Actor) throws -> [UnbilledExpense] {
        try require(.viewExpenses, actor)
        return try database.read { db in
            guard try ProjectQueries.find(db, companyId: actor.companyId, id: projectId) != nil else { throw AppError.notFound }
            return try ExpenseQueries.unbilledBillable(db, companyId: actor.companyId, projectId: projectId)
        }
    }

    /// The project page's expense sums. `.notFound` for another company's project.
    public func projectTotals(projectId: Int64, for actor: Actor) throws -> ProjectExpenseTotals {
        try require(.viewExpenses, actor)
        return try database.read { db in
            guard try ProjectQueries.find(db, companyId: actor.companyId, id: projectId) != nil else { throw AppError.notFound }
            return try ExpenseQueries.projectTotals(db, companyId: actor.companyId, projectId: projectId)
        }
    }

    // MARK: Writing

    /// Records an expense, with its receipt when one is given.
    public func create(_ draft: ExpenseDraft, receipt: ReceiptUpload? = nil, by actor: Actor) throws -> ExpenseRecord {
        try require(.recordExpenses, actor)
        let currency = try database.read { try companyCurrency($0, companyId: actor.companyId) }
        let (clean, stored) = try validateAndStore(draft, receipt: receipt, currency: currency, actor: actor)
        do {
            return try database.pool.write { db in
                let links = try checkLinks(clean, db: db, actor: actor, existing: nil)
                let now = clock.now()
                var expense = ExpenseRecord(companyId: actor.companyId, spentOn: clean.spentOn.description, vendor: clean.vendor,
                                            category: clean.category, amountCents: clean.amountCents, taxCents: clean.taxCents,
                                            currency: currency.code, clientId: links.clientId, projectId: links.projectId,
                                            billable: clean.billable, markupMilliPercent: clean.markupMilliPercent,
                                            notes: clean.notes, createdBy: actor.userId, createdAt: now, updatedAt: now)
                if let stored { Self.attach(stored, to: &expense) }
                try ExpenseQueries.insert(db, &expense)
                try AuditLog.append(db, Audit.event("expense.created", by: actor, objectType: "expense", objectId: expense.id,
                                                    changes: Self.changes(from: nil, to: expense), at: now))
                return expense
            }
        } catch {
            // The row never existed: nothing may point at the file.
            if let stored { media.delete(stored.key) }
            throw error
        }
    }

    /// Saves the form over an expense. `receipt` replaces its receipt; `removeReceipt`
    /// drops it (ignored when a new one is given). The old file is deleted after the commit.
    public func update(_ id: Int64, with draft: ExpenseDraft, receipt: ReceiptUpload? = nil, removeReceipt: Bool = false,
                       by actor: Actor) throws -> ExpenseRecord {
        try require(.recordExpenses, actor)
        // Refuse before storing anything: a foreign id, someone else's expense, a locked one.
        let current = try get(id, for: actor)
        try checkChangeable(current, actor)
        let currency = Currency(code: current.currency) ?? .usd
        let (clean, stored) = try validateAndStore(draft, receipt: receipt, currency: currency, actor: actor)
        let oldKey: MediaKey?
        let saved: ExpenseRecord
        do {
            (saved, oldKey) = try database.pool.write { db in
                guard var expense = try ExpenseQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
                try checkChangeable(expense, actor)
                let links = try checkLinks(clean, db: db, actor: actor, existing: expense)
                let before = expense
                expense.spentOn = clean.spentOn.description
                expense.vendor = clean.vendor
                expense.category = clean.category
                expense.amountCents = clean.amountCents
                expense.taxCents = clean.taxCents
                expense.clientId = links.clientId
                expense.projectId = links.projectId
                expense.billable = clean.billable
                expense.markupMilliPercent = clean.markupMilliPercent
                expense.notes = clean.notes
                var replaced: MediaKey?
                if let stored {
                    replaced = before.receiptMediaKey
                    Self.attach(stored, to: &expense)
                } else if removeReceipt, before.receiptKey != nil {
                    replaced = before.receiptMediaKey
                    Self.detachReceipt(from: &expense)
                }
                let changes = Self.changes(from: before, to: expense)
                guard !changes.isEmpty else { return (before, nil) }
                expense.updatedAt = clock.now()
                try ExpenseQueries.update(db, expense)
                try AuditLog.append(db, Audit.event("expense.updated", by: actor, objectType: "expense", objectId: id,
                                                    changes: changes, at: expense.updatedAt))
                return (expense, replaced)
            }
        } catch {
            if let stored { media.delete(stored.key) }
            throw error
        }
        // Committed: the old file is no longer referenced.
        if let oldKey { media.delete(oldKey) }
        return saved
    }

    /// Soft delete: the expense leaves the lists (its receipt file stays, for a restore).
    /// Refused (409) once invoiced.
    public func delete(_ id: Int64, by actor: Actor) throws -> ExpenseRecord {
        try setDeleted(true, id: id, by: actor)
    }

    public func restore(_ id: Int64, by actor: Actor) throws -> ExpenseRecord {
        try setDeleted(false, id: id, by: actor)
    }

    private func setDeleted(_ deleted: Bool, id: Int64, by actor: Actor) throws -> ExpenseRecord {
        try require(.recordExpenses, actor)
        return try database.pool.write { db in
            guard var expense = try ExpenseQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            try checkChangeable(expense, actor)
            guard expense.isDeleted != deleted else { return expense }
            let now = clock.now()
            let before = expense.deletedAt
            expense.deletedAt = deleted ? now : nil
            expense.updatedAt = now
            try ExpenseQueries.update(db, expense)
            try AuditLog.append(db, Audit.event(deleted ? "expense.deleted" : "expense.restored", by: actor,
                                                objectType: "expense", objectId: id,
                                                changes: ["deleted_at": (Audit.timestamp(before), Audit.timestamp(expense.deletedAt))],
                                                at: now))
            return expense
        }
    }

    // MARK: Rules

    private func mayTouch(_ expense: ExpenseRecord, _ actor: Actor) -> Bool {
        if Permission.manageExpenses.isGranted(to: actor.role) { return true }
        return Permission.recordExpenses.isGranted(to: actor.role) && expense.createdBy != nil && expense.createdBy == actor.userId
    }

    private func checkChangeable(_ expense: ExpenseRecord, _ actor: Actor) throws {
        guard mayTouch(expense, actor) else { throw AppError.forbidden }
        guard !expense.isInvoiced else {
            throw AppError.conflict("This expense is on an invoice and can no longer be changed or deleted.")
        }
    }

    /// The draft's field checks and the receipt, together, so one answer lists every message.
    /// The receipt is stored only when everything else is valid; a refused file is the
    /// receipt field's message.
    private func validateAndStore(_ draft: ExpenseDraft, receipt: ReceiptUpload?, currency: Currency,
                                  actor: Actor) throws -> (ExpenseDraft.Valid, StoredMedia?) {
        var errors = ValidationErrors()
        var clean: ExpenseDraft.Valid?
        switch draft.validated(currency: currency) {
        case .success(let valid): clean = valid
        case .failure(let failed): errors = failed
        }
        if case .refused(let error) = receipt { errors.add("receipt", error.message) }
        guard errors.isEmpty, let clean else { throw AppError.invalid(errors) }
        guard case .file(let path, let filename) = receipt else { return (clean, nil) }
        do {
            let stored = try media.store(uploadedFilePath: path, originalFilename: filename, category: .receipts,
                                         companyId: actor.companyId)
            return (clean, stored)
        } catch {
            // Ours to fix (disk, permissions): a 500 with the detail in the log.
            guard error.userMessage != nil else { throw error }
            errors.add("receipt", error.message)
            throw AppError.invalid(errors)
        }
    }

    /// The client and project: the company's (else `.notFound`), the project's client when
    /// only a project is chosen, and the project of the chosen client.
    private func checkLinks(_ clean: ExpenseDraft.Valid, db: Database, actor: Actor,
                            existing: ExpenseRecord?) throws -> (clientId: Int64?, projectId: Int64?) {
        var errors = ValidationErrors()
        var clientId = clean.clientId
        if let id = clean.clientId {
            guard let client = try ClientQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            if client.isDeleted && id != existing?.clientId {
                errors.add("client_id", "That client is deleted; restore it or choose another.")
            }
        }
        if let id = clean.projectId {
            guard let project = try ProjectQueries.find(db, companyId: actor.companyId, id: id) else { throw AppError.notFound }
            if let chosen = clientId, chosen != project.clientId {
                errors.add("project_id", "That project is for another client; choose one of this client's projects.")
            }
            if clientId == nil { clientId = project.clientId }
        }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        return (clientId, clean.projectId)
    }

    static func attach(_ stored: StoredMedia, to expense: inout ExpenseRecord) {
        expense.receiptKey = stored.key.value
        expense.receiptFilename = stored.originalFilename
        expense.receiptContentType = stored.contentType
        expense.receiptSize = stored.size
        expense.receiptSha256 = stored.sha256
    }

    static func detachReceipt(from expense: inout ExpenseRecord) {
        expense.receiptKey = nil
        expense.receiptFilename = nil
        expense.receiptContentType = nil
        expense.receiptSize = nil
        expense.receiptSha256 = nil
    }

    static func changes(from before: ExpenseRecord?, to after: ExpenseRecord) -> [String: (before: String?, after: String?)] {
        var changes: [String: (before: String?, after: String?)] = [:]
        func note(_ field: String, _ value: (ExpenseRecord) -> String?) {
            let old = before.flatMap(value), new = value(after)
            if before == nil ? new != nil : old != new { changes[field] = (old, new) }
        }
        note("spent_on") { $0.spentOn }
        note("vendor") { $0.vendor }
        note("category") { $0.category.isEmpty ? nil : $0.category }
        note("amount_cents") { String($0.amountCents) }
        note("tax_cents") { String($0.taxCents) }
        note("currency") { $0.currency }
        note("client_id") { $0.clientId.map(String.init) }
        note("project_id") { $0.projectId.map(String.init) }
        note("billable") { $0.billable ? "1" : "0" }
        note("markup_milli_percent") { String($0.markupMilliPercent) }
        note("notes") { $0.notes.isEmpty ? nil : $0.notes }
        note("receipt_key") { $0.receiptKey }
        note("receipt_sha256") { $0.receiptSha256 }
        return changes
    }
}
