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
        for (index, draft) in DemoClients.all.enumerated() {
            timeline.advance(days: index % 3 == 0 ? 9 : 5)
            created.append(try app.clients.create(draft, by: actor))
        }
        // A living firm edits and retires clients too.
        timeline.advance(days: 3)
        if let first = created.first, let id = first.id {
            var draft = DemoClients.all[0]
            draft.phone = "+1 503 555 0199"
            draft.notes = "Prefers invoices on the 1st. New phone number since the office move."
            _ = try app.clients.update(id, with: draft, by: actor)
        }
        if let retired = created.last?.id {
            timeline.advance(days: 1)
            _ = try app.clients.delete(retired, by: actor)
        }
        try seedBilling(app, actor: actor, clients: created.compactMap(\.id), people: people, timeline: timeline)
        let staff = people.count > 2 ? Actor(userId: people[2], companyId: companyId, role: .staff, requestId: "seed") : actor
        try seedExpenses(app, actor: actor, staff: staff, today: today, timeline: timeline)
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
            timeline.advance(days: 0.2)
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

    func advance(days: Double) {
        lock.withLock { current = current.addingTimeInterval(days * 86_400) }
    }
}
