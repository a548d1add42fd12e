import GRDB

/// 2026-11-30 — a project's time totals per status, kept by triggers on `time_entries` (as
/// `client_counts` and `invoice_counts` are), so the project page and its budget burn read a
/// handful of rows instead of summing every entry twice per view: 5,000 entries made the
/// page 5 % of the trivial FastCGI response (`make bench`). The amount is the billable
/// entries' value rounded per entry, `(minutes × rate + 30) / 60`, as the queries that
/// summed them did. Never edit once landed.
enum M20261130ProjectTimeTotals {
    static let identifier = "2026-11-30-008-project-time-totals"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE project_time_totals (
                company_id INTEGER NOT NULL REFERENCES companies(id),
                project_id INTEGER NOT NULL REFERENCES projects(id),
                status TEXT NOT NULL,
                entries INTEGER NOT NULL DEFAULT 0,
                minutes INTEGER NOT NULL DEFAULT 0,
                amount_cents INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (project_id, status)
            ) WITHOUT ROWID;

            INSERT INTO project_time_totals (company_id, project_id, status, entries, minutes, amount_cents)
            SELECT company_id, project_id, status, count(*), sum(minutes),
                   sum(CASE billable WHEN 1 THEN (minutes * rate_cents + 30) / 60 ELSE 0 END)
            FROM time_entries GROUP BY project_id, status;

            CREATE TRIGGER project_time_totals_insert AFTER INSERT ON time_entries
            BEGIN
                INSERT INTO project_time_totals (company_id, project_id, status, entries, minutes, amount_cents)
                VALUES (NEW.company_id, NEW.project_id, NEW.status, 1, NEW.minutes,
                        CASE NEW.billable WHEN 1 THEN (NEW.minutes * NEW.rate_cents + 30) / 60 ELSE 0 END)
                ON CONFLICT (project_id, status) DO UPDATE SET entries = entries + 1, minutes = minutes + excluded.minutes,
                    amount_cents = amount_cents + excluded.amount_cents;
            END;

            CREATE TRIGGER project_time_totals_delete AFTER DELETE ON time_entries
            BEGIN
                UPDATE project_time_totals SET entries = entries - 1, minutes = minutes - OLD.minutes,
                    amount_cents = amount_cents - CASE OLD.billable WHEN 1 THEN (OLD.minutes * OLD.rate_cents + 30) / 60 ELSE 0 END
                WHERE project_id = OLD.project_id AND status = OLD.status;
            END;

            CREATE TRIGGER project_time_totals_update
            AFTER UPDATE OF project_id, status, minutes, rate_cents, billable ON time_entries
            BEGIN
                UPDATE project_time_totals SET entries = entries - 1, minutes = minutes - OLD.minutes,
                    amount_cents = amount_cents - CASE OLD.billable WHEN 1 THEN (OLD.minutes * OLD.rate_cents + 30) / 60 ELSE 0 END
                WHERE project_id = OLD.project_id AND status = OLD.status;
                INSERT INTO project_time_totals (company_id, project_id, status, entries, minutes, amount_cents)
                VALUES (NEW.company_id, NEW.project_id, NEW.status, 1, NEW.minutes,
                        CASE NEW.billable WHEN 1 THEN (NEW.minutes * NEW.rate_cents + 30) / 60 ELSE 0 END)
                ON CONFLICT (project_id, status) DO UPDATE SET entries = entries + 1, minutes = minutes + excluded.minutes,
                    amount_cents = amount_cents + excluded.amount_cents;
            END;
            """)
    }
}
