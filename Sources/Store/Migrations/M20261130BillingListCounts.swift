import GRDB

/// 2026-11-30 — what `make bench`'s billing pages showed (20,000 invoices, a project with
/// 5,000 entries; docs/performance.md):
/// - `invoice_counts`: invoices per company and status, kept by triggers, so the invoice
///   list shows "N invoices" (all, or one status) without counting 20,000 index entries
///   (0.5–0.75 ms, a third of the page). A client filter or a search still counts.
/// - `time_entries_project_totals`: a covering index for a project's time totals by status
///   and its budget usage, which read every entry of the project (4 ms → 1.3 ms at 5,000).
/// Never edit once landed: add a new migration instead.
enum M20261130BillingListCounts {
    static let identifier = "2026-11-30-007-billing-list-counts"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE invoice_counts (
                company_id INTEGER NOT NULL REFERENCES companies(id),
                status TEXT NOT NULL,
                n INTEGER NOT NULL DEFAULT 0 CHECK (n >= 0),
                PRIMARY KEY (company_id, status)
            ) WITHOUT ROWID;
            INSERT INTO invoice_counts (company_id, status, n)
                SELECT company_id, status, count(*) FROM invoices GROUP BY company_id, status;

            CREATE TRIGGER invoices_count_insert AFTER INSERT ON invoices
            BEGIN
                INSERT INTO invoice_counts (company_id, status, n) VALUES (NEW.company_id, NEW.status, 1)
                ON CONFLICT (company_id, status) DO UPDATE SET n = n + 1;
            END;
            CREATE TRIGGER invoices_count_update AFTER UPDATE OF status, company_id ON invoices
            WHEN NEW.status IS NOT OLD.status OR NEW.company_id IS NOT OLD.company_id
            BEGIN
                UPDATE invoice_counts SET n = n - 1 WHERE company_id = OLD.company_id AND status = OLD.status;
                INSERT INTO invoice_counts (company_id, status, n) VALUES (NEW.company_id, NEW.status, 1)
                ON CONFLICT (company_id, status) DO UPDATE SET n = n + 1;
            END;
            CREATE TRIGGER invoices_count_delete AFTER DELETE ON invoices
            BEGIN
                UPDATE invoice_counts SET n = n - 1 WHERE company_id = OLD.company_id AND status = OLD.status;
            END;

            CREATE INDEX time_entries_project_totals ON time_entries(company_id, project_id, status, billable, minutes, rate_cents);
            """)
    }
}
