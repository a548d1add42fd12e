import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("Invoices from unbilled time and expenses")
struct InvoiceFromWorkTests {
    struct Fixture {
        let seed: TwoCompanies
        let owner: Actor
        let manager: Actor
        let sam: Actor
        let lee: Actor
        let projectId: Int64
        let expenseId: Int64
        let entryIds: [Int64]
    }

    /// Sam: Design 1:30 and Development 1:00; Lee: Design 0:45 — approved, at 120.00 an hour.
    /// A draft entry of the next week is not invoiceable; one billable expense of 100.05 with
    /// a 10 % markup (bills 110.06). The company's default tax is Sales tax 8.25 %.
    func fixture(_ t: TestApp) throws -> Fixture {
        let seed = try seedTwoCompanies(t)
        let owner = seed.actor(.owner)
        let samUser = try t.app.identity.createUser(email: "sam@acme.test", password: testPassword, companyName: "Acme", role: .staff)
        let leeUser = try t.app.identity.createUser(email: "lee@acme.test", password: testPassword, companyName: "Acme", role: .staff)
        let mayaUser = try t.app.identity.createUser(email: "maya@acme.test", password: testPassword, companyName: "Acme", role: .manager)
        let sam = seed.actor(.staff, in: samUser), lee = seed.actor(.staff, in: leeUser), maya = seed.actor(.manager, in: mayaUser)
        _ = try t.app.taxRates.create(TaxRateDraft(name: "Sales tax", rate: "8.25", isDefault: true), by: owner)
        let client = try #require(try t.app.clients.create(ClientDraft(name: "Harbor", email: "ap@harbor.example"), by: owner).id)
        let design = try #require(try t.app.catalog.create(CatalogItemDraft(name: "Design", unitPrice: "90"), by: owner).id)
        let development = try #require(try t.app.catalog.create(CatalogItemDraft(name: "Development", unitPrice: "150"), by: owner).id)
        let project = try #require(try t.app.projects.create(
            ProjectDraft(clientId: String(client), name: "Site", billingType: "hourly", hourlyRate: "120"), by: owner).id)
        func entry(_ actor: Actor, _ service: Int64, _ date: String, _ duration: String) throws -> Int64 {
            try #require(try t.app.time.create(TimeEntryDraft(projectId: String(project), serviceId: String(service), date: date,
                                                              duration: duration, notes: "Work"), by: actor).id)
        }
        let a = try entry(sam, design, "2027-01-13", "1:30")
        let b = try entry(sam, development, "2027-01-15", "1:00")
        let c = try entry(lee, design, "2027-01-13", "0:45")
        _ = try entry(sam, design, "2027-01-18", "2:00")   // next week, a draft: never invoiced
        let day = try #require(CalendarDate(parsing: "2027-01-13"))
        let week = try #require(CalendarDate(parsing: "2027-01-11"))
        _ = try t.app.time.submitWeek(containing: day, by: sam)
        _ = try t.app.time.submitWeek(containing: day, by: lee)
        _ = try t.app.time.approveWeek(of: try #require(sam.userId), weekStart: week, by: maya)
        _ = try t.app.time.approveWeek(of: try #require(lee.userId), weekStart: week, by: maya)
        let expense = try #require(try t.app.expenses.create(
            ExpenseDraft(spentOn: "2026-11-03", vendor: "Hotel", category: "Travel", amount: "100.05", tax: "",
                         projectId: String(project), billable: true, markup: "10"), by: sam).id)
        return Fixture(seed: seed, owner: owner, manager: maya, sam: sam, lee: lee, projectId: project, expenseId: expense,
                       entryIds: [a, b, c])
    }

    func links(_ t: TestApp, _ f: Fixture) throws -> [Int64: Int64?] {
        try t.read { db in
            var links: [Int64: Int64?] = [:]
            for id in f.entryIds {
                links[id] = try Int64?.fetchOne(db, sql: "SELECT invoice_line_id FROM time_entries WHERE id = ?", arguments: [id]) ?? nil
            }
            return links
        }
    }

    func expenseLink(_ t: TestApp, _ f: Fixture) throws -> Int64? {
        try t.read { try Int64?.fetchOne($0, sql: "SELECT invoice_line_id FROM expenses WHERE id = ?", arguments: [f.expenseId]) ?? nil }
    }

    @Test func timeGroupedThreeWaysBillsTheEntriesSumsAndDeletingTheDraftReleasesThem() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let expected: [(UnbilledTimeGrouping, [String], [Int64], [Int64])] = [
                (.service, ["Design — 2:15 h", "Development — 1:00 h"], [2_250, 1_000], [27_000, 12_000]),
                (.person, ["sam@acme.test — 2:30 h", "lee@acme.test — 0:45 h"], [2_500, 750], [30_000, 9_000]),
                (.entry, ["2027-01-13 Design (sam@acme.test) — 1:30 h", "2027-01-13 Design (lee@acme.test) — 0:45 h",
                          "2027-01-15 Development (sam@acme.test) — 1:00 h"], [1_500, 750, 1_000], [18_000, 9_000, 12_000]),
            ]
            for (grouping, descriptions, quantities, amounts) in expected {
                let result = try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: grouping, includeExpenses: false,
                                                                   by: f.manager)
                let invoice = try #require(result.invoice)
                #expect(result.timeEntries == 3 && result.expenses == 0)
                let detail = try t.app.invoices.get(try #require(invoice.id), for: f.manager)
                #expect(Set(detail.lines.map(\.description)) == Set(descriptions), "\(grouping)")
                #expect(detail.lines.map(\.quantityThousandths).sorted() == quantities.sorted(), "\(grouping)")
                #expect(detail.lines.map(\.amountCents).sorted() == amounts.sorted(), "\(grouping)")
                #expect(detail.lines.allSatisfy { $0.unitPriceCents == 12_000 && $0.taxName == "Sales tax" && $0.taxMilliPercent == 8_250 })
                #expect(invoice.subtotalCents == 39_000 && invoice.status == .draft && invoice.clientId == detail.client.id)
                // Every entry points at one of this invoice's lines; nothing is unbilled any more.
                let lineIds = Set(detail.lines.compactMap(\.id))
                #expect(try links(t, f).values.allSatisfy { $0.map(lineIds.contains) == true })
                #expect(try t.app.time.unbilled(projectId: f.projectId, groupedBy: grouping, for: f.manager).isEmpty)
                // A second submit finds nothing and writes nothing.
                let invoices = try t.count("invoices")
                let again = try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: grouping, includeExpenses: false,
                                                                  by: f.manager)
                #expect(again.invoice == nil)
                #expect(try t.count("invoices") == invoices)
                // Deleting the draft gives the time back.
                try t.app.invoices.delete(try #require(invoice.id), by: f.manager)
                #expect(try links(t, f).values.allSatisfy { $0 == nil })
                #expect(try t.app.time.unbilled(projectId: f.projectId, groupedBy: .entry, for: f.manager).count == 3)
            }
            // The expense was never taken.
            #expect(try expenseLink(t, f) == nil)
        }
    }

    @Test func expensesGoOnWithTheirMarkupAndNoTaxAndAreLocked() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let result = try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .service, includeExpenses: true,
                                                               by: f.owner)
            #expect(result.timeEntries == 3 && result.expenses == 1)
            let detail = try t.app.invoices.get(try #require(result.invoice?.id), for: f.owner)
            let line = try #require(detail.lines.last)
            #expect(line.description == "Expense: Hotel, 2026-11-03" && line.quantityThousandths == 1_000)
            #expect(line.unitPriceCents == 11_006 && line.amountCents == 11_006 && line.taxName.isEmpty)
            #expect(try expenseLink(t, f) == line.id)
            #expect(try t.app.expenses.unbilledBillable(projectId: f.projectId, for: f.owner).isEmpty)
            #expect(detail.invoice.subtotalCents == 39_000 + 11_006)
            #expect(detail.invoice.taxCents == 3_218)   // 8.25 % of 390.00, time only
            let locked = AppError.conflict("This expense is on an invoice and can no longer be changed or deleted.")
            #expect(throws: locked) { try t.app.expenses.delete(f.expenseId, by: f.owner) }
        }
    }

    @Test func editingKeepsSourcedLinesAndRemovingOneReleasesOnlyItsSources() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let result = try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .service, includeExpenses: true,
                                                               by: f.owner)
            let id = try #require(result.invoice?.id)
            let detail = try t.app.invoices.get(id, for: f.owner)
            let before = try links(t, f)
            // Re-saving the form as shown (line ids carried) with a new typed line keeps every link.
            var draft = detail.draft
            draft.lines.append(InvoiceDraft.Line(description: "Extra", quantity: "1", unitPrice: "10"))
            draft.notes = "Edited"
            _ = try t.app.invoices.update(id, with: draft, by: f.owner)
            #expect(try links(t, f) == before)
            #expect(try expenseLink(t, f) != nil)
            #expect(try t.app.invoices.get(id, for: f.owner).lines.count == 4)
            // Removing the Design line releases Sam's and Lee's design entries, nothing else.
            draft = try t.app.invoices.get(id, for: f.owner).draft
            draft.lines.removeAll { $0.description.hasPrefix("Design") }
            _ = try t.app.invoices.update(id, with: draft, by: f.owner)
            let after = try links(t, f)
            #expect(after[f.entryIds[0]] == .some(nil) && after[f.entryIds[2]] == .some(nil))
            #expect(after[f.entryIds[1]] == before[f.entryIds[1]])
            #expect(try expenseLink(t, f) != nil)
            let unbilled = try t.app.time.unbilled(projectId: f.projectId, groupedBy: .entry, for: f.owner)
            #expect(Set(unbilled.flatMap(\.entryIds)) == [f.entryIds[0], f.entryIds[2]])
            // A forged line id (another invoice's, or made up) is not trusted: it is a new line.
            draft = try t.app.invoices.get(id, for: f.owner).draft
            draft.lines[0].lineId = 999_999
            _ = try t.app.invoices.update(id, with: draft, by: f.owner)
            #expect(try links(t, f)[f.entryIds[1]] == .some(nil))
        }
    }

    @Test func sendingLocksForGoodAndVoidingReleases() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let result = try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .person, includeExpenses: true,
                                                               by: f.owner)
            let id = try #require(result.invoice?.id)
            _ = try t.app.invoices.send(id, by: f.owner)
            let entry = f.entryIds[0]
            // Raw SQL cannot edit, release or delete an entry or expense of a sent invoice.
            for sql in ["UPDATE time_entries SET minutes = 10 WHERE id = \(entry)",
                        "UPDATE time_entries SET invoice_line_id = NULL WHERE id = \(entry)",
                        "DELETE FROM time_entries WHERE id = \(entry)",
                        "UPDATE expenses SET invoice_line_id = NULL WHERE id = \(f.expenseId)",
                        "UPDATE expenses SET vendor = 'X' WHERE id = \(f.expenseId)"] {
                #expect(throws: DatabaseError.self, "\(sql)") { try t.database.pool.write { try $0.execute(sql: sql) } }
            }
            #expect(try links(t, f).values.allSatisfy { $0 != nil })
            // Voiding gives the time and the expense back, to be invoiced again.
            _ = try t.app.invoices.void(id, by: f.owner)
            #expect(try links(t, f).values.allSatisfy { $0 == nil })
            #expect(try expenseLink(t, f) == nil)
            let again = try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .service, includeExpenses: true,
                                                              by: f.owner)
            #expect(again.timeEntries == 3 && again.expenses == 1)
            let voided = try t.auditEvents(action: "invoice.voided")
            #expect(try auditDetails(try #require(voided.first))["released"]?["after"] == .some("3 time entries, 1 expenses"))
        }
    }

    @Test func anotherCompanysProjectIsNotFoundAndRolesAreChecked() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let globex = f.seed.actor(.owner, in: f.seed.globex)
            #expect(throws: AppError.notFound) {
                try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .service, includeExpenses: true, by: globex)
            }
            #expect(throws: AppError.forbidden) {
                try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .service, includeExpenses: true,
                                                      by: f.seed.actor(.viewer))
            }
            #expect(try t.count("invoices") == 0)
            #expect(try links(t, f).values.allSatisfy { $0 == nil })
            // Staff may draft invoices (editInvoices).
            #expect(try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .entry, includeExpenses: false,
                                                          by: f.sam).invoice != nil)
        }
    }
}

extension InvoiceFromWorkTests {
    /// A fixed-fee project bills its fee once, on its first invoice; its time is listed at no
    /// charge and locked, never billed by the hour. A void invoice gives both back.
    @Test func aFixedFeeProjectBillsItsFeeOnceAndItsTimeAtNoCharge() throws {
        try withTestApp { t in
            let f = try fixture(t)
            let client = try #require(try t.app.projects.get(f.projectId, for: f.owner).clientId)
            let design = try #require(try t.app.catalog.list(for: f.owner, search: "Design", filter: .live,
                                                              page: PageRequest(number: 1)).items.first?.id)
            let shop = try #require(try t.app.projects.create(
                ProjectDraft(clientId: String(client), name: "Shop build", billingType: "fixed_fee", fixedFee: "5,000.00"),
                by: f.owner).id)
            let entry = try #require(try t.app.time.create(TimeEntryDraft(projectId: String(shop), serviceId: String(design),
                                                                          date: "2027-02-03", duration: "2:30", notes: "Layout"),
                                                           by: f.sam).id)
            _ = try t.app.time.submitWeek(containing: try #require(CalendarDate(parsing: "2027-02-03")), by: f.sam)
            _ = try t.app.time.approveWeek(of: try #require(f.sam.userId), weekStart: try #require(CalendarDate(parsing: "2027-02-01")),
                                           by: f.manager)

            let first = try t.app.invoices.createFromUnbilled(projectId: shop, grouping: .service, includeExpenses: true, by: f.owner)
            let invoice = try #require(first.invoice)
            let detail = try t.app.invoices.get(try #require(invoice.id), for: f.owner)
            #expect(detail.lines.map(\.description) == ["Shop build — fixed fee", "Design — 2:30 h (in the fixed fee)"])
            #expect(detail.lines.map(\.amountCents) == [500_000, 0])
            #expect(detail.lines.map(\.quantityThousandths) == [1_000, 2_500])
            #expect(detail.lines.map(\.taxName) == ["Sales tax", ""])
            #expect(invoice.subtotalCents == 500_000 && invoice.taxCents == 41_250 && invoice.totalCents == 541_250)
            #expect(invoice.projectId == shop && first.timeEntries == 1)
            let locked = try t.read { try Int64?.fetchOne($0, sql: "SELECT invoice_line_id FROM time_entries WHERE id = ?", arguments: [entry]) ?? nil }
            #expect(locked == detail.lines.last?.id)

            // Again: the fee is on a live invoice and the time is linked — nothing to invoice.
            let again = try t.app.invoices.createFromUnbilled(projectId: shop, grouping: .service, includeExpenses: true, by: f.owner)
            #expect(again.invoice == nil)

            // Sent, then voided: the fee and the time can be invoiced again.
            _ = try t.app.invoices.send(try #require(invoice.id), by: f.owner)
            _ = try t.app.invoices.void(try #require(invoice.id), by: f.owner)
            let redo = try #require(try t.app.invoices.createFromUnbilled(projectId: shop, grouping: .entry, includeExpenses: false,
                                                                          by: f.owner).invoice)
            #expect(redo.subtotalCents == 500_000)

            // A fixed-fee project without time bills its fee alone, once.
            let retainer = try #require(try t.app.projects.create(
                ProjectDraft(clientId: String(client), name: "Audit", billingType: "fixed_fee", fixedFee: "800"), by: f.owner).id)
            let feeOnly = try #require(try t.app.invoices.createFromUnbilled(projectId: retainer, grouping: .service,
                                                                             includeExpenses: true, by: f.owner).invoice)
            #expect(feeOnly.subtotalCents == 80_000)
            #expect(try t.app.invoices.createFromUnbilled(projectId: retainer, grouping: .service, includeExpenses: true,
                                                          by: f.owner).invoice == nil)
        }
    }
}
