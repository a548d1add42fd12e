import GRDB

/// 2026-11-30 — recurring invoices and payment reminders (issue 4, points 7 and 9).
///
/// `recurring_templates` (+ `recurring_template_lines`, snapshots shaped like invoice_lines)
/// are what `ez360 recurring run` issues invoices from; `recurring_runs` is its idempotency
/// key: one row per (template, occurrence date), written in the same transaction as the
/// invoice, so a second run on the same day finds the row and creates nothing.
/// `reminder_settings` is one row per company; `reminder_log` one row per (invoice, step),
/// sent or skipped, so no step is ever mailed twice; `late_fees` links an overdue invoice to
/// the one new invoice that bills its late fee (the sent invoice itself is never edited).
/// Never edit once landed: add a new migration instead.
enum M20261130Recurring {
    static let identifier = "2026-11-30-005-recurring"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE recurring_templates (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id),
                client_id INTEGER NOT NULL REFERENCES clients(id),
                name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly', 'yearly')),
                start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                end_date TEXT CHECK (end_date IS NULL OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
                                                        AND end_date >= start_date)),
                -- The next occurrence not issued yet; NULL once the schedule has ended.
                next_run_on TEXT CHECK (next_run_on IS NULL OR next_run_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                mode TEXT NOT NULL CHECK (mode IN ('draft', 'send')),
                payment_terms_days INTEGER NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
                discount_kind TEXT NOT NULL DEFAULT 'none' CHECK (discount_kind IN ('none', 'percentage', 'fixed')),
                discount_value INTEGER NOT NULL DEFAULT 0
                    CHECK (discount_value >= 0 AND (discount_kind <> 'percentage' OR discount_value <= 100000)
                           AND (discount_kind <> 'none' OR discount_value = 0)),
                notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
                terms TEXT NOT NULL DEFAULT '' CHECK (length(terms) <= 5000),
                status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
                deleted_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX recurring_templates_by_company ON recurring_templates(company_id, id) WHERE deleted_at IS NULL;
            CREATE INDEX recurring_templates_due ON recurring_templates(next_run_on)
                WHERE deleted_at IS NULL AND status = 'active' AND next_run_on IS NOT NULL;
            CREATE TRIGGER recurring_templates_client_same_company_insert BEFORE INSERT ON recurring_templates
            WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'a recurring template''s client must belong to its company'); END;
            CREATE TRIGGER recurring_templates_client_same_company_update BEFORE UPDATE OF client_id, company_id ON recurring_templates
            WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'a recurring template''s client must belong to its company'); END;

            CREATE TABLE recurring_template_lines (
                id INTEGER PRIMARY KEY,
                template_id INTEGER NOT NULL REFERENCES recurring_templates(id) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position >= 1),
                description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
                quantity_thousandths INTEGER NOT NULL CHECK (quantity_thousandths BETWEEN 1 AND 1000000000),
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                tax_name TEXT NOT NULL DEFAULT '' CHECK (length(tax_name) <= 50),
                tax_milli_percent INTEGER NOT NULL DEFAULT 0 CHECK (tax_milli_percent BETWEEN 0 AND 100000),
                catalog_item_id INTEGER,
                UNIQUE (template_id, position),
                CHECK (tax_name <> '' OR tax_milli_percent = 0)
            );

            -- One row per issued occurrence: the idempotency key of `ez360 recurring run`.
            CREATE TABLE recurring_runs (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id),
                template_id INTEGER NOT NULL REFERENCES recurring_templates(id),
                occurrence_date TEXT NOT NULL CHECK (occurrence_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                invoice_id INTEGER REFERENCES invoices(id) ON DELETE SET NULL,
                created_at TEXT NOT NULL,
                UNIQUE (template_id, occurrence_date)
            );
            CREATE INDEX recurring_runs_by_invoice ON recurring_runs(invoice_id);
            CREATE TRIGGER recurring_runs_refuse_update BEFORE UPDATE OF template_id, occurrence_date, company_id ON recurring_runs
            BEGIN SELECT RAISE(ABORT, 'recurring_runs are a log: an occurrence is never moved'); END;

            CREATE TABLE reminder_settings (
                company_id INTEGER PRIMARY KEY REFERENCES companies(id),
                enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
                -- Days relative to the due date, as ReminderSchedule prints it: "-3,0,7,14,30".
                schedule TEXT NOT NULL CHECK (length(schedule) BETWEEN 1 AND 200),
                late_fee_kind TEXT NOT NULL DEFAULT 'none' CHECK (late_fee_kind IN ('none', 'fixed', 'percentage')),
                -- Cents for 'fixed', thousandths of a percent of the balance due for 'percentage'.
                late_fee_value INTEGER NOT NULL DEFAULT 0
                    CHECK (late_fee_value >= 0 AND (late_fee_kind <> 'percentage' OR late_fee_value <= 100000)
                           AND (late_fee_kind <> 'none' OR late_fee_value = 0)),
                -- The schedule step (days after the due date) at which the fee is billed.
                late_fee_after_step INTEGER CHECK (late_fee_after_step IS NULL OR late_fee_after_step BETWEEN -365 AND 365),
                late_fee_mode TEXT NOT NULL DEFAULT 'draft' CHECK (late_fee_mode IN ('draft', 'send')),
                updated_at TEXT NOT NULL,
                CHECK (late_fee_kind = 'none' OR late_fee_after_step IS NOT NULL)
            ) WITHOUT ROWID;

            -- One row per (invoice, step): the step was mailed ('sent', with its outbox message)
            -- or passed over because a later step was due when the job ran ('skipped').
            CREATE TABLE reminder_log (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id),
                invoice_id INTEGER NOT NULL REFERENCES invoices(id),
                step INTEGER NOT NULL CHECK (step BETWEEN -365 AND 365),
                status TEXT NOT NULL CHECK (status IN ('sent', 'skipped')),
                sent_at TEXT NOT NULL,
                outbox_message_id INTEGER REFERENCES outbox_messages(id) ON DELETE SET NULL,
                UNIQUE (invoice_id, step),
                CHECK (status = 'sent' OR outbox_message_id IS NULL)
            );
            CREATE TRIGGER reminder_log_refuse_update BEFORE UPDATE OF invoice_id, step, status, company_id ON reminder_log
            BEGIN SELECT RAISE(ABORT, 'reminder_log is append-only'); END;

            -- The late fee billed for an overdue invoice: at most one per invoice, on a new invoice.
            CREATE TABLE late_fees (
                invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id),
                company_id INTEGER NOT NULL REFERENCES companies(id),
                fee_invoice_id INTEGER UNIQUE REFERENCES invoices(id) ON DELETE SET NULL,
                step INTEGER NOT NULL,
                amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                created_at TEXT NOT NULL
            );
            """)
    }
}
