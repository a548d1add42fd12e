import App
import Domain
import Foundation
import GRDB
import Store

/// The billing data `make bench` measures (`ez360 seed billing-bench`): generated clients,
/// invoices of five lines each (drafts, sent, paid, void), hourly projects with approved
/// billable time, and one "big project" whose unbilled time is `projectEntries` entries.
///
/// Clients go through the client import use case. Invoices and time entries do not: at
/// bench volume (20,000 invoices, 200,000 entries) they are written with the bulk inserts of
/// `BenchSeedQueries`, in one transaction, through prepared statements, so a seed takes
/// seconds. The demo seed's rule ("everything through the use cases") is for a believable
/// firm; this data only has to be valid, and it is: every row passes the schema's CHECKs and
/// triggers (numbers on issued invoices, total = subtotal − discount + tax computed by
/// `DocumentTotals`, line snapshots, entries approved and billable with rate snapshots).
/// What it leaves out: no stored PDFs (GET /invoices/{id}/pdf renders one on the fly, as for
/// a draft), no accounting events, no audit trail, no emails.
public struct BillingBenchSeed {
    public struct Counts: Sendable, Equatable {
        public var clients: Int
        public var invoices: Int
        public var timeEntries: Int
        public var projectEntries: Int

        public init(clients: Int, invoices: Int, timeEntries: Int, projectEntries: Int) {
            self.clients = clients
            self.invoices = invoices
            self.timeEntries = timeEntries
            self.projectEntries = projectEntries
        }
    }

    public struct Result: Sendable {
        /// The project holding `projectEntries` unbilled entries.
        public var bigProjectId: Int64
        public var invoices: Int
        public var timeEntries: Int
    }

    public static let bigProjectName = "Bench big project"
    public static let linesPerInvoice = 5
    static let taxRate = TaxRate(name: "VAT", milliPercent: 10_000)

    let app: EZ360App
    let companyId: Int64

    public init(app: EZ360App, companyId: Int64) {
        self.app = app
        self.companyId = companyId
    }

    public func run(_ counts: Counts, today: Date = Date()) throws -> Result {
        guard counts.clients >= 1, counts.invoices >= 0, counts.projectEntries >= 0,
              counts.timeEntries >= counts.projectEntries else {
            throw AppError.conflict("Need at least one client, and no more project entries than time entries.")
        }
        let company = try app.database.pool.read { db in try CompanyRecord.fetchOne(db, key: companyId) }
        guard let company else { throw AppError.notFound }
        let hasInvoices = try app.database.pool.read { db in try BenchSeedQueries.invoiceCount(db, companyId: companyId) > 0 }
        if hasInvoices { throw AppError.conflict("\(company.name) already has invoices; seed billing-bench into a fresh company.") }

        _ = try app.clients.importClients(GeneratedClients.drafts(count: counts.clients),
                                          by: .system(companyId: companyId, requestId: "seed"))
        let currency = Currency(code: company.currency) ?? .usd
        let todayDate = CalendarDate(daysSinceEpoch: Int((today.timeIntervalSince1970 / 86_400).rounded(.down)))

        return try app.database.pool.write { db in
            guard let userId = try BenchSeedQueries.ownerUserId(db, companyId: companyId) else {
                throw AppError.conflict("\(company.name) has no owner.")
            }
            let clientIds = try BenchSeedQueries.liveClientIds(db, companyId: companyId)
            let invoices = try seedInvoices(db, count: counts.invoices, clientIds: clientIds, currency: currency,
                                            today: todayDate, now: today)
            let (bigProject, entries) = try seedTime(db, counts, userId: userId, clientIds: clientIds, today: todayDate, now: today)
            return Result(bigProjectId: bigProject, invoices: invoices, timeEntries: entries)
        }
    }

    /// Oldest first, one a day or so back from today, clients in turn; every tenth a draft,
    /// every fifth paid, every twentieth void, the rest sent. Issued ones are numbered in order.
    func seedInvoices(_ db: Database, count: Int, clientIds: [Int64], currency: Currency, today: CalendarDate,
                      now: Date) throws -> Int {
        var sequence = 0
        var generator = SystemRandomNumberGenerator()
        for index in 0..<count {
            let issue = today.adding(days: -((count - 1 - index) * 730 / max(1, count)))
            var lines: [BenchSeedQueries.Line] = []
            var billing: [BillingLine] = []
            for position in 0..<Self.linesPerInvoice {
                let quantity = Int64(1 + (index + position) % 8) * 1_000 + Int64(position % 2) * 500
                let price = Int64(2_500 + ((index * 7 + position * 13) % 40) * 500)
                let taxed = position % 2 == 0
                billing.append(BillingLine(quantityThousandths: quantity, unitPrice: Money(cents: price, currency: currency),
                                           taxes: taxed ? [Self.taxRate] : []))
                lines.append(.init(description: "Consulting, work package \(position + 1) of invoice \(index + 1)",
                                   quantityThousandths: quantity, unitPriceCents: price, taxName: taxed ? Self.taxRate.name : "",
                                   taxMilliPercent: taxed ? Self.taxRate.milliPercent : 0, amountCents: 0))
            }
            let totals = try DocumentTotals(lines: billing, discount: nil, currency: currency)
            for position in lines.indices { lines[position].amountCents = totals.lines[position].amount.cents }

            let status: String = switch index % 20 {
            case 0, 10: "draft"
            case 5: "void"
            case 1, 3, 7, 13: "paid"
            default: "sent"
            }
            var number: String?
            if status != "draft" {
                sequence += 1
                number = DocumentNumber(kind: .invoice, issuedOn: issue, sequence: sequence).formatted
            }
            let token = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
            let sentAt = status == "draft" ? nil : Date(timeIntervalSince1970: Double(issue.daysSinceEpoch) * 86_400 + 36_000)
            try BenchSeedQueries.insertInvoice(db, companyId: companyId, .init(
                clientId: clientIds[index % clientIds.count], number: number, status: status, currency: currency.code,
                issueDate: issue.description, dueDate: issue.adding(days: 30).description, paymentTermsDays: 30,
                subtotalCents: totals.subtotal.cents, taxCents: totals.taxTotal.cents, totalCents: totals.total.cents,
                amountPaidCents: status == "paid" ? totals.total.cents : 0, publicToken: token, sentAt: sentAt,
                voidedAt: status == "void" ? sentAt.map { $0.addingTimeInterval(86_400) } : nil, lines: lines), now: now)
        }
        if sequence > 0 {
            try BenchSeedQueries.startSequence(db, companyId: companyId, kind: DocumentKind.invoice.rawValue, nextValue: sequence + 1)
        }
        return count
    }

    /// The big project (first client) gets `projectEntries`; the rest are spread over one
    /// project per 20 clients (at least one). Entries of 15 to 240 minutes, back from today.
    func seedTime(_ db: Database, _ counts: Counts, userId: Int64, clientIds: [Int64], today: CalendarDate,
                  now: Date) throws -> (Int64, Int) {
        let rate: Int64 = 12_000
        let serviceName = "Bench consulting"
        let service = try BenchSeedQueries.insertService(db, companyId: companyId, name: serviceName, unitPriceCents: rate, now: now)
        let big = try BenchSeedQueries.insertHourlyProject(db, companyId: companyId, clientId: clientIds[0], name: Self.bigProjectName,
                                                           hourlyRateCents: rate, now: now)
        let others = counts.timeEntries > counts.projectEntries
            ? try stride(from: 0, to: clientIds.count, by: 20).map { index in
                try BenchSeedQueries.insertHourlyProject(db, companyId: companyId, clientId: clientIds[index],
                                                         name: "Bench project \(index / 20 + 1)", hourlyRateCents: rate, now: now)
            }
            : []
        var batch: [BenchSeedQueries.TimeEntry] = []
        batch.reserveCapacity(5_000)
        func flush() throws {
            try BenchSeedQueries.insertApprovedTime(db, companyId: companyId, userId: userId, serviceId: service,
                                                    serviceName: serviceName, rateCents: rate, entries: batch, now: now)
            batch.removeAll(keepingCapacity: true)
        }
        for index in 0..<counts.timeEntries {
            let project = index < counts.projectEntries ? big : others[index % others.count]
            let date = today.adding(days: -(index % 700))
            batch.append(.init(projectId: project, workDate: date.description, weekStart: Week.start(of: date).description,
                               minutes: 15 + (index % 16) * 15, notes: index % 3 == 0 ? "Bench entry \(index + 1)" : ""))
            if batch.count == 5_000 { try flush() }
        }
        try flush()
        return (big, counts.timeEntries)
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
