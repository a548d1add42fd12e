import GRDB

/// 2026-11-30 — estimates (issue 4, point 5): the company's default validity, estimates and
/// their lines (snapshots like invoice lines), and the PDF rendered when an estimate is sent.
/// Numbers come from `document_sequences` kind 'estimate' (EST-YYYYMM-####), independent of
/// invoices. Triggers as for invoices: content locked once sent, status forward only, only
/// drafts deleted, lines and documents frozen. Never edit once landed.
enum M20261130Estimates {
    static let identifier = "2026-11-30-004-estimates"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- Days an estimate stays valid, counted from its issue date when the form leaves
            -- "valid until" empty. Used only when a document is created (docs/decisions.md).
            ALTER TABLE companies ADD COLUMN estimate_valid_days INTEGER NOT NULL DEFAULT 30
                CHECK (estimate_valid_days BETWEEN 0 AND 365);

            CREATE TABLE estimates (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id),
                client_id INTEGER NOT NULL REFERENCES clients(id),
                number TEXT,
                status TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'converted')),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                issue_date TEXT NOT NULL CHECK (issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                valid_until TEXT NOT NULL CHECK (valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND valid_until >= issue_date),
                discount_kind TEXT NOT NULL DEFAULT 'none' CHECK (discount_kind IN ('none', 'percentage', 'fixed')),
                discount_value INTEGER NOT NULL DEFAULT 0
                    CHECK (discount_value >= 0 AND (discount_kind <> 'percentage' OR discount_value <= 100000)
                           AND (discount_kind <> 'none' OR discount_value = 0)),
                notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
                terms TEXT NOT NULL DEFAULT '' CHECK (length(terms) <= 5000),
                subtotal_cents INTEGER NOT NULL DEFAULT 0 CHECK (subtotal_cents >= 0),
                discount_cents INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents BETWEEN 0 AND subtotal_cents),
                tax_cents INTEGER NOT NULL DEFAULT 0 CHECK (tax_cents >= 0),
                total_cents INTEGER NOT NULL DEFAULT 0 CHECK (total_cents = subtotal_cents - discount_cents + tax_cents),
                public_token TEXT NOT NULL UNIQUE CHECK (length(public_token) >= 32),
                sent_at TEXT,
                -- The client's answer through the link: the name they typed, when, from where.
                accepted_name TEXT CHECK (accepted_name IS NULL OR length(accepted_name) BETWEEN 1 AND 200),
                declined_name TEXT CHECK (declined_name IS NULL OR length(declined_name) BETWEEN 1 AND 200),
                responded_at TEXT,
                responder_ip TEXT NOT NULL DEFAULT '' CHECK (length(responder_ip) <= 64),
                converted_invoice_id INTEGER UNIQUE REFERENCES invoices(id),
                converted_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (company_id, number),
                CHECK ((status = 'draft') = (number IS NULL)),
                CHECK ((status = 'draft') = (sent_at IS NULL)),
                CHECK (accepted_name IS NULL OR declined_name IS NULL),
                CHECK ((accepted_name IS NOT NULL OR declined_name IS NOT NULL) = (responded_at IS NOT NULL)),
                CHECK ((status = 'accepted') <= (accepted_name IS NOT NULL)),
                CHECK ((status = 'declined') = (declined_name IS NOT NULL)),
                CHECK ((status = 'converted') = (converted_invoice_id IS NOT NULL)),
                CHECK ((status = 'converted') = (converted_at IS NOT NULL))
            );
            CREATE INDEX estimates_by_company ON estimates(company_id, id);
            CREATE INDEX estimates_by_status ON estimates(company_id, status, id);
            CREATE INDEX estimates_by_client ON estimates(company_id, client_id, id);

            CREATE TRIGGER estimates_client_same_company_insert BEFORE INSERT ON estimates
            WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'an estimate''s client must belong to the estimate''s company'); END;
            CREATE TRIGGER estimates_client_same_company_update BEFORE UPDATE OF client_id, company_id ON estimates
            WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'an estimate''s client must belong to the estimate''s company'); END;
            -- The invoice an estimate became must be the estimate's company's.
            CREATE TRIGGER estimates_invoice_same_company BEFORE UPDATE OF converted_invoice_id ON estimates
            WHEN NEW.converted_invoice_id IS NOT NULL
             AND (SELECT company_id FROM invoices WHERE id = NEW.converted_invoice_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'an estimate converts into an invoice of its own company'); END;

            -- Once sent, only the status, the answer, the conversion and updated_at change;
            -- and the answer is written once.
            CREATE TRIGGER estimates_locked_content BEFORE UPDATE ON estimates
            WHEN OLD.status <> 'draft' AND (
                NEW.company_id IS NOT OLD.company_id OR NEW.client_id IS NOT OLD.client_id
                OR NEW.number IS NOT OLD.number OR NEW.currency IS NOT OLD.currency
                OR NEW.issue_date IS NOT OLD.issue_date OR NEW.valid_until IS NOT OLD.valid_until
                OR NEW.discount_kind IS NOT OLD.discount_kind OR NEW.discount_value IS NOT OLD.discount_value
                OR NEW.notes IS NOT OLD.notes OR NEW.terms IS NOT OLD.terms
                OR NEW.subtotal_cents IS NOT OLD.subtotal_cents OR NEW.discount_cents IS NOT OLD.discount_cents
                OR NEW.tax_cents IS NOT OLD.tax_cents OR NEW.total_cents IS NOT OLD.total_cents
                OR NEW.public_token IS NOT OLD.public_token OR NEW.sent_at IS NOT OLD.sent_at
                OR NEW.created_at IS NOT OLD.created_at OR NEW.id IS NOT OLD.id
                OR (OLD.responded_at IS NOT NULL AND (NEW.accepted_name IS NOT OLD.accepted_name
                    OR NEW.declined_name IS NOT OLD.declined_name OR NEW.responded_at IS NOT OLD.responded_at
                    OR NEW.responder_ip IS NOT OLD.responder_ip))
                OR (OLD.converted_invoice_id IS NOT NULL AND NEW.converted_invoice_id IS NOT OLD.converted_invoice_id))
            BEGIN SELECT RAISE(ABORT, 'estimate is locked: once sent only its status, the client''s answer and the conversion change'); END;
            CREATE TRIGGER estimates_status_forward BEFORE UPDATE OF status ON estimates
            WHEN NEW.status IS NOT OLD.status AND NOT (
                (OLD.status = 'draft' AND NEW.status = 'sent')
                OR (OLD.status = 'sent' AND NEW.status IN ('accepted', 'declined', 'converted'))
                OR (OLD.status = 'accepted' AND NEW.status = 'converted'))
            BEGIN SELECT RAISE(ABORT, 'estimate status only moves forward (draft, sent, accepted or declined, converted)'); END;
            CREATE TRIGGER estimates_final_immutable BEFORE UPDATE ON estimates
            WHEN OLD.status IN ('declined', 'converted')
            BEGIN SELECT RAISE(ABORT, 'a declined or converted estimate is immutable'); END;
            CREATE TRIGGER estimates_refuse_delete_issued BEFORE DELETE ON estimates
            WHEN OLD.status <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'only draft estimates can be deleted'); END;

            CREATE TABLE estimate_lines (
                id INTEGER PRIMARY KEY,
                estimate_id INTEGER NOT NULL REFERENCES estimates(id) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position >= 1),
                description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
                quantity_thousandths INTEGER NOT NULL CHECK (quantity_thousandths BETWEEN 1 AND 1000000000),
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                tax_name TEXT NOT NULL DEFAULT '' CHECK (length(tax_name) <= 50),
                tax_milli_percent INTEGER NOT NULL DEFAULT 0 CHECK (tax_milli_percent BETWEEN 0 AND 100000),
                amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
                catalog_item_id INTEGER,
                UNIQUE (estimate_id, position),
                CHECK (tax_name <> '' OR tax_milli_percent = 0)
            );
            CREATE TRIGGER estimate_lines_refuse_insert_locked BEFORE INSERT ON estimate_lines
            WHEN (SELECT status FROM estimates WHERE id = NEW.estimate_id) <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'estimate is locked: its lines cannot change once it is sent'); END;
            CREATE TRIGGER estimate_lines_refuse_update_locked BEFORE UPDATE ON estimate_lines
            WHEN (SELECT status FROM estimates WHERE id = OLD.estimate_id) <> 'draft'
              OR (SELECT status FROM estimates WHERE id = NEW.estimate_id) <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'estimate is locked: its lines cannot change once it is sent'); END;
            CREATE TRIGGER estimate_lines_refuse_delete_locked BEFORE DELETE ON estimate_lines
            WHEN (SELECT status FROM estimates WHERE id = OLD.estimate_id) <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'estimate is locked: its lines cannot change once it is sent'); END;

            CREATE TABLE estimate_documents (
                estimate_id INTEGER PRIMARY KEY REFERENCES estimates(id),
                company_id INTEGER NOT NULL REFERENCES companies(id),
                filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
                content_type TEXT NOT NULL DEFAULT 'application/pdf',
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                data BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 10485760),
                created_at TEXT NOT NULL
            );
            CREATE TRIGGER estimate_documents_refuse_update BEFORE UPDATE ON estimate_documents
            BEGIN SELECT RAISE(ABORT, 'estimate_documents are immutable'); END;
            CREATE TRIGGER estimate_documents_refuse_delete BEFORE DELETE ON estimate_documents
            BEGIN SELECT RAISE(ABORT, 'estimate_documents are immutable'); END;
            """)
    }
}
