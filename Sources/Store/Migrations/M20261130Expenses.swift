import GRDB

/// 2026-11-30 — expenses (issue 4, point 4). Never edit once landed: add a new migration instead.
///
/// An expense belongs to a company and optionally to one of its clients and projects (the
/// project's client must be the expense's client when both are set: triggers, as for
/// projects). Amounts are integer minor units of `currency` (the company's when written).
/// A receipt is a private media file: `receipt_key` is a `MediaKey` of this company
/// (`receipts/<company_id>/<32 hex>.<jpg|png|pdf|heic>`, checked here too) and the other
/// `receipt_*` columns are set exactly when it is.
///
/// `invoice_line_id` is set when the expense is put on an invoice (invoices live in their own
/// migration; there is no foreign key on purpose). From then on the row is locked: triggers
/// refuse every UPDATE but the release of the link alone (a draft invoice line removed) and
/// every DELETE. Only billable, live expenses can be invoiced. Expenses are soft deleted
/// (`deleted_at`), never while invoiced.
enum M20261130Expenses {
    static let identifier = "2026-11-30-003-expenses"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE expenses (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id),
                spent_on TEXT NOT NULL CHECK (spent_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                vendor TEXT NOT NULL CHECK (length(vendor) BETWEEN 1 AND 200),
                category TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 60),
                amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                tax_cents INTEGER NOT NULL DEFAULT 0 CHECK (tax_cents >= 0),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                client_id INTEGER REFERENCES clients(id),
                project_id INTEGER REFERENCES projects(id),
                billable INTEGER NOT NULL DEFAULT 0 CHECK (billable IN (0, 1)),
                markup_milli_percent INTEGER NOT NULL DEFAULT 0 CHECK (markup_milli_percent BETWEEN 0 AND 100000),
                notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
                receipt_key TEXT UNIQUE CHECK (receipt_key IS NULL OR (
                    substr(receipt_key, 1, length('receipts/' || company_id || '/')) = 'receipts/' || company_id || '/'
                    AND substr(receipt_key, length('receipts/' || company_id || '/') + 1) GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].*'
                    AND substr(receipt_key, length('receipts/' || company_id || '/') + 34) IN ('jpg', 'png', 'pdf', 'heic'))),
                receipt_filename TEXT CHECK (receipt_filename IS NULL OR length(CAST(receipt_filename AS BLOB)) BETWEEN 1 AND 255),
                receipt_content_type TEXT CHECK (receipt_content_type IS NULL
                    OR receipt_content_type IN ('image/jpeg', 'image/png', 'application/pdf', 'image/heic')),
                receipt_size INTEGER CHECK (receipt_size IS NULL OR receipt_size BETWEEN 1 AND 10485760),
                receipt_sha256 TEXT CHECK (receipt_sha256 IS NULL OR (length(receipt_sha256) = 64 AND receipt_sha256 NOT GLOB '*[^0-9a-f]*')),
                invoice_line_id INTEGER,
                created_by INTEGER REFERENCES users(id),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                deleted_at TEXT,
                -- The receipt columns come together or not at all.
                CHECK ((receipt_key IS NULL) = (receipt_filename IS NULL)
                   AND (receipt_key IS NULL) = (receipt_content_type IS NULL)
                   AND (receipt_key IS NULL) = (receipt_size IS NULL)
                   AND (receipt_key IS NULL) = (receipt_sha256 IS NULL)),
                -- An invoiced expense is never deleted.
                CHECK (invoice_line_id IS NULL OR deleted_at IS NULL)
            );

            -- Same company as the client and the project; the project's client is the client.
            CREATE TRIGGER expenses_links_insert BEFORE INSERT ON expenses
            WHEN (NEW.client_id IS NOT NULL AND (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id)
              OR (NEW.project_id IS NOT NULL AND (SELECT company_id FROM projects WHERE id = NEW.project_id) IS NOT NEW.company_id)
              OR (NEW.project_id IS NOT NULL AND (SELECT client_id FROM projects WHERE id = NEW.project_id) IS NOT NEW.client_id)
            BEGIN SELECT RAISE(ABORT, 'expenses: client and project must be of the same company, and the project of the client'); END;
            CREATE TRIGGER expenses_links_update BEFORE UPDATE OF company_id, client_id, project_id ON expenses
            WHEN (NEW.client_id IS NOT NULL AND (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id)
              OR (NEW.project_id IS NOT NULL AND (SELECT company_id FROM projects WHERE id = NEW.project_id) IS NOT NEW.company_id)
              OR (NEW.project_id IS NOT NULL AND (SELECT client_id FROM projects WHERE id = NEW.project_id) IS NOT NEW.client_id)
            BEGIN SELECT RAISE(ABORT, 'expenses: client and project must be of the same company, and the project of the client'); END;

            -- Only a billable, live expense goes on an invoice.
            CREATE TRIGGER expenses_invoice_needs_billable_insert BEFORE INSERT ON expenses
            WHEN NEW.invoice_line_id IS NOT NULL AND (NEW.billable <> 1 OR NEW.deleted_at IS NOT NULL)
            BEGIN SELECT RAISE(ABORT, 'expenses: only a billable expense can be invoiced'); END;
            CREATE TRIGGER expenses_invoice_needs_billable_update BEFORE UPDATE OF invoice_line_id, billable, deleted_at ON expenses
            WHEN NEW.invoice_line_id IS NOT NULL AND (NEW.billable <> 1 OR NEW.deleted_at IS NOT NULL)
            BEGIN SELECT RAISE(ABORT, 'expenses: only a billable expense can be invoiced'); END;

            -- An invoiced expense is locked. The one change allowed is releasing the link and
            -- nothing else, while the line's invoice is a draft (the line was removed) or void;
            -- any other column changing, the link moving to another line, or releasing from a
            -- sent invoice is refused.
            CREATE TRIGGER expenses_invoiced_locked BEFORE UPDATE ON expenses
            WHEN OLD.invoice_line_id IS NOT NULL AND NOT (
                NEW.invoice_line_id IS NULL
                AND NEW.company_id IS OLD.company_id AND NEW.spent_on IS OLD.spent_on AND NEW.vendor IS OLD.vendor
                AND NEW.category IS OLD.category AND NEW.amount_cents IS OLD.amount_cents AND NEW.tax_cents IS OLD.tax_cents
                AND NEW.currency IS OLD.currency AND NEW.client_id IS OLD.client_id AND NEW.project_id IS OLD.project_id
                AND NEW.billable IS OLD.billable AND NEW.markup_milli_percent IS OLD.markup_milli_percent
                AND NEW.notes IS OLD.notes AND NEW.receipt_key IS OLD.receipt_key AND NEW.receipt_filename IS OLD.receipt_filename
                AND NEW.receipt_content_type IS OLD.receipt_content_type AND NEW.receipt_size IS OLD.receipt_size
                AND NEW.receipt_sha256 IS OLD.receipt_sha256 AND NEW.created_by IS OLD.created_by
                AND NEW.created_at IS OLD.created_at AND NEW.deleted_at IS OLD.deleted_at AND NEW.id IS OLD.id
                AND coalesce((SELECT invoices.status FROM invoice_lines JOIN invoices ON invoices.id = invoice_lines.invoice_id
                              WHERE invoice_lines.id = OLD.invoice_line_id), 'draft') IN ('draft', 'void'))
            BEGIN SELECT RAISE(ABORT, 'expenses: an invoiced expense cannot be changed'); END;
            CREATE TRIGGER expenses_invoiced_no_delete BEFORE DELETE ON expenses
            WHEN OLD.invoice_line_id IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'expenses: an invoiced expense cannot be deleted'); END;

            -- The list: newest first, live rows.
            CREATE INDEX expenses_live_by_date ON expenses(company_id, spent_on DESC, id DESC) WHERE deleted_at IS NULL;
            CREATE INDEX expenses_deleted_by_date ON expenses(company_id, spent_on DESC, id DESC) WHERE deleted_at IS NOT NULL;
            -- A client's or a project's expenses (filters, the project page totals).
            CREATE INDEX expenses_by_client ON expenses(company_id, client_id, spent_on DESC, id DESC)
                WHERE deleted_at IS NULL AND client_id IS NOT NULL;
            CREATE INDEX expenses_by_project ON expenses(company_id, project_id, spent_on DESC, id DESC)
                WHERE deleted_at IS NULL AND project_id IS NOT NULL;
            -- What an invoice for a project can pick up: its unbilled billable expenses.
            CREATE INDEX expenses_unbilled_by_project ON expenses(company_id, project_id, spent_on, id)
                WHERE invoice_line_id IS NULL AND billable = 1 AND deleted_at IS NULL;
            """)
    }
}
