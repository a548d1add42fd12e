import GRDB

/// 2026-11-30 — a project's unbilled time (approved, billable, not on an invoice) in one row
/// per project, kept by triggers on `time_entries` as `project_time_totals` is, so the
/// project page says what is waiting to be invoiced without reading its 5,000 entries
/// (`make bench`). The amount is rounded per entry, `(minutes × rate + 30) / 60`, as the
/// invoice lines bill it. Never edit once landed.
enum M20261130ProjectUnbilledTotals {
    static let identifier = "2026-11-30-010-project-unbilled-totals"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE project_unbilled_totals (
                project_id INTEGER PRIMARY KEY REFERENCES projects(id),
                company_id INTEGER NOT NULL REFERENCES companies(id),
                entries INTEGER NOT NULL DEFAULT 0,
                minutes INTEGER NOT NULL DEFAULT 0,
                amount_cents INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;

            INSERT INTO project_unbilled_totals (project_id, company_id, entries, minutes, amount_cents)
            SELECT project_id, company_id, count(*), sum(minutes), sum((minutes * rate_cents + 30) / 60)
            FROM time_entries WHERE status = 'approved' AND billable = 1 AND invoice_line_id IS NULL
            GROUP BY project_id;

            CREATE TRIGGER project_unbilled_totals_insert AFTER INSERT ON time_entries
            WHEN NEW.status = 'approved' AND NEW.billable = 1 AND NEW.invoice_line_id IS NULL
            BEGIN
                INSERT INTO project_unbilled_totals (project_id, company_id, entries, minutes, amount_cents)
                VALUES (NEW.project_id, NEW.company_id, 1, NEW.minutes, (NEW.minutes * NEW.rate_cents + 30) / 60)
                ON CONFLICT (project_id) DO UPDATE SET entries = entries + 1, minutes = minutes + excluded.minutes,
                    amount_cents = amount_cents + excluded.amount_cents;
            END;

            CREATE TRIGGER project_unbilled_totals_delete AFTER DELETE ON time_entries
            WHEN OLD.status = 'approved' AND OLD.billable = 1 AND OLD.invoice_line_id IS NULL
            BEGIN
                UPDATE project_unbilled_totals SET entries = entries - 1, minutes = minutes - OLD.minutes,
                    amount_cents = amount_cents - (OLD.minutes * OLD.rate_cents + 30) / 60
                WHERE project_id = OLD.project_id;
            END;

            CREATE TRIGGER project_unbilled_totals_update
            AFTER UPDATE OF project_id, status, minutes, rate_cents, billable, invoice_line_id ON time_entries
            BEGIN
                UPDATE project_unbilled_totals SET entries = entries - 1, minutes = minutes - OLD.minutes,
                    amount_cents = amount_cents - (OLD.minutes * OLD.rate_cents + 30) / 60
                WHERE project_id = OLD.project_id
                  AND OLD.status = 'approved' AND OLD.billable = 1 AND OLD.invoice_line_id IS NULL;
                INSERT INTO project_unbilled_totals (project_id, company_id, entries, minutes, amount_cents)
                SELECT NEW.project_id, NEW.company_id, 1, NEW.minutes, (NEW.minutes * NEW.rate_cents + 30) / 60
                WHERE NEW.status = 'approved' AND NEW.billable = 1 AND NEW.invoice_line_id IS NULL
                ON CONFLICT (project_id) DO UPDATE SET entries = entries + 1, minutes = minutes + excluded.minutes,
                    amount_cents = amount_cents + excluded.amount_cents;
            END;
            """)
    }
}
