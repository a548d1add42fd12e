import App
import Domain
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
        var created: [ClientRecord] = []
        var invoices = DemoInvoices(app: app, actor: actor, timeline: timeline)
        for (index, draft) in DemoClients.all.enumerated() {
            timeline.advance(days: index % 3 == 0 ? 9 : 5)
            created.append(try app.clients.create(draft, by: actor))
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
        try seedBilling(app, actor: actor, clients: created.compactMap(\.id), people: people, timeline: timeline)
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
            timeline.advance(days: 2)
            var draft = template
            draft.clientId = String(clients[client])
            draft.memberIds = members.filter { $0 < people.count }.map { String(people[$0]) }
            guard let id = try app.projects.create(draft, by: actor).id else { continue }
            if status != .active {
                timeline.advance(days: 20)
                _ = try app.projects.setStatus(id, to: status, by: actor)
            }
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

/// A clock the seed moves forward by hand, so records get a believable spread of dates.
final class SeedTimeline: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(start: Date) { current = start }

    var clock: Clock {
        Clock { [self] in lock.withLock { current } }
    }

    func advance(days: Double) {
        lock.withLock { current = current.addingTimeInterval(days * 86_400) }
    }
}
