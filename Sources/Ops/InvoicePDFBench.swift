import App
import Foundation
import GRDB
import Store

/// `ez360 bench pdf`: the mean time to produce one invoice's PDF in process, the way
/// GET /invoices/{id}/pdf does for an invoice without a stored document (read the invoice,
/// its lines, client and company, lay it out, render with every stream compressed as the
/// send path does). One warm-up run, then `iterations` timed runs.
public enum InvoicePDFBench {
    public struct Measurement: Sendable {
        public var invoiceId: Int64
        public var lines: Int
        public var bytes: Int
        public var iterations: Int
        public var meanMilliseconds: Double
    }

    /// The newest sent invoice of the company with the most lines (5 in the bench data).
    public static func sampleInvoice(_ app: EZ360App, companyId: Int64) throws -> Int64? {
        try app.database.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT invoices.id FROM invoices WHERE company_id = ? AND status = 'sent'
                ORDER BY (SELECT count(*) FROM invoice_lines WHERE invoice_id = invoices.id) DESC, invoices.id DESC LIMIT 1
                """, arguments: [companyId])
        }
    }

    public static func measure(_ app: EZ360App, companyId: Int64, invoiceId: Int64, iterations: Int) throws -> Measurement {
        let actor = Actor.system(companyId: companyId, requestId: "bench")
        let first = try app.invoices.pdf(invoiceId, for: actor)
        guard first.data.starts(with: Array("%PDF-".utf8)) else { throw AppError.conflict("The invoice's PDF is not a PDF.") }
        let lines = try app.invoices.get(invoiceId, for: actor).lines.count
        let runs = max(1, iterations)
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<runs { _ = try app.invoices.pdf(invoiceId, for: actor) }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        return Measurement(invoiceId: invoiceId, lines: lines, bytes: first.data.count, iterations: runs,
                           meanMilliseconds: elapsed / Double(runs))
    }
}
