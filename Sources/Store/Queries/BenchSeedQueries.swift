import Foundation
import GRDB

/// Bulk inserts for `ez360 seed billing-bench` (make bench): tens of thousands of invoices
/// and hundreds of thousands of time entries in a few transactions, through cached
/// prepared statements. They bypass the use cases on purpose (the demo seed's "through the
/// use cases" rule is for a believable firm, not for bench volume), so the caller supplies
/// rows that already satisfy every CHECK and trigger: the schema still checks each one.
public enum BenchSeedQueries {
    /// One invoice line as it is stored (the snapshot the invoice keeps).
    public struct Line: Sendable {
        public var description: String
        public var quantityThousandths: Int64
        public var unitPriceCents: Int64
        public var taxName: String
        public var taxMilliPercent: Int
        public var amountCents: Int64

        public init(description: String, quantityThousandths: Int64, unitPriceCents: Int64, taxName: String,
                    taxMilliPercent: Int, amountCents: Int64) {
            self.description = description
            self.quantityThousandths = quantityThousandths
            self.unitPriceCents = unitPriceCents
            self.taxName = taxName
            self.taxMilliPercent = taxMilliPercent
            self.amountCents = amountCents
        }
    }

    /// An invoice with its totals already computed (`DocumentTotals`).
    public struct Invoice: Sendable {
        public var clientId: Int64
        public var number: String?
        public var status: String
        public var currency: String
        public var issueDate: String
        public var dueDate: String
        public var paymentTermsDays: Int
        public var subtotalCents: Int64
        public var taxCents: Int64
        public var totalCents: Int64
        public var amountPaidCents: Int64
        public var publicToken: String
        public var sentAt: Date?
        public var voidedAt: Date?
        public var lines: [Line]

        public init(clientId: Int64, number: String?, status: String, currency: String, issueDate: String, dueDate: String,
                    paymentTermsDays: Int, subtotalCents: Int64, taxCents: Int64, totalCents: Int64, amountPaidCents: Int64,
                    publicToken: String, sentAt: Date?, voidedAt: Date?, lines: [Line]) {
            self.clientId = clientId
            self.number = number
            self.status = status
            self.currency = currency
            self.issueDate = issueDate
            self.dueDate = dueDate
            self.paymentTermsDays = paymentTermsDays
            self.subtotalCents = subtotalCents
            self.taxCents = taxCents
            self.totalCents = totalCents
            self.amountPaidCents = amountPaidCents
            self.publicToken = publicToken
            self.sentAt = sentAt
            self.voidedAt = voidedAt
            self.lines = lines
        }
    }

    /// An approved, billable, not yet invoiced time entry with its rate snapshot.
    public struct TimeEntry: Sendable {
        public var projectId: Int64
        public var workDate: String
        public var weekStart: String
        public var minutes: Int
        public var notes: String

        public init(projectId: Int64, workDate: String, weekStart: String, minutes: Int, notes: String) {
            self.projectId = projectId
            self.workDate = workDate
            self.weekStart = weekStart
            self.minutes = minutes
            self.notes = notes
        }
    }

    public static func ownerUserId(_ db: Database, companyId: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT user_id FROM memberships WHERE company_id = ? AND role = 'owner' ORDER BY id LIMIT 1",
                           arguments: [companyId])
    }

    /// The company's live clients' ids, oldest first.
    public static func liveClientIds(_ db: Database, companyId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM clients WHERE company_id = ? AND deleted_at IS NULL ORDER BY id",
                           arguments: [companyId])
    }

    public static func insertService(_ db: Database, companyId: Int64, name: String, unitPriceCents: Int64, now: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO catalog_items (company_id, kind, name, unit, unit_price_cents, created_at, updated_at)
            VALUES (?, 'service', ?, 'hour', ?, ?, ?)
            """, arguments: [companyId, name, unitPriceCents, now, now])
        return db.lastInsertedRowID
    }

    public static func insertHourlyProject(_ db: Database, companyId: Int64, clientId: Int64, name: String, hourlyRateCents: Int64,
                                           now: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO projects (company_id, client_id, name, billing_type, hourly_rate_cents, status, created_at, updated_at)
            VALUES (?, ?, ?, 'hourly', ?, 'active', ?, ?)
            """, arguments: [companyId, clientId, name, hourlyRateCents, now, now])
        return db.lastInsertedRowID
    }

    /// Inserts approved, billable, uninvoiced entries by `userId` (who also approved them).
    public static func insertApprovedTime(_ db: Database, companyId: Int64, userId: Int64, serviceId: Int64, serviceName: String,
                                          rateCents: Int64, entries: [TimeEntry], now: Date) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO time_entries (company_id, user_id, project_id, catalog_item_id, service_name, rate_cents, work_date,
                                      week_start, minutes, notes, billable, status, submitted_at, approved_by, approved_at,
                                      created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'approved', ?, ?, ?, ?, ?)
            """)
        for entry in entries {
            try statement.execute(arguments: [companyId, userId, entry.projectId, serviceId, serviceName, rateCents, entry.workDate,
                                              entry.weekStart, entry.minutes, entry.notes, now, userId, now, now, now])
        }
    }

    /// Inserts the invoice as a draft, its lines, then moves it to its status the way the
    /// triggers allow (draft → sent → paid or void).
    @discardableResult
    public static func insertInvoice(_ db: Database, companyId: Int64, _ invoice: Invoice, now: Date) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO invoices (company_id, client_id, number, status, currency, issue_date, due_date, payment_terms_days,
                                  subtotal_cents, discount_cents, tax_cents, total_cents, amount_paid_cents, public_token,
                                  created_at, updated_at)
            VALUES (?, ?, NULL, 'draft', ?, ?, ?, ?, ?, 0, ?, ?, 0, ?, ?, ?)
            """).execute(arguments: [companyId, invoice.clientId, invoice.currency, invoice.issueDate, invoice.dueDate,
                                     invoice.paymentTermsDays, invoice.subtotalCents, invoice.taxCents, invoice.totalCents,
                                     invoice.publicToken, now, now])
        let id = db.lastInsertedRowID
        let line = try db.cachedStatement(sql: """
            INSERT INTO invoice_lines (invoice_id, position, description, quantity_thousandths, unit_price_cents, tax_name,
                                       tax_milli_percent, amount_cents)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, item) in invoice.lines.enumerated() {
            try line.execute(arguments: [id, index + 1, item.description, item.quantityThousandths, item.unitPriceCents, item.taxName,
                                         item.taxMilliPercent, item.amountCents])
        }
        guard invoice.status != "draft" else { return id }
        try db.cachedStatement(sql: "UPDATE invoices SET status = 'sent', number = ?, sent_at = ?, updated_at = ? WHERE id = ?")
            .execute(arguments: [invoice.number, invoice.sentAt, now, id])
        switch invoice.status {
        case "paid", "partially_paid":
            try db.cachedStatement(sql: "UPDATE invoices SET status = ?, amount_paid_cents = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [invoice.status, invoice.amountPaidCents, now, id])
        case "void":
            try db.cachedStatement(sql: "UPDATE invoices SET status = 'void', voided_at = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [invoice.voidedAt, now, id])
        default:
            break
        }
        return id
    }

    /// Starts the company's sequence of `kind` after the seeded numbers. Only for a company
    /// that has none yet: a sequence only moves forward one number at a time (trigger).
    public static func startSequence(_ db: Database, companyId: Int64, kind: String, nextValue: Int) throws {
        try db.execute(sql: "INSERT INTO document_sequences (company_id, kind, next_value) VALUES (?, ?, ?)",
                       arguments: [companyId, kind, nextValue])
    }

    public static func invoiceCount(_ db: Database, companyId: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM invoices WHERE company_id = ?", arguments: [companyId]) ?? 0
    }
}
