import Domain
import Foundation
import GRDB

/// The links between invoice lines and what they bill: approved billable time entries and
/// billable expenses whose `invoice_line_id` is the line. Setting the link locks the source
/// (the triggers of the time and expenses migrations); releasing it (back to NULL, nothing
/// else changed) is allowed only while the line's invoice is a draft or void.
public enum InvoiceSourceQueries {
    /// Links approved, billable, not yet invoiced entries of the company to `invoiceLineId`.
    /// Returns how many were linked (fewer than `entryIds.count`: one was taken meanwhile).
    @discardableResult
    public static func linkTime(_ db: Database, companyId: Int64, entryIds: [Int64], invoiceLineId: Int64, at date: Date) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            UPDATE time_entries SET invoice_line_id = ?, updated_at = ?
            WHERE id = ? AND company_id = ? AND invoice_line_id IS NULL AND status = 'approved' AND billable = 1
            """)
        var linked = 0
        for id in entryIds {
            try statement.execute(arguments: [invoiceLineId, date, id, companyId])
            linked += db.changesCount
        }
        return linked
    }

    /// The distinct rates of the given entries of the company.
    public static func timeRates(_ db: Database, companyId: Int64, entryIds: [Int64]) throws -> Set<Int64> {
        guard !entryIds.isEmpty else { return [] }
        let ids: SQL = entryIds.map { "\($0)" }.joined(separator: ", ")
        return try Set(SQLRequest<Int64>(literal: """
            SELECT DISTINCT rate_cents FROM time_entries WHERE company_id = \(companyId) AND id IN (\(ids))
            """).fetchAll(db))
    }

    /// The lines of the invoice that bill time or expenses.
    public static func sourcedLineIds(_ db: Database, companyId: Int64, invoiceId: Int64) throws -> Set<Int64> {
        try Set(Int64.fetchAll(db, sql: """
            SELECT l.id FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
            WHERE i.id = ? AND i.company_id = ?
              AND (EXISTS (SELECT 1 FROM time_entries t WHERE t.company_id = i.company_id AND t.invoice_line_id = l.id)
                   OR EXISTS (SELECT 1 FROM expenses e WHERE e.company_id = i.company_id AND e.invoice_line_id = l.id))
            """, arguments: [invoiceId, companyId]))
    }

    /// Sets the link of every entry and expense of the company on these lines back to NULL:
    /// they are unbilled and editable again. Returns (entries, expenses) released. Call it
    /// before deleting the lines, inside the same transaction.
    @discardableResult
    public static func release(_ db: Database, companyId: Int64, lineIds: some Collection<Int64>) throws -> (time: Int, expenses: Int) {
        var time = 0, expenses = 0
        let timeStatement = try db.cachedStatement(sql: """
            UPDATE time_entries SET invoice_line_id = NULL WHERE company_id = ? AND invoice_line_id = ?
            """)
        let expenseStatement = try db.cachedStatement(sql: """
            UPDATE expenses SET invoice_line_id = NULL WHERE company_id = ? AND invoice_line_id = ?
            """)
        for lineId in lineIds {
            try timeStatement.execute(arguments: [companyId, lineId])
            time += db.changesCount
            try expenseStatement.execute(arguments: [companyId, lineId])
            expenses += db.changesCount
        }
        return (time, expenses)
    }

    /// Every line id of an invoice of the company.
    public static func lineIds(_ db: Database, companyId: Int64, invoiceId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT l.id FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.id = ? AND i.company_id = ? ORDER BY l.position
            """, arguments: [invoiceId, companyId])
    }
}
