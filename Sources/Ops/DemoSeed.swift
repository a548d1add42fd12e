import App
import Domain
import Documents
import Foundation
import Store

/// `ez360 seed demo`: a small design studio with six months of history, built through the
/// same use cases the web pages call (never raw SQL), so every page has something to show.
public struct DemoSeed {
    public struct Login: Sendable {
        public let email: String
        public let password: String
    }

    public static let companyName = "Northwind Studio"
    public static let ownerEmail = "owner@northwind-studio.example"

    let database: AppDatabase
    let config: AppConfig

    public init(database: AppDatabase, config: AppConfig) {
        self.database = database
        self.config = config
    }

    /// Seeds the demo firm, dated so that its history ends `today`. Returns the owner's login.
    public func run(today: Date = Date()) throws -> Login {
        let start = today.addingTimeInterval(-182 * 86_400)
        let timeline = SeedTimeline(start: start)
        let app = EZ360App(database: database, config: config, clock: timeline.clock)

        let password = SecureRandom.password()
        let owner = try app.identity.createUser(email: Self.ownerEmail, password: password, companyName: Self.companyName,
                                                role: .owner, displayName: "Olivia Owner", requestId: "seed")
        guard let companyId = owner.company.id else { throw AppError.notFound }
        var people: [Int64] = [owner.user.id].compactMap { $0 }
        for (email, name, role) in [("maya@northwind-studio.example", "Maya Manager", Role.manager),
                                    ("sam@northwind-studio.example", "Sam Staff", Role.staff),
                                    ("vic@northwind-studio.example", "Vic Viewer", Role.viewer)] {
            timeline.advance(days: 2)
            let member = try app.identity.createUser(email: email, password: SecureRandom.password(), companyName: Self.companyName,
                                                     role: role, displayName: name, requestId: "seed")
            if let id = member.user.id { people.append(id) }
        }

        let actor = Actor.system(companyId: companyId, requestId: "seed")
        try seedCompanyProfile(app, actor: actor)
        var created: [ClientRecord] = []
        var invoices = DemoInvoices(app: app, actor: actor, timeline: timeline)
        for (index, draft) in DemoClients.all.enumerated() {
            timeline.advance(days: index % 3 == 0 ? 9 : 5)
            created.append(try app.clients.create(draft, by: actor))
            // Rates, the catalog and projects once their clients exist, early in the history
            // (the projects' time goes back months; the timeline must never pass `today`).
            if created.count == DemoCatalog.clientsNeeded {
                try seedBilling(app, actor: actor, clients: created.compactMap(\.id), people: people, timeline: timeline)
            }
            // The studio bills as it goes: an invoice to an earlier client after each new one.
            if index >= 1 { try invoices.issue(to: created[(index * 7) % created.count], number: index) }
        }
        // A living firm edits and retires clients too.
        timeline.advance(days: 3)
        if let first = created.first, let id = first.id {
            var draft = DemoClients.all[0]
            draft.phone = "+1 503 555 0199"
            draft.notes = "Prefers invoices on the 1st. New phone number since the office move."
            _ = try app.clients.update(id, with: draft, by: actor)
        }
        // The last weeks: more invoices, the newest three still drafts; then one void.
        for step in 0..<6 {
            if timeline.clock.now() < today.addingTimeInterval(-5 * 86_400) { timeline.advance(days: 3) }
            try invoices.issue(to: created[(step * 3 + 1) % created.count], number: 100 + step, send: step < 3)
        }
        try invoices.voidOne()
        if let retired = created.last?.id {
            timeline.advance(days: 1)
            _ = try app.clients.delete(retired, by: actor)
        }
        try DemoEstimates(app: app, actor: actor, timeline: timeline, today: today).seed(clients: Array(created.dropLast()))
        try seedTime(app, companyId: companyId, people: people, today: today, timeline: timeline)
        let staff = people.count > 2 ? Actor(userId: people[2], companyId: companyId, role: .staff, requestId: "seed") : actor
        try seedExpenses(app, actor: actor, staff: staff, today: today, timeline: timeline)
        try seedProjectInvoices(app, actor: actor)
        try seedRecurring(app, actor: actor, clients: created.dropLast().compactMap(\.id), today: today)
        return Login(email: Self.ownerEmail, password: password)
    }
}

extension DemoSeed {
    /// Tax rates, the catalog and projects (issue 4, points 1-2), through the services.
    func seedBilling(_ app: EZ360App, actor: Actor, clients: [Int64], people: [Int64], timeline: SeedTimeline) throws {
        var rates: [Int64] = []
        for draft in DemoCatalog.taxRates {
            rates.append(try app.taxRates.create(draft, by: actor).id ?? 0)
        }
        for (draft, rate) in DemoCatalog.items {
            var draft = draft
            draft.taxRateId = rate.map { String(rates[$0]) } ?? ""
            _ = try app.catalog.create(draft, by: actor)
        }
        for (client, template, members, status) in DemoCatalog.projects {
            timeline.advance(days: 1)
            var draft = template
            draft.clientId = String(clients[client])
            draft.memberIds = members.filter { $0 < people.count }.map { String(people[$0]) }
            guard let id = try app.projects.create(draft, by: actor).id else { continue }
            if status != .active {
                timeline.advance(days: 4)
                _ = try app.projects.setStatus(id, to: status, by: actor)
            }
        }
    }
}

extension DemoSeed {
    /// The studio bills its approved time and billable expenses per project, as the project
    /// page's "Invoice unbilled work" does: the first active project's invoice sent, the
    /// second's left as a draft to check — so project pages list invoices and one project
    /// still shows unbilled work (this week's and last week's time is not approved yet).
    func seedProjectInvoices(_ app: EZ360App, actor: Actor) throws {
        let projects = try app.projects.list(for: actor, search: "", filter: .status(.active), clientId: nil,
                                             page: PageRequest(number: 1)).items.map(\.id)
        for (index, project) in projects.prefix(2).enumerated() {
            let made = try app.invoices.createFromUnbilled(projectId: project, grouping: index == 0 ? .service : .person,
                                                           includeExpenses: true, by: actor)
            if index == 0, let id = made.invoice?.id { _ = try app.invoices.send(id, by: actor) }
        }
    }
}

extension DemoSeed {
    /// Recurring invoices and payment reminders (issue 4, points 7 and 9), through the
    /// services: a monthly retainer that sends itself and a quarterly review that makes
    /// drafts, both started months ago and issued by the same `runDue` the timer calls, month
    /// by month; then reminders on, run a few times so overdue invoices have a reminder log.
    func seedRecurring(_ app: EZ360App, actor: Actor, clients: [Int64], today: Date) throws {
        guard clients.count >= 3 else { return }
        let day = { (date: Date) in CalendarDate(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down))) }
        let end = day(today)
        let start = end.adding(days: -175)
        let firstOfMonth = CalendarDate(year: start.year, month: start.month, day: 1) ?? start
        let templates: [RecurringTemplateDraft] = [
            RecurringTemplateDraft(name: "Website retainer", frequency: "monthly", startDate: firstOfMonth.adding(months: 1).description,
                                   mode: "send",
                                   invoice: InvoiceDraft(clientId: String(clients[0]), paymentTermsDays: "15",
                                                         notes: "Monthly website care: updates, backups and small changes.",
                                                         lines: [.init(description: "Website retainer (monthly)", quantity: "1", unitPrice: "1,200.00"),
                                                                 .init(description: "Hosting and maintenance (monthly)", quantity: "1", unitPrice: "49.00")])),
            RecurringTemplateDraft(name: "Quarterly brand review", frequency: "quarterly", startDate: start.adding(days: 20).description,
                                   mode: "draft",
                                   invoice: InvoiceDraft(clientId: String(clients[2]), paymentTermsDays: "30",
                                                         lines: [.init(description: "Brand review workshop (hours)", quantity: "4", unitPrice: "150.00",
                                                                       taxName: "Sales tax", taxPercent: "7.5")])),
            RecurringTemplateDraft(name: "Annual domain and licences", frequency: "yearly", startDate: end.adding(days: 40).description,
                                   mode: "draft",
                                   invoice: InvoiceDraft(clientId: String(clients[1]), paymentTermsDays: "30",
                                                         lines: [.init(description: "Domains and font licences (yearly)", quantity: "1", unitPrice: "240.00")])),
        ]
        for draft in templates { _ = try app.recurring.create(draft, by: actor) }
        // The timer ran every day; once a month here issues the same invoices.
        var runDay = start
        while runDay < end {
            _ = try app.recurring.runDue(today: runDay, companyId: actor.companyId)
            runDay = runDay.adding(months: 1)
        }
        _ = try app.recurring.runDue(today: end, companyId: actor.companyId)

        try app.reminders.updateSettings(ReminderSettingsDraft(enabled: true, schedule: ReminderSettingsDraft.defaultSchedule), by: actor)
        for daysAgo in [21, 7, 0] {
            _ = try app.reminders.runDue(today: end.adding(days: -daysAgo), companyId: actor.companyId)
        }
    }
}

/// The demo's invoices, made through `InvoiceService` like the pages make them: drafts,
/// then most of them sent (numbered, posted, PDF kept, mailed to the demo clients'
/// example.com addresses — nothing leaves the machine until `ez360 outbox deliver` runs).
struct DemoInvoices {
    let app: EZ360App
    let actor: Actor
    let timeline: SeedTimeline
    private(set) var sent: [Int64] = []

    init(app: EZ360App, actor: Actor, timeline: SeedTimeline) {
        self.app = app
        self.actor = actor
        self.timeline = timeline
    }

    static let services: [InvoiceDraft.Line] = [
        .init(description: "Brand identity workshop (hours)", quantity: "8", unitPrice: "150.00", taxName: "Sales tax", taxPercent: "7.5"),
        .init(description: "Logo design and guidelines", quantity: "1", unitPrice: "2,400.00", taxName: "Sales tax", taxPercent: "7.5"),
        .init(description: "Website design, per page", quantity: "5", unitPrice: "450.00"),
        .init(description: "Hosting and maintenance (monthly)", quantity: "1", unitPrice: "49.00"),
        .init(description: "Copywriting (hours)", quantity: "6.5", unitPrice: "95.00"),
        .init(description: "Print production", quantity: "1", unitPrice: "780.00", taxName: "Sales tax", taxPercent: "7.5"),
    ]

    /// A draft dated today (on the seed's clock) with two or three lines, sent unless `send` is false.
    mutating func issue(to client: ClientRecord, number: Int, send: Bool = true) throws {
        let today = CalendarDate(daysSinceEpoch: Int((timeline.clock.now().timeIntervalSince1970 / 86_400).rounded(.down)))
        let lines = (0..<(2 + number % 2)).map { Self.services[(number + $0 * 2) % Self.services.count] }
        var draft = InvoiceDraft(clientId: String(client.id ?? 0), issueDate: today.description,
                                 paymentTermsDays: number % 4 == 0 ? "15" : "30",
                                 notes: "Thank you for working with Northwind Studio.", terms: "Payment by bank transfer.",
                                 lines: lines)
        if number % 5 == 0 {
            draft.discountKind = "percentage"
            draft.discountValue = "10"
        }
        let invoice = try app.invoices.create(draft, by: actor)
        guard send, let id = invoice.id else { return }
        timeline.advance(days: 1)
        _ = try app.invoices.send(id, by: actor)
        sent.append(id)
    }

    /// Voids the second invoice sent (a mistake caught: wrong client).
    func voidOne() throws {
        guard sent.count > 1 else { return }
        timeline.advance(days: 1)
        _ = try app.invoices.void(sent[1], by: actor)
    }
}

extension DemoSeed {
    /// Six months of time (issue 4, point 3) through `TimeService`: three entries a week for
    /// the owner, the manager and the staff member on the open projects; every past week
    /// submitted and approved, but one of Sam's weeks rejected with a reason, last week only
    /// submitted, this week still draft; and a timer running for the owner.
    func seedTime(_ app: EZ360App, companyId: Int64, people: [Int64], today: Date, timeline: SeedTimeline) throws {
        guard people.count >= 3 else { return }
        let roles: [Role] = [.owner, .manager, .staff]
        let actors = (0..<3).map { Actor(userId: people[$0], companyId: companyId, role: roles[$0], requestId: "seed") }
        let owner = actors[0], manager = actors[1]
        let projects = try app.projects.list(for: owner, search: "", filter: .status(.active), clientId: nil,
                                             page: PageRequest(number: 1)).items.map(\.id)
        let services = try app.time.services(for: owner).map(\.id)
        guard !projects.isEmpty, !services.isEmpty else { return }
        let thisWeek = Week.start(of: TimeService.day(of: today))
        let durations = ["1:30", "2:00", "0:45", "3:15", "1:00", "2:30", "4:00"]
        var counter = 0
        for weeksAgo in stride(from: 26, through: 0, by: -1) {
            let monday = thisWeek.adding(days: -7 * weeksAgo)
            // The clock stays put: advancing it per week would run it past today.
            for (index, actor) in actors.enumerated() {
                for day in [0, 2, 3] where monday.adding(days: day) <= TimeService.day(of: today) {
                    counter += 1
                    let draft = TimeEntryDraft(projectId: String(projects[(counter + index) % projects.count]),
                                               serviceId: String(services[(counter * 7 + index) % services.count]),
                                               date: monday.adding(days: day).description,
                                               duration: durations[counter % durations.count],
                                               notes: ["Client call and follow-up", "Design review", "Build and test", "Revisions"][counter % 4],
                                               billable: counter % 9 != 0)
                    _ = try app.time.create(draft, by: actor)
                }
                guard weeksAgo > 0 else { continue }
                _ = try app.time.submitWeek(containing: monday, by: actor)
                guard weeksAgo > 1, let person = actor.userId else { continue }
                let approver = actor.role == .staff ? manager : owner
                if actor.role == .staff && weeksAgo == 5 {
                    _ = try app.time.rejectWeek(of: person, weekStart: monday,
                                                reason: "Split the client call from the design work, please.", by: approver)
                } else {
                    _ = try app.time.approveWeek(of: person, weekStart: monday, by: approver)
                }
            }
        }
        timeline.move(to: today.addingTimeInterval(-50 * 60))
        _ = try app.time.startTimer(projectId: String(projects[0]), serviceId: String(services[0]),
                                    notes: "Layout pass", by: owner)
    }
}

extension DemoSeed {
    static let expenseVendors: [(vendor: String, category: String, cents: Int64)] = [
        ("Alaska Airlines", "Travel", 38_940), ("Hotel Lucia", "Travel", 21_900), ("Blue Star Donuts", "Meals", 2_450),
        ("Adobe", "Software", 5_999), ("Figma", "Software", 4_500), ("B&H Photo", "Hardware", 64_900),
        ("Lena Park Illustration", "Subcontractors", 120_000), ("Office Depot", "Office", 8_735), ("Lyft", "Travel", 3_812),
        ("Portland Print Co.", "Other", 16_250),
    ]

    /// About forty expenses over the six months, some on projects and billable with a markup,
    /// a few with a receipt (a small PNG or PDF made in code, stored through the service).
    func seedExpenses(_ app: EZ360App, actor: Actor, staff: Actor, today: Date, timeline: SeedTimeline) throws {
        let projects = try app.projects.list(for: actor, search: "", filter: .open, clientId: nil, page: PageRequest(number: 1, size: 50)).items
        let scratch = NSTemporaryDirectory() + "ez360-seed-receipts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let todayNumber = Int((today.timeIntervalSince1970 / 86_400).rounded(.down))
        for index in 0..<40 {
            let template = Self.expenseVendors[index % Self.expenseVendors.count]
            let day = CalendarDate(daysSinceEpoch: todayNumber - 180 + index * 9 / 2)
            let project = projects.isEmpty || index % 4 == 3 ? nil : projects[index % projects.count]
            let billable = project != nil && index % 3 != 0
            let cents = template.cents + Int64(index * 137 % 900)
            let draft = ExpenseDraft(spentOn: day.description, vendor: template.vendor, category: template.category,
                                     amount: MoneyFormat.plain(cents: cents, currency: .usd),
                                     tax: index % 2 == 0 ? MoneyFormat.plain(cents: cents * 8 / 100, currency: .usd) : "",
                                     projectId: project.map { String($0.id) } ?? "", billable: billable,
                                     markup: billable && index % 5 != 0 ? (index % 2 == 0 ? "10" : "15") : "",
                                     notes: index % 7 == 0 ? "Paid with the studio card." : "")
            var receipt: ReceiptUpload?
            if index % 10 == 0 || index % 10 == 5 {
                let isPNG = index % 10 == 0
                let path = scratch + "/receipt-\(index).\(isPNG ? "png" : "pdf")"
                let bytes = isPNG ? DemoReceipts.png()
                    : DemoReceipts.pdf(lines: [template.vendor, "Date: \(day)", "Total: \(MoneyFormat.display(cents: cents, currency: .usd))",
                                               "Thank you!"])
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                receipt = .file(path: path, filename: "\(template.vendor) \(day).\(isPNG ? "png" : "pdf")")
            }
            _ = try app.expenses.create(draft, receipt: receipt, by: index % 3 == 1 ? staff : actor)
        }
    }
}

/// A clock the seed moves forward by hand, so records get a believable spread of dates.
final class SeedTimeline: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(start: Date) { current = start }

    var clock: Clock {
        Clock { [self] in lock.withLock { current } }
    }

    /// Jumps to `date` (the running timer starts shortly before `today`).
    func move(to date: Date) {
        lock.withLock { current = max(current, date) }
    }

    func advance(days: Double) {
        lock.withLock { current = current.addingTimeInterval(days * 86_400) }
    }
}

extension DemoSeed {
    /// The studio's details and logo as its invoices and estimates print them.
    func seedCompanyProfile(_ app: EZ360App, actor: Actor) throws {
        let logoPath = NSTemporaryDirectory() + "ez360-seed-logo-\(UUID().uuidString).png"
        try Data(Self.logoPNG()).write(to: URL(fileURLWithPath: logoPath))
        defer { try? FileManager.default.removeItem(atPath: logoPath) }
        let draft = CompanyProfileDraft(address: "412 NW Couch St, Suite 300\nPortland, OR 97209\nUnited States",
                                        email: "billing@northwind-studio.example", phone: "+1 503 555 0142",
                                        taxId: "EIN 93-1234567",
                                        paymentInstructions: "Bank transfer to Northwind Studio LLC, Riverbank Credit Union, "
                                            + "routing 123000848, account 4402 1187 90. Please quote the invoice number.",
                                        estimateValidDays: "30")
        try app.companyProfile.update(draft, logo: .file(path: logoPath), by: actor)
    }

    /// The studio's mark: a dark tile crossed by a light "N" (grey PNG, 64×64).
    static func logoPNG() -> [UInt8] {
        GreyPNG.encode(width: 64, height: 64) { x, y in
            let inside = x >= 8 && x < 56 && y >= 8 && y < 56
            let stroke = (x >= 18 && x < 24) || (x >= 40 && x < 46) || (abs((x - 18) - (y - 12)) < 4 && x >= 18 && x < 46)
            return inside ? (stroke && y >= 14 && y < 50 ? 0xF2 : 0x1F) : 0xFF
        }
    }
}
