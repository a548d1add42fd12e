import Domain
import Foundation
import GRDB
import Store

/// What `createFromUnbilled` did: the new draft (nil: nothing was unbilled, nothing was
/// written) and how many entries and expenses it links.
public struct UnbilledInvoiceResult: Sendable {
    public let invoice: InvoiceRecord?
    public let timeEntries: Int
    public let expenses: Int
}

extension InvoiceService {
    /// One draft invoice for the project's client from the project's approved, billable, not
    /// yet invoiced time (a line per service, per person or per entry) and, if asked, its
    /// unbilled billable expenses (a line each, markup included). In one transaction the lines
    /// are written and every entry and expense is linked to its line (`invoice_line_id`),
    /// which locks it and takes it out of the unbilled queries, so a second submit finds
    /// nothing and writes nothing.
    ///
    /// A fixed-fee project's fee goes on its first invoice (the project has no invoice but
    /// void ones yet) as one line at the fee, with the default tax; its time is listed at no
    /// charge (hours as the quantity, unit price 0) and linked like billed time, so it is
    /// locked and never billed by the hour.
    ///
    /// Time lines: quantity is the hours (thousandths) and the unit price the entries' rate
    /// when every entry of the group has the same rate and that bills exactly the entries'
    /// sum; otherwise (mixed rates, rounding) one unit at the entries' sum, the hours in the
    /// description. The company's default tax rate is snapshotted on time lines; expense
    /// lines carry no tax (docs/decisions.md, 2026-11-30). Another company's project is
    /// `.notFound`; a deleted client is a field message.
    public func createFromUnbilled(projectId: Int64, grouping: UnbilledTimeGrouping, includeExpenses: Bool,
                                   by actor: Actor) throws -> UnbilledInvoiceResult {
        try require(.editInvoices, actor)
        return try database.pool.write { db in
            guard let project = try ProjectQueries.find(db, companyId: actor.companyId, id: projectId) else { throw AppError.notFound }
            guard let company = try IdentityQueries.company(db, id: actor.companyId) else { throw AppError.notFound }
            let currency = Currency(code: company.currency) ?? .usd
            let time = try TimeQueries.unbilled(db, companyId: actor.companyId, projectId: projectId, groupedBy: grouping)
            let expenses = includeExpenses
                ? try ExpenseQueries.unbilledBillable(db, companyId: actor.companyId, projectId: projectId) : []
            let fixedFee = project.billingType == .fixedFee
            let feeBilled = try InvoiceQueries.projectHasLiveInvoice(db, companyId: actor.companyId, projectId: projectId)
            let feeDue = fixedFee && (project.fixedFeeCents ?? 0) > 0 && !feeBilled
            guard !time.isEmpty || !expenses.isEmpty || feeDue else {
                return UnbilledInvoiceResult(invoice: nil, timeEntries: 0, expenses: 0)
            }
            guard let client = try ClientQueries.find(db, companyId: actor.companyId, id: project.clientId) else {
                throw AppError.notFound
            }
            guard !client.isDeleted else {
                var errors = ValidationErrors()
                errors.add("project", "\(client.name) is deleted; restore the client before invoicing this project.")
                throw AppError.invalid(errors)
            }
            let defaultTax = try TaxRateQueries.findDefault(db, companyId: actor.companyId)
                .flatMap { $0.archivedAt == nil ? TaxRate(name: $0.name, milliPercent: $0.milliPercent) : nil }

            var lines: [ValidInvoice.Line] = []
            var sources: [(time: [Int64], expense: Int64?)] = []
            if feeDue {
                let description = String("\(project.name) — fixed fee".prefix(InvoiceDraft.descriptionLimit))
                lines.append(ValidInvoice.Line(description: description, quantityThousandths: 1_000,
                                               unitPriceCents: project.fixedFeeCents ?? 0, tax: defaultTax))
                sources.append(([], nil))
            }
            for row in time {
                let hours = DurationFormat.clock(minutes: Int(row.minutes))
                let quantity = TaxMath.multiplyDivideRounded(row.minutes, by: 1_000, dividedBy: 60) ?? 0
                if fixedFee {
                    // The fee pays for the time: it is listed, at no charge, and locked like billed time.
                    let description = String("\(row.label) — \(hours) h (in the fixed fee)".prefix(InvoiceDraft.descriptionLimit))
                    lines.append(ValidInvoice.Line(description: description, quantityThousandths: max(quantity, 1), unitPriceCents: 0,
                                                   tax: nil, catalogItemId: row.catalogItemId))
                    sources.append((row.entryIds, nil))
                    continue
                }
                let description = String("\(row.label) — \(hours) h".prefix(InvoiceDraft.descriptionLimit))
                let rates = try InvoiceSourceQueries.timeRates(db, companyId: actor.companyId, entryIds: row.entryIds)
                if rates.count == 1, let rate = rates.first, quantity > 0,
                   TaxMath.lineAmount(quantityThousandths: quantity, unitCents: rate) == row.amountCents {
                    lines.append(ValidInvoice.Line(description: description, quantityThousandths: quantity, unitPriceCents: rate,
                                                   tax: defaultTax, catalogItemId: row.catalogItemId))
                } else {
                    lines.append(ValidInvoice.Line(description: description, quantityThousandths: 1_000,
                                                   unitPriceCents: row.amountCents, tax: defaultTax, catalogItemId: row.catalogItemId))
                }
                sources.append((row.entryIds, nil))
            }
            for expense in expenses {
                let description = String("Expense: \(expense.vendor), \(expense.spentOn)".prefix(InvoiceDraft.descriptionLimit))
                lines.append(ValidInvoice.Line(description: description, quantityThousandths: 1_000,
                                               unitPriceCents: expense.billedCents, tax: nil))
                sources.append(([], expense.id))
            }
            guard lines.count <= InvoiceDraft.maxLines else {
                var errors = ValidationErrors()
                errors.add("grouping", "That makes more than \(InvoiceDraft.maxLines) lines: group the time by service or by person.")
                throw AppError.invalid(errors)
            }

            let now = clock.now()
            let today = Self.calendarDay(now)
            let terms = PaymentTerms(netDays: InvoiceDraft.defaultPaymentTermsDays) ?? .dueOnReceipt
            let typed = InvoiceDraft(clientId: String(client.id ?? 0), projectId: String(projectId), issueDate: today.description,
                                     paymentTermsDays: String(terms.netDays),
                                     lines: lines.map { line in
                                         InvoiceDraft.Line(description: line.description,
                                                           quantity: InvoiceDraft.quantityText(line.quantityThousandths),
                                                           unitPrice: MoneyFormat.plain(cents: line.unitPriceCents, currency: currency),
                                                           taxName: line.tax?.name ?? "",
                                                           taxPercent: line.tax.map { InvoiceDraft.percentText($0.milliPercent) } ?? "",
                                                           catalogItemId: line.catalogItemId)
                                     })
            let clean: ValidInvoice
            switch typed.validated(currency: currency) {
            case .success(let valid): clean = valid
            case .failure:
                var errors = ValidationErrors()
                errors.add("project", "This work cannot be put on one invoice (the amounts are too large); invoice it in parts.")
                throw AppError.invalid(errors)
            }
            var invoice = InvoiceRecord(companyId: actor.companyId, clientId: client.id ?? 0, currency: currency.code,
                                        issueDate: clean.issueDate.description, dueDate: clean.dueDate.description,
                                        paymentTermsDays: clean.paymentTerms.netDays, publicToken: SecureRandom.token(),
                                        createdAt: now, updatedAt: now)
            Self.apply(clean, to: &invoice)
            try InvoiceQueries.insert(db, &invoice)
            let id = invoice.id ?? 0
            var timeCount = 0, expenseCount = 0
            for (record, source) in zip(Self.lineRecords(clean, invoiceId: id), sources) {
                var line = record
                try line.insert(db)
                let lineId = line.id ?? 0
                if !source.time.isEmpty {
                    let linked = try InvoiceSourceQueries.linkTime(db, companyId: actor.companyId, entryIds: source.time,
                                                                   invoiceLineId: lineId, at: now)
                    guard linked == source.time.count else { throw AppError.conflict("The time changed meanwhile; try again.") }
                    timeCount += linked
                }
                if let expenseId = source.expense {
                    guard try ExpenseQueries.markInvoiced(db, companyId: actor.companyId, id: expenseId, invoiceLineId: lineId, at: now)
                    else { throw AppError.conflict("The expenses changed meanwhile; try again.") }
                    expenseCount += 1
                }
            }
            try AuditLog.append(db, Audit.event("invoice.created", by: actor, objectType: "invoice", objectId: id,
                                                changes: ["client_id": (nil, String(client.id ?? 0)),
                                                          "project_id": (nil, String(projectId)),
                                                          "grouping": (nil, grouping.rawValue),
                                                          "time_entries": (nil, String(timeCount)),
                                                          "expenses": (nil, String(expenseCount)),
                                                          "total_cents": (nil, String(invoice.totalCents))], at: now))
            return UnbilledInvoiceResult(invoice: invoice, timeEntries: timeCount, expenses: expenseCount)
        }
    }
}

/// What the invoice form offers besides clients: the live tax rates (the default marked),
/// the live catalog items, and the projects that are not archived (with their client).
public struct InvoiceFormOptions: Sendable {
    public let taxRates: [TaxRateRecord]
    public let catalog: [CatalogItemRecord]
    public let projects: [ProjectSummary]

    public init(taxRates: [TaxRateRecord], catalog: [CatalogItemRecord], projects: [ProjectSummary] = []) {
        self.taxRates = taxRates
        self.catalog = catalog
        self.projects = projects
    }

    public var defaultRate: TaxRateRecord? { taxRates.first { $0.isDefault } }
}

extension InvoiceService {
    public func formOptions(for actor: Actor) throws -> InvoiceFormOptions {
        try require(.editInvoices, actor)
        return try database.read { db in
            InvoiceFormOptions(taxRates: try TaxRateQueries.list(db, companyId: actor.companyId, includeArchived: false),
                               catalog: try CatalogQueries.live(db, companyId: actor.companyId),
                               projects: try ProjectQueries.page(db, companyId: actor.companyId, search: "", filter: .open, clientId: nil,
                                                                 page: PageRequest(number: 1, size: 1_000)).items)
        }
    }

    /// A form row copied from a live catalog item of the company: its name, quantity 1, its
    /// unit price and its tax rate (a snapshot of name and percentage; no tax when the item
    /// has none or its rate is archived), remembering the item. `.notFound` otherwise.
    public func catalogLine(itemId: Int64, for actor: Actor) throws -> InvoiceDraft.Line {
        try require(.editInvoices, actor)
        return try database.read { db in
            guard let item = try CatalogQueries.find(db, companyId: actor.companyId, id: itemId), !item.isArchived,
                  let company = try IdentityQueries.company(db, id: actor.companyId) else { throw AppError.notFound }
            let currency = Currency(code: company.currency) ?? .usd
            let rate = try item.taxRateId.flatMap { try TaxRateQueries.find(db, companyId: actor.companyId, id: $0) }
                .flatMap { $0.isArchived ? nil : $0 }
            return InvoiceDraft.Line(description: item.name, quantity: "1",
                                     unitPrice: MoneyFormat.plain(cents: item.unitPriceCents, currency: currency),
                                     taxName: rate?.name ?? "", taxPercent: rate.map { InvoiceDraft.percentText($0.milliPercent) } ?? "",
                                     catalogItemId: item.id)
        }
    }
}
