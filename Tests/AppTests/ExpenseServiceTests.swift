import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("Expense service")
struct ExpenseServiceTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 40)
    static let pdf = Array("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    struct Setup {
        let t: TestApp
        let seed: TwoCompanies
        let client: Int64
        let project: Int64
        let staff: Actor
        let otherStaff: Actor
    }

    func setUp(_ t: TestApp) throws -> Setup {
        let seed = try seedTwoCompanies(t)
        let owner = seed.actor(.owner)
        let client = try #require(try t.app.clients.create(ClientDraft(name: "Harbor"), by: owner).id)
        let project = try #require(try t.app.projects.create(ProjectDraft(clientId: String(client), name: "Site", billingType: "hourly",
                                                                           hourlyRate: "100"), by: owner).id)
        let staffUser = try t.app.identity.createUser(email: "sam@acme.test", password: testPassword, companyName: "Acme", role: .staff).user
        let otherUser = try t.app.identity.createUser(email: "olga@acme.test", password: testPassword, companyName: "Acme", role: .staff).user
        return Setup(t: t, seed: seed, client: client, project: project,
                     staff: Actor(userId: staffUser.id, companyId: seed.acmeId, role: .staff, requestId: "r", ip: ""),
                     otherStaff: Actor(userId: otherUser.id, companyId: seed.acmeId, role: .staff, requestId: "r", ip: ""))
    }

    func upload(_ t: TestApp, _ bytes: [UInt8], name: String = "receipt.png") throws -> ReceiptUpload {
        let path = t.directory + "/upload-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return .file(path: path, filename: name)
    }

    /// Every file under media/receipts.
    func mediaFiles(_ t: TestApp) -> [String] {
        let root = t.app.media.directory + "/receipts"
        guard let found = FileManager.default.enumerator(atPath: root) else { return [] }
        return found.compactMap { $0 as? String }.filter { $0.contains(".") }.sorted()
    }

    func draft(_ s: Setup, vendor: String = "Hotel", amount: String = "120.00", billable: Bool = false, markup: String = "") -> ExpenseDraft {
        ExpenseDraft(spentOn: "2026-11-03", vendor: vendor, category: "Travel", amount: amount, tax: "9.60",
                     projectId: String(s.project), billable: billable, markup: markup)
    }

    @Test func createStoresTheReceiptAndTheRowTogetherWithOneAuditEvent() throws {
        try withTestApp { t in
            let s = try setUp(t)
            let expense = try t.app.expenses.create(draft(s, billable: true, markup: "10"), receipt: try upload(t, Self.png), by: s.staff)
            #expect(expense.clientId == s.client)  // from the project
            #expect(expense.amountCents == 12_000 && expense.taxCents == 960 && expense.currency == "USD" && expense.createdBy == s.staff.userId)
            let key = try #require(expense.receiptMediaKey)
            #expect(key.companyId == s.seed.acmeId && key.kind == .png)
            #expect(expense.receiptContentType == "image/png" && expense.receiptSize == Self.png.count && expense.receiptFilename == "receipt.png")
            #expect(FileManager.default.contents(atPath: t.app.media.absolutePath(for: key)).map(Array.init) == Self.png)
            let events = try t.auditEvents(action: "expense.created")
            #expect(events.count == 1 && events[0].objectId == expense.id && events[0].userId == s.staff.userId)
            let details = try auditDetails(events[0])
            #expect(details["amount_cents"] == ["before": nil, "after": "12000"])
            #expect(details["receipt_key"] == ["before": nil, "after": key.value])

            let download = try t.app.expenses.receipt(try #require(expense.id), for: s.seed.actor(.viewer))
            #expect(download == ReceiptDownload(key: key, filename: "receipt.png", contentType: "image/png") && download.inline)
        }
    }

    @Test func aFailedTransactionRemovesTheStoredFile() throws {
        try withTestApp { t in
            let s = try setUp(t)
            let globexClient = try #require(try t.app.clients.create(ClientDraft(name: "Foreign"), by: s.seed.actor(.owner, in: s.seed.globex)).id)
            var foreign = draft(s)
            foreign.projectId = ""
            foreign.clientId = String(globexClient)
            #expect(throws: AppError.notFound) { try t.app.expenses.create(foreign, receipt: try upload(t, Self.png), by: s.staff) }
            // The project of another client: a field message, after the file was stored — and removed.
            let other = try #require(try t.app.clients.create(ClientDraft(name: "Other"), by: s.seed.actor(.owner)).id)
            var mismatch = draft(s)
            mismatch.clientId = String(other)
            guard case .invalid(let errors) = thrownError({ try t.app.expenses.create(mismatch, receipt: try upload(t, Self.pdf, name: "a.pdf"), by: s.staff) }) as? AppError
            else { Issue.record("not invalid"); return }
            #expect(errors["project_id"]?.contains("another client") == true)
            #expect(mediaFiles(t).isEmpty, "\(mediaFiles(t))")
            #expect(try t.count("expenses") == 0)
            #expect(try t.auditEvents(action: "expense.created").isEmpty)
        }
    }

    @Test func aWrongTypeByContentIsRefusedWithAMessage() throws {
        try withTestApp { t in
            let s = try setUp(t)
            let text = try upload(t, Array("just some text, not a photo".utf8), name: "photo.jpg")
            guard case .invalid(let errors) = thrownError({ try t.app.expenses.create(draft(s), receipt: text, by: s.staff) }) as? AppError
            else { Issue.record("not invalid"); return }
            #expect(errors["receipt"] == MediaError.unsupportedType(.receipts).message)
            guard case .invalid(let empty) = thrownError({ try t.app.expenses.create(draft(s), receipt: try upload(t, []), by: s.staff) }) as? AppError
            else { Issue.record("not invalid"); return }
            #expect(empty["receipt"] == MediaError.empty.message)
            // Too large (already refused by the body parser) comes back with the other fields' messages.
            var bad = draft(s)
            bad.amount = "12.345"
            guard case .invalid(let both) = thrownError({ try t.app.expenses.create(bad, receipt: .refused(.tooLarge(.receipts)), by: s.staff) }) as? AppError
            else { Issue.record("not invalid"); return }
            #expect(both["receipt"] == "The file is larger than 10 MB. Upload a smaller scan or photo.")
            #expect(both["amount"] == "Use at most 2 decimal places.")
            #expect(mediaFiles(t).isEmpty)
            #expect(try t.count("expenses") == 0)
        }
    }

    @Test func replacingAReceiptDeletesTheOldFileAfterCommitAndRemovingDeletesIt() throws {
        try withTestApp { t in
            let s = try setUp(t)
            let created = try t.app.expenses.create(draft(s), receipt: try upload(t, Self.png), by: s.staff)
            let id = try #require(created.id)
            let oldKey = try #require(created.receiptMediaKey)
            let replaced = try t.app.expenses.update(id, with: draft(s), receipt: try upload(t, Self.pdf, name: "scan.pdf"), by: s.staff)
            let newKey = try #require(replaced.receiptMediaKey)
            #expect(newKey != oldKey && newKey.kind == .pdf && replaced.receiptFilename == "scan.pdf")
            #expect(!FileManager.default.fileExists(atPath: t.app.media.absolutePath(for: oldKey)))
            #expect(FileManager.default.fileExists(atPath: t.app.media.absolutePath(for: newKey)))
            let update = try #require(try t.auditEvents(action: "expense.updated").last)
            #expect(try auditDetails(update)["receipt_key"] == ["before": oldKey.value, "after": newKey.value])

            // A failed update keeps the old file and removes the new one.
            var bad = draft(s)
            bad.clientId = "999999"
            #expect(throws: AppError.notFound) { try t.app.expenses.update(id, with: bad, receipt: try upload(t, Self.png), by: s.staff) }
            #expect(mediaFiles(t) == [newKey.value.replacingOccurrences(of: "receipts/", with: "")])

            let removed = try t.app.expenses.update(id, with: draft(s), removeReceipt: true, by: s.staff)
            #expect(removed.receiptKey == nil && removed.receiptSize == nil)
            #expect(mediaFiles(t).isEmpty)
            #expect(throws: AppError.notFound) { try t.app.expenses.receipt(id, for: s.staff) }
        }
    }

    @Test func staffChangeOnlyTheirOwnManagersAnyoneViewersNothing() throws {
        try withTestApp { t in
            let s = try setUp(t)
            let mine = try #require(try t.app.expenses.create(draft(s), by: s.staff).id)
            #expect(throws: AppError.forbidden) { try t.app.expenses.create(draft(s), by: s.seed.actor(.viewer)) }
            #expect(throws: AppError.forbidden) { try t.app.expenses.update(mine, with: draft(s, vendor: "X"), by: s.otherStaff) }
            #expect(throws: AppError.forbidden) { try t.app.expenses.delete(mine, by: s.otherStaff) }
            #expect(throws: AppError.forbidden) { try t.app.expenses.delete(mine, by: s.seed.actor(.viewer)) }
            #expect(try t.app.expenses.list(for: s.seed.actor(.viewer), filter: ExpenseListFilter(), page: PageRequest(number: 1)).totalCount == 1)
            #expect(try t.app.expenses.update(mine, with: draft(s, vendor: "Mine"), by: s.staff).vendor == "Mine")
            #expect(try t.app.expenses.update(mine, with: draft(s, vendor: "Managed"), by: s.seed.actor(.manager)).vendor == "Managed")
            #expect(try t.app.expenses.delete(mine, by: s.staff).isDeleted)
            #expect(try t.app.expenses.list(for: s.staff, filter: ExpenseListFilter(), page: PageRequest(number: 1)).totalCount == 0)
            #expect(try !t.app.expenses.restore(mine, by: s.seed.actor(.manager)).isDeleted)
            #expect(try t.auditEvents(action: "expense.deleted").count == 1)
            #expect(try t.auditEvents(action: "expense.restored").count == 1)
            #expect(try t.auditEvents(action: "expense.updated").count == 2)
        }
    }

    @Test func anotherCompanysIdsAreNotFoundAndWriteNothing() throws {
        try withTestApp { t in
            let s = try setUp(t)
            let id = try #require(try t.app.expenses.create(draft(s), receipt: try upload(t, Self.png), by: s.staff).id)
            let globex = s.seed.actor(.owner, in: s.seed.globex)
            let before = try t.auditEvents().count
            #expect(throws: AppError.notFound) { try t.app.expenses.get(id, for: globex) }
            #expect(throws: AppError.notFound) { try t.app.expenses.detail(id, for: globex) }
            #expect(throws: AppError.notFound) { try t.app.expenses.receipt(id, for: globex) }
            #expect(throws: AppError.notFound) { try t.app.expenses.update(id, with: ExpenseDraft(spentOn: "2026-11-01", vendor: "X", amount: "1"), by: globex) }
            #expect(throws: AppError.notFound) { try t.app.expenses.delete(id, by: globex) }
            #expect(throws: AppError.notFound) { try t.app.expenses.restore(id, by: globex) }
            #expect(throws: AppError.notFound) { try t.app.expenses.unbilledBillable(projectId: s.project, for: globex) }
            #expect(throws: AppError.notFound) { try t.app.expenses.projectTotals(projectId: s.project, for: globex) }
            // Globex choosing Acme's project or client in its own form.
            #expect(throws: AppError.notFound) {
                try t.app.expenses.create(ExpenseDraft(spentOn: "2026-11-01", vendor: "X", amount: "1", projectId: String(s.project)), by: globex)
            }
            #expect(throws: AppError.notFound) {
                try t.app.expenses.create(ExpenseDraft(spentOn: "2026-11-01", vendor: "X", amount: "1", clientId: String(s.client)), by: globex)
            }
            #expect(try t.auditEvents().count == before)
            #expect(try t.app.expenses.list(for: globex, filter: ExpenseListFilter(), page: PageRequest(number: 1)).totalCount == 0)
        }
    }

    @Test func invoicedExpensesAreLockedAndUnbilledOnesCarryMarkup() throws {
        try withTestApp { t in
            let s = try setUp(t)
            let a = try #require(try t.app.expenses.create(draft(s, amount: "100.05", billable: true, markup: "10"), by: s.staff).id)
            _ = try t.app.expenses.create(draft(s, amount: "50", billable: false), by: s.staff)
            let unbilled = try t.app.expenses.unbilledBillable(projectId: s.project, for: s.seed.actor(.viewer))
            #expect(unbilled.map(\.id) == [a])
            #expect(unbilled.first?.markupCents == 1_001 && unbilled.first?.billedCents == 11_006)  // 10.005 → 10.01
            let company = s.seed.acmeId
            let marked = try t.database.pool.write { db in
                try ExpenseQueries.markInvoiced(db, companyId: company, id: a, invoiceLineId: 1, at: Date())
            }
            #expect(marked)
            let locked = AppError.conflict("This expense is on an invoice and can no longer be changed or deleted.")
            #expect(throws: locked) { try t.app.expenses.update(a, with: draft(s, vendor: "X"), by: s.seed.actor(.owner)) }
            #expect(throws: locked) { try t.app.expenses.delete(a, by: s.seed.actor(.owner)) }
            #expect(try t.app.expenses.unbilledBillable(projectId: s.project, for: s.staff).isEmpty)
            let totals = try t.app.expenses.projectTotals(projectId: s.project, for: s.staff)
            #expect(totals.count == 2 && totals.amountCents == 15_005 && totals.invoicedAmountCents == 10_005 && totals.unbilledCount == 0)
            let invoiced = try t.app.expenses.get(a, for: s.staff)
            #expect(!t.app.expenses.canChange(invoiced, by: s.seed.actor(.owner)))
        }
    }
}
