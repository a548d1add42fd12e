import App
import Domain
import Foundation
import GRDB
import Ops
import Store
import Testing

@Suite struct DemoSeedTests {
    func freshApp() throws -> (EZ360App, String) {
        let directory = NSTemporaryDirectory() + "ez360-seed-\(UUID().uuidString)"
        let database = try AppDatabase(path: directory + "/ez360.sqlite")
        try database.migrate()
        let config = AppConfig(environment: .test, dataDirectory: directory, passwordHasher: PasswordHasher(logN: 10))
        return (EZ360App(database: database, config: config), directory)
    }

    @Test func seedsALivingFirmThroughTheUseCases() throws {
        let (app, directory) = try freshApp()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let today = Date(timeIntervalSince1970: 1_795_000_000)
        let login = try DemoSeed(database: app.database, config: app.config).run(today: today)

        #expect(login.email == DemoSeed.ownerEmail)
        #expect(login.password.count >= 12)
        let session = try app.auth.signIn(email: login.email, password: login.password, ip: "127.0.0.1", userAgent: "test", requestId: "t")
        #expect(session.signedIn.role == .owner)
        #expect(session.signedIn.company.name == DemoSeed.companyName)

        let actor = session.signedIn.actor(requestId: "t", ip: "")
        let live = try app.clients.list(for: actor, search: "", filter: .live, page: PageRequest(number: 1))
        let deleted = try app.clients.list(for: actor, search: "", filter: .deleted, page: PageRequest(number: 1))
        #expect(live.totalCount >= 15)
        #expect(deleted.totalCount == 1)

        // Six months of history, not one instant.
        let dates = try live.items.map { try app.clients.get($0.id, for: actor).createdAt }
        let earliest = try #require(dates.min())
        let latest = try #require(dates.max())
        #expect(today.timeIntervalSince(earliest) > 150 * 86_400)
        #expect(latest.timeIntervalSince(earliest) > 90 * 86_400)
        #expect(latest <= today)
        // The seed's clock never runs past today: no record is dated in the future.
        let newest = try app.database.pool.read { db in
            try ["clients", "projects", "invoices", "estimates", "time_entries", "expenses", "running_timers"].map { table in
                try String.fetchOne(db, sql: "SELECT max(\(table == "running_timers" ? "started_at" : "created_at")) FROM \(table)") ?? ""
            }
        }
        let todayText = ISO8601DateFormatter().string(from: today).prefix(19).replacingOccurrences(of: "T", with: " ")
        #expect(newest.allSatisfy { $0.prefix(19) <= todayText }, "\(newest) vs \(todayText)")

        // Through the use cases: every write left its audit event.
        let companyId = try #require(session.signedIn.company.id)
        let created = try app.database.pool.read { try AuditLog.count($0, companyId: companyId, action: "client.created") }
        #expect(created == live.totalCount + deleted.totalCount)
        let members = try app.database.pool.read { try IdentityQueries.memberCount($0, companyId: companyId) }
        #expect(members == 4)

        // Billing foundation: rates with one default, a catalog, projects in mixed states.
        let rates = try app.taxRates.list(for: actor)
        #expect(rates.count == 3 && rates.filter(\.isDefault).count == 1)
        let catalog = try app.catalog.list(for: actor, search: "", filter: .live, page: PageRequest(number: 1))
        #expect(catalog.totalCount == 8)
        #expect(catalog.items.contains { $0.name == "Development" && $0.unitPriceCents == 15_000 && $0.kind == .service })
        #expect(catalog.items.filter { $0.kind == .product }.count == 2)
        let open = try app.projects.list(for: actor, search: "", filter: .open, clientId: nil, page: PageRequest(number: 1))
        let archived = try app.projects.list(for: actor, search: "", filter: .status(.archived), clientId: nil, page: PageRequest(number: 1))
        #expect(open.totalCount == 5 && archived.totalCount == 1)
        #expect(Set(open.items.map(\.status)) == [.active, .onHold, .done])
        let retainer = try #require(open.items.first { $0.name == "Website retainer" })
        let detail = try app.projects.detail(retainer.id, for: actor)
        #expect(detail.members.count == 2 && detail.project.budgetMinutes == 1_200 && detail.project.hourlyRateCents == 15_000)
        let projectEvents = try app.database.pool.read { try AuditLog.count($0, companyId: companyId, action: "project.created") }
        #expect(projectEvents == 6)
        // About 25 invoices over the six months: most sent (numbered in order), some drafts, one void.
        let invoices = try app.invoices.list(for: actor, filter: InvoiceListFilter(), page: PageRequest(number: 1, size: 100))
        // About 25 issued by hand plus the recurring ones (a monthly retainer, two quarterly drafts).
        #expect((28...40).contains(invoices.totalCount), "\(invoices.totalCount) invoices")
        let byStatus = Dictionary(grouping: invoices.items, by: \.status).mapValues(\.count)
        #expect(byStatus[.void] == 1)
        #expect((5...8).contains(byStatus[.draft] ?? 0), "\(byStatus)")
        #expect((byStatus[.sent] ?? 0) > invoices.totalCount / 2)
        let numbers = invoices.items.compactMap(\.number).compactMap { DocumentNumber(parsing: $0)?.sequence }.sorted()
        #expect(numbers == Array(1...numbers.count), "gap-free from 1")
        let issued = invoices.items.compactMap { CalendarDate(parsing: $0.issueDate) }
        let day = { (date: Date) in CalendarDate(daysSinceEpoch: Int(date.timeIntervalSince1970 / 86_400)) }
        #expect(try #require(issued.min()).daysSince(day(today.addingTimeInterval(-182 * 86_400))) >= 0)
        #expect(try #require(issued.max()) <= day(today))
        #expect(try #require(issued.max()).daysSince(try #require(issued.min())) > 120, "spread over the months")
        let sentEvents = try app.database.pool.read { try AuditLog.count($0, companyId: companyId, action: "invoice.sent") }
        #expect(sentEvents == numbers.count)
        let postings = try app.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM accounting_events") ?? 0 }
        #expect(postings == numbers.count + 1, "one event per sent invoice and one reversal")

        // Time: a few hundred entries, mostly approved; last week submitted, this week draft,
        // one rejected week with its reason; the owner's timer running (and in the session).
        let counts = try app.database.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM time_entries GROUP BY status")
                .map { ($0["status"] as String, $0["n"] as Int) })
        }
        let total = counts.values.reduce(0, +)
        #expect(total >= 200 && (counts["approved"] ?? 0) > total / 2, "\(counts)")
        #expect((counts["submitted"] ?? 0) > 0 && (counts["draft"] ?? 0) > 0 && (counts["rejected"] ?? 0) > 0, "\(counts)")
        let reasons = try app.database.pool.read { try String.fetchAll($0, sql: "SELECT DISTINCT rejection_reason FROM time_entries WHERE status = 'rejected'") }
        #expect(reasons.count == 1)
        #expect(try app.auth.resolve(token: session.token)?.runningTimer != nil)
        #expect(try app.database.pool.read { try AuditLog.count($0, companyId: companyId, action: "time_week.approved") } > 50)

        // Expenses: about forty over six months, some billable with markup, a few with receipts.
        let expenses = try app.expenses.list(for: actor, filter: ExpenseListFilter(), page: PageRequest(number: 1, size: 100))
        #expect(expenses.totalCount == 40)
        let days = expenses.items.map(\.spentOn).sorted()
        let first = try #require(days.first.flatMap(CalendarDate.init(parsing:)))
        let last = try #require(days.last.flatMap(CalendarDate.init(parsing:)))
        #expect(last.daysSince(first) > 150)
        #expect(expenses.items.contains { $0.billable && $0.markupMilliPercent > 0 && $0.projectId != nil })
        #expect(expenses.items.contains { !$0.billable })
        let withReceipts = expenses.items.filter(\.hasReceipt)
        #expect(withReceipts.count == 8)
        for summary in withReceipts {
            let download = try app.expenses.receipt(summary.id, for: actor)
            let bytes = try #require(FileManager.default.contents(atPath: app.media.absolutePath(for: download.key)))
            #expect(FileSignature.detect(Array(bytes.prefix(16))) == download.key.kind)
            #expect([FileKind.png, .pdf].contains(download.key.kind))
        }
        let pngs = withReceipts.filter { (try? app.expenses.receipt($0.id, for: actor).key.kind) == .png }
        #expect(!pngs.isEmpty && pngs.count < withReceipts.count)
        let expenseEvents = try app.database.pool.read { try AuditLog.count($0, companyId: companyId, action: "expense.created") }
        #expect(expenseEvents == 40)
        let unbilled = try open.items.flatMap { try app.expenses.unbilledBillable(projectId: $0.id, for: actor) }
        #expect(unbilled.contains { $0.markupCents > 0 && $0.billedCents == $0.amountCents + $0.markupCents })
        // Two projects billed from their unbilled work: one invoice sent, one draft; both on
        // their project's page, their time and expenses linked (locked).
        let projectInvoices = invoices.items.filter { summary in
            (try? app.invoices.get(summary.id, for: actor).invoice.projectId) != nil
        }
        #expect(projectInvoices.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.draft, .sent])
        for summary in projectInvoices {
            let projectId = try #require(try app.invoices.get(summary.id, for: actor).invoice.projectId)
            let page = try app.projects.page(projectId, for: actor)
            #expect(page.invoices?.items.map(\.id) == [summary.id])
            #expect(page.time.totals.contains { $0.status == .approved && $0.minutes > 0 })
            #expect(try app.time.unbilled(projectId: projectId, groupedBy: .service, for: actor).isEmpty)
        }
        let linked = try app.database.pool.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM time_entries WHERE invoice_line_id IS NOT NULL") ?? 0
        }
        #expect(linked > 20, "\(linked) invoiced entries")
        // Ten estimates through the service: drafts, sent, accepted, declined, two converted.
        let estimates = try app.estimates.list(for: actor, filter: EstimateListFilter(), page: PageRequest(number: 1, size: 100))
        #expect(estimates.totalCount == 10)
        let estimatesByStatus = Dictionary(grouping: estimates.items, by: \.status).mapValues(\.count)
        #expect(estimatesByStatus == [.draft: 2, .sent: 2, .accepted: 2, .declined: 2, .converted: 2])
        let estimateNumbers = estimates.items.compactMap(\.number).compactMap { DocumentNumber(parsing: $0)?.sequence }.sorted()
        #expect(estimateNumbers == Array(1...8), "EST numbers gap-free from 1, apart from invoices")
        for converted in estimates.items where converted.status == .converted {
            let detail = try app.estimates.get(converted.id, for: actor)
            #expect(detail.convertedInvoice?.status == .draft && detail.convertedInvoice?.totalCents == converted.totalCents)
        }
        // Recurring invoices: three templates; the retainer sent itself every month, the
        // quarterly one made drafts; running the job again issues nothing twice.
        let templates = try app.recurring.list(for: actor, page: PageRequest(number: 1))
        #expect(templates.totalCount == 3)
        let retainerTemplate = try #require(templates.items.first { $0.name == "Website retainer" })
        #expect((5...6).contains(retainerTemplate.runCount), "\(retainerTemplate.runCount) retainer runs")
        let retainerDetail = try app.recurring.get(retainerTemplate.id, for: actor)
        #expect(retainerDetail.runs.allSatisfy { $0.invoiceStatus == .sent || $0.invoiceStatus == .partiallyPaid })
        #expect(try #require(templates.items.first { $0.name == "Quarterly brand review" }).runCount == 2)
        let again = try app.recurring.runDue(today: day(today), companyId: companyId)
        #expect(again.created == 0)
        // Reminders are on and the overdue invoices have a log: sent steps and skipped ones.
        #expect(try app.reminders.settings(for: actor).enabled)
        let (sentSteps, skippedSteps) = try app.database.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM reminder_log WHERE status = 'sent'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM reminder_log WHERE status = 'skipped'") ?? 0)
        }
        #expect(sentSteps >= 10 && skippedSteps >= 5, "\(sentSteps) sent, \(skippedSteps) skipped")
        let voided = try app.database.pool.read { try Int.fetchOne($0, sql: """
            SELECT count(*) FROM reminder_log JOIN invoices ON invoices.id = reminder_log.invoice_id WHERE invoices.status = 'void'
            """) ?? 0 }
        #expect(voided == 0)
        #expect(try app.reminders.runDue(today: day(today), companyId: companyId).sent == 0, "never twice on the same day")
    }

    @Test func refusesNothingButSeedsOnlyOnce() throws {
        let (app, directory) = try freshApp()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try DemoSeed(database: app.database, config: app.config).run()
        #expect(try app.identity.isEmpty() == false)
        #expect(throws: AppError.self) { try DemoSeed(database: app.database, config: app.config).run() }
    }

    @Test func generatedClientsAreValidAndDistinct() {
        let drafts = GeneratedClients.drafts(count: 2_000)
        #expect(drafts.count == 2_000)
        #expect(Set(drafts.map(\.name)).count == 2_000)
        #expect(drafts.allSatisfy { (try? $0.validated().get()) != nil })
        #expect(GeneratedClients.drafts(count: -5).isEmpty)
    }
}
