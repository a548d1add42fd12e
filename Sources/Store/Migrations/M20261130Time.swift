import GRDB

/// 2026-11-30 — time tracking (issue 4, point 3): time entries with their approval workflow,
/// and one running timer per person. Never edit once landed: add a new migration instead.
///
/// An entry snapshots its service's name and its rate when it is written, so later catalog
/// or project edits never change history. `invoice_line_id` has no foreign key (invoices are
/// another migration's); once set, the entry is invoiced and the triggers lock it (only a
/// draft or void invoice can release it again).
/// The triggers repeat what `TimeService` checks, so raw SQL cannot bypass the workflow.
enum M20261130Time {
    static let identifier = "2026-11-30-002-time"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE time_entries (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id),
                user_id INTEGER NOT NULL,
                project_id INTEGER NOT NULL,
                catalog_item_id INTEGER NOT NULL,
                service_name TEXT NOT NULL CHECK (length(service_name) BETWEEN 1 AND 200),
                rate_cents INTEGER NOT NULL CHECK (rate_cents >= 0),
                work_date TEXT NOT NULL CHECK (length(work_date) = 10),
                week_start TEXT NOT NULL CHECK (length(week_start) = 10 AND week_start <= work_date),
                minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
                started_at TEXT,
                ended_at TEXT,
                notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
                billable INTEGER NOT NULL CHECK (billable IN (0, 1)),
                status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
                rejection_reason TEXT CHECK (rejection_reason IS NULL OR length(rejection_reason) BETWEEN 1 AND 1000),
                submitted_at TEXT,
                approved_by INTEGER REFERENCES users(id),
                approved_at TEXT,
                invoice_line_id INTEGER,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                CHECK ((started_at IS NULL) = (ended_at IS NULL)),
                CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL),
                CHECK ((status = 'approved') = (approved_at IS NOT NULL)),
                CHECK (invoice_line_id IS NULL OR (status = 'approved' AND billable = 1)),
                FOREIGN KEY (company_id, user_id) REFERENCES memberships(company_id, user_id),
                FOREIGN KEY (company_id, project_id) REFERENCES projects(company_id, id),
                FOREIGN KEY (catalog_item_id) REFERENCES catalog_items(id)
            );
            -- The service is the same company's (catalog_items has no unique (company_id, id)
            -- for a composite key, and its migration has landed: a trigger, as for a project's client).
            CREATE TRIGGER time_entries_service_same_company_insert BEFORE INSERT ON time_entries
            WHEN (SELECT company_id FROM catalog_items WHERE id = NEW.catalog_item_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'time_entries.catalog_item_id must be an item of the same company'); END;
            CREATE TRIGGER time_entries_service_same_company_update BEFORE UPDATE OF catalog_item_id, company_id ON time_entries
            WHEN (SELECT company_id FROM catalog_items WHERE id = NEW.catalog_item_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'time_entries.catalog_item_id must be an item of the same company'); END;
            -- A person's week (the /time page, submitting a week).
            CREATE INDEX time_entries_by_person_week ON time_entries(company_id, user_id, week_start, work_date, id);
            -- A project's entries (the project page: recent entries, totals, budget burn).
            CREATE INDEX time_entries_by_project ON time_entries(company_id, project_id, work_date, id);
            -- What invoices can still bill: a project's approved billable entries not yet invoiced.
            CREATE INDEX time_entries_unbilled ON time_entries(company_id, project_id, work_date, id)
                WHERE invoice_line_id IS NULL AND status = 'approved' AND billable = 1;
            -- Weeks waiting for approval.
            CREATE INDEX time_entries_submitted ON time_entries(company_id, week_start, user_id)
                WHERE status = 'submitted';

            -- An invoiced entry is locked: no delete, and no update except releasing the link
            -- with nothing else changed (but updated_at), and only while the line's invoice is
            -- a draft (the line was removed or the draft deleted) or void (voiding releases its
            -- time to be invoiced again). A sent invoice's entries stay locked for good.
            CREATE TRIGGER time_entries_invoiced_no_update BEFORE UPDATE ON time_entries
            WHEN OLD.invoice_line_id IS NOT NULL AND NOT (
                NEW.invoice_line_id IS NULL
                AND NEW.id IS OLD.id AND NEW.company_id IS OLD.company_id AND NEW.user_id IS OLD.user_id
                AND NEW.project_id IS OLD.project_id AND NEW.catalog_item_id IS OLD.catalog_item_id
                AND NEW.service_name IS OLD.service_name AND NEW.rate_cents IS OLD.rate_cents
                AND NEW.work_date IS OLD.work_date AND NEW.week_start IS OLD.week_start AND NEW.minutes IS OLD.minutes
                AND NEW.started_at IS OLD.started_at AND NEW.ended_at IS OLD.ended_at AND NEW.notes IS OLD.notes
                AND NEW.billable IS OLD.billable AND NEW.status IS OLD.status
                AND NEW.rejection_reason IS OLD.rejection_reason AND NEW.submitted_at IS OLD.submitted_at
                AND NEW.approved_by IS OLD.approved_by AND NEW.approved_at IS OLD.approved_at
                AND NEW.created_at IS OLD.created_at
                AND coalesce((SELECT invoices.status FROM invoice_lines JOIN invoices ON invoices.id = invoice_lines.invoice_id
                              WHERE invoice_lines.id = OLD.invoice_line_id), 'draft') IN ('draft', 'void'))
            BEGIN SELECT RAISE(ABORT, 'time entry is invoiced and locked'); END;
            CREATE TRIGGER time_entries_invoiced_no_delete BEFORE DELETE ON time_entries
            WHEN OLD.invoice_line_id IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'time entry is invoiced and locked'); END;
            -- Only an approved billable entry can be invoiced.
            CREATE TRIGGER time_entries_invoice_needs_approved_billable BEFORE UPDATE OF invoice_line_id ON time_entries
            WHEN NEW.invoice_line_id IS NOT NULL AND NOT (OLD.status = 'approved' AND OLD.billable = 1
                                                          AND NEW.status = 'approved' AND NEW.billable = 1)
            BEGIN SELECT RAISE(ABORT, 'only an approved billable time entry can be invoiced'); END;
            -- Submitted and approved entries keep their content; only the workflow moves them.
            CREATE TRIGGER time_entries_locked_content BEFORE UPDATE ON time_entries
            WHEN OLD.status IN ('submitted', 'approved') AND (
                NEW.company_id IS NOT OLD.company_id OR NEW.user_id IS NOT OLD.user_id
                OR NEW.project_id IS NOT OLD.project_id OR NEW.catalog_item_id IS NOT OLD.catalog_item_id
                OR NEW.service_name IS NOT OLD.service_name OR NEW.rate_cents IS NOT OLD.rate_cents
                OR NEW.work_date IS NOT OLD.work_date OR NEW.week_start IS NOT OLD.week_start
                OR NEW.minutes IS NOT OLD.minutes OR NEW.started_at IS NOT OLD.started_at
                OR NEW.ended_at IS NOT OLD.ended_at OR NEW.notes IS NOT OLD.notes OR NEW.billable IS NOT OLD.billable)
            BEGIN SELECT RAISE(ABORT, 'a submitted or approved time entry cannot be edited'); END;
            -- The workflow: draft|rejected → submitted → approved|rejected; approved is final.
            CREATE TRIGGER time_entries_status_flow BEFORE UPDATE OF status ON time_entries
            WHEN NEW.status IS NOT OLD.status AND NOT (
                (OLD.status IN ('draft', 'rejected') AND NEW.status = 'submitted')
                OR (OLD.status = 'submitted' AND NEW.status IN ('approved', 'rejected')))
            BEGIN SELECT RAISE(ABORT, 'time entry status cannot move that way'); END;
            CREATE TRIGGER time_entries_locked_no_delete BEFORE DELETE ON time_entries
            WHEN OLD.status IN ('submitted', 'approved')
            BEGIN SELECT RAISE(ABORT, 'a submitted or approved time entry cannot be deleted'); END;

            CREATE TABLE running_timers (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id),
                user_id INTEGER NOT NULL,
                project_id INTEGER NOT NULL,
                catalog_item_id INTEGER NOT NULL,
                notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
                started_at TEXT NOT NULL,
                UNIQUE (company_id, user_id),
                FOREIGN KEY (company_id, user_id) REFERENCES memberships(company_id, user_id),
                FOREIGN KEY (company_id, project_id) REFERENCES projects(company_id, id),
                FOREIGN KEY (catalog_item_id) REFERENCES catalog_items(id)
            );
            CREATE TRIGGER running_timers_service_same_company_insert BEFORE INSERT ON running_timers
            WHEN (SELECT company_id FROM catalog_items WHERE id = NEW.catalog_item_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'running_timers.catalog_item_id must be an item of the same company'); END;
            CREATE TRIGGER running_timers_service_same_company_update BEFORE UPDATE OF catalog_item_id, company_id ON running_timers
            WHEN (SELECT company_id FROM catalog_items WHERE id = NEW.catalog_item_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'running_timers.catalog_item_id must be an item of the same company'); END;
            """)
    }
}
