import GRDB

/// 2026-11-30 — invoices (issue 4, point 6): per-company document number sequences, invoices
/// and their lines (tax and item snapshots, no foreign keys to tax rates or catalog items),
/// the PDF rendered when an invoice is sent, and the append-only accounting events the
/// double-entry journal will post from. The immutability rules of DESIGN.md §4 are enforced
/// here by triggers as well as by `InvoiceService`. Never edit once landed: add a new
/// migration instead.
enum M20261130Invoices {
    static let identifier = "2026-11-30-001-invoices"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- The next number to hand out per company and kind. Gap-free: it only ever moves
            -- forward by exactly one, inside the transaction that uses the number.
            CREATE TABLE document_sequences (
                company_id INTEGER NOT NULL REFERENCES companies(id),
                kind TEXT NOT NULL CHECK (kind IN ('invoice', 'estimate', 'credit_note')),
                next_value INTEGER NOT NULL CHECK (next_value >= 1),
                PRIMARY KEY (company_id, kind)
            ) WITHOUT ROWID;
            CREATE TRIGGER document_sequences_only_forward BEFORE UPDATE ON document_sequences
            WHEN NEW.next_value IS NOT OLD.next_value + 1 OR NEW.company_id IS NOT OLD.company_id OR NEW.kind IS NOT OLD.kind
            BEGIN SELECT RAISE(ABORT, 'document_sequences only move forward, one number at a time'); END;
            CREATE TRIGGER document_sequences_refuse_delete BEFORE DELETE ON document_sequences
            BEGIN SELECT RAISE(ABORT, 'document_sequences are never deleted (numbers must stay gap-free)'); END;

            CREATE TABLE invoices (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id),
                client_id INTEGER NOT NULL REFERENCES clients(id),
                number TEXT,
                status TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'sent', 'partially_paid', 'paid', 'void')),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                issue_date TEXT NOT NULL CHECK (issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                due_date TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND due_date >= issue_date),
                payment_terms_days INTEGER NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
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
                amount_paid_cents INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid_cents >= 0),
                public_token TEXT NOT NULL UNIQUE CHECK (length(public_token) >= 32),
                sent_at TEXT,
                voided_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (company_id, number),
                CHECK ((status = 'draft') = (number IS NULL)),
                CHECK ((status = 'draft') = (sent_at IS NULL)),
                CHECK ((status = 'void') = (voided_at IS NOT NULL))
            );
            CREATE INDEX invoices_by_company ON invoices(company_id, id);
            CREATE INDEX invoices_by_status ON invoices(company_id, status, id);
            CREATE INDEX invoices_by_client ON invoices(company_id, client_id, id);

            -- The client must be the invoice's company's (a foreign key cannot say so).
            CREATE TRIGGER invoices_client_same_company_insert BEFORE INSERT ON invoices
            WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'an invoice''s client must belong to the invoice''s company'); END;
            CREATE TRIGGER invoices_client_same_company_update BEFORE UPDATE OF client_id, company_id ON invoices
            WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'an invoice''s client must belong to the invoice''s company'); END;

            -- Once sent, only status, amount_paid_cents, voided_at and updated_at may change.
            CREATE TRIGGER invoices_locked_content BEFORE UPDATE ON invoices
            WHEN OLD.status <> 'draft' AND (
                NEW.company_id IS NOT OLD.company_id OR NEW.client_id IS NOT OLD.client_id
                OR NEW.number IS NOT OLD.number OR NEW.currency IS NOT OLD.currency
                OR NEW.issue_date IS NOT OLD.issue_date OR NEW.due_date IS NOT OLD.due_date
                OR NEW.payment_terms_days IS NOT OLD.payment_terms_days
                OR NEW.discount_kind IS NOT OLD.discount_kind OR NEW.discount_value IS NOT OLD.discount_value
                OR NEW.notes IS NOT OLD.notes OR NEW.terms IS NOT OLD.terms
                OR NEW.subtotal_cents IS NOT OLD.subtotal_cents OR NEW.discount_cents IS NOT OLD.discount_cents
                OR NEW.tax_cents IS NOT OLD.tax_cents OR NEW.total_cents IS NOT OLD.total_cents
                OR NEW.public_token IS NOT OLD.public_token OR NEW.sent_at IS NOT OLD.sent_at
                OR NEW.created_at IS NOT OLD.created_at OR NEW.id IS NOT OLD.id)
            BEGIN SELECT RAISE(ABORT, 'invoice is locked: once sent only its status, amount paid and void date change'); END;
            -- Status only moves forward; void only while no money has been applied.
            CREATE TRIGGER invoices_status_forward BEFORE UPDATE OF status ON invoices
            WHEN NEW.status IS NOT OLD.status AND NOT (
                (OLD.status = 'draft' AND NEW.status = 'sent')
                OR (OLD.status = 'sent' AND NEW.status IN ('partially_paid', 'paid'))
                OR (OLD.status = 'sent' AND NEW.status = 'void' AND OLD.amount_paid_cents = 0)
                OR (OLD.status = 'partially_paid' AND NEW.status = 'paid'))
            BEGIN SELECT RAISE(ABORT, 'invoice status only moves forward (draft, sent, partially paid, paid; void before any payment)'); END;
            -- Paid and void invoices are final.
            CREATE TRIGGER invoices_final_immutable BEFORE UPDATE ON invoices
            WHEN OLD.status IN ('paid', 'void')
            BEGIN SELECT RAISE(ABORT, 'a paid or void invoice is immutable'); END;
            CREATE TRIGGER invoices_refuse_delete_issued BEFORE DELETE ON invoices
            WHEN OLD.status <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'only draft invoices can be deleted; void an issued invoice instead'); END;

            -- catalog_item_id records which catalog item a line was copied from: a snapshot
            -- source only, deliberately without a foreign key (the item may change or go).
            CREATE TABLE invoice_lines (
                id INTEGER PRIMARY KEY,
                invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position >= 1),
                description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
                quantity_thousandths INTEGER NOT NULL CHECK (quantity_thousandths BETWEEN 1 AND 1000000000),
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                tax_name TEXT NOT NULL DEFAULT '' CHECK (length(tax_name) <= 50),
                tax_milli_percent INTEGER NOT NULL DEFAULT 0 CHECK (tax_milli_percent BETWEEN 0 AND 100000),
                amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
                catalog_item_id INTEGER,
                UNIQUE (invoice_id, position),
                CHECK (tax_name <> '' OR tax_milli_percent = 0)
            );
            CREATE TRIGGER invoice_lines_refuse_insert_locked BEFORE INSERT ON invoice_lines
            WHEN (SELECT status FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'invoice is locked: its lines cannot change once it is sent'); END;
            CREATE TRIGGER invoice_lines_refuse_update_locked BEFORE UPDATE ON invoice_lines
            WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
              OR (SELECT status FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'invoice is locked: its lines cannot change once it is sent'); END;
            CREATE TRIGGER invoice_lines_refuse_delete_locked BEFORE DELETE ON invoice_lines
            WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'invoice is locked: its lines cannot change once it is sent'); END;

            -- The PDF rendered when the invoice was sent, kept byte for byte: what the client
            -- received is what the download serves, forever (docs/decisions.md, 2026-11-30).
            CREATE TABLE invoice_documents (
                invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id),
                company_id INTEGER NOT NULL REFERENCES companies(id),
                filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
                content_type TEXT NOT NULL DEFAULT 'application/pdf',
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                data BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 10485760),
                created_at TEXT NOT NULL
            );
            CREATE TRIGGER invoice_documents_refuse_update BEFORE UPDATE ON invoice_documents
            BEGIN SELECT RAISE(ABORT, 'invoice_documents are immutable'); END;
            CREATE TRIGGER invoice_documents_refuse_delete BEFORE DELETE ON invoice_documents
            BEGIN SELECT RAISE(ABORT, 'invoice_documents are immutable'); END;

            -- What happened, in accounting terms, with its balanced postings as a JSON array
            -- [{"account":"1200","name":"Accounts receivable","debit_cents":N,"credit_cents":0}, …]
            -- so the double-entry journal can post from this row alone. Append-only.
            CREATE TABLE accounting_events (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES companies(id),
                kind TEXT NOT NULL CHECK (kind IN ('invoice.sent', 'invoice.voided')),
                source_type TEXT NOT NULL CHECK (length(source_type) BETWEEN 1 AND 50),
                source_id INTEGER NOT NULL,
                occurred_on TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
                memo TEXT NOT NULL DEFAULT '',
                postings TEXT NOT NULL CHECK (json_valid(postings) AND json_type(postings) = 'array'),
                created_at TEXT NOT NULL,
                UNIQUE (company_id, kind, source_type, source_id)
            );
            CREATE INDEX accounting_events_by_company ON accounting_events(company_id, occurred_on, id);
            -- Debits equal credits, and equal amount_cents; every posting names a four-digit
            -- account and has exactly one non-negative integer side.
            CREATE TRIGGER accounting_events_balanced BEFORE INSERT ON accounting_events
            WHEN EXISTS (SELECT 1 FROM json_each(NEW.postings) AS posting
                         WHERE posting.type <> 'object'
                            OR json_type(posting.value, '$.account') IS NOT 'text'
                            OR NOT (json_extract(posting.value, '$.account') GLOB '[0-9][0-9][0-9][0-9]')
                            OR json_type(posting.value, '$.debit_cents') IS NOT 'integer'
                            OR json_type(posting.value, '$.credit_cents') IS NOT 'integer'
                            OR json_extract(posting.value, '$.debit_cents') < 0
                            OR json_extract(posting.value, '$.credit_cents') < 0
                            OR (json_extract(posting.value, '$.debit_cents') = 0) = (json_extract(posting.value, '$.credit_cents') = 0))
              OR (SELECT coalesce(sum(json_extract(value, '$.debit_cents')), 0) FROM json_each(NEW.postings)) IS NOT NEW.amount_cents
              OR (SELECT coalesce(sum(json_extract(value, '$.credit_cents')), 0) FROM json_each(NEW.postings)) IS NOT NEW.amount_cents
            BEGIN SELECT RAISE(ABORT, 'accounting event postings must balance: debits = credits = amount_cents'); END;
            CREATE TRIGGER accounting_events_refuse_update BEFORE UPDATE ON accounting_events
            BEGIN SELECT RAISE(ABORT, 'accounting_events is append-only: post a reversing event instead'); END;
            CREATE TRIGGER accounting_events_refuse_delete BEFORE DELETE ON accounting_events
            BEGIN SELECT RAISE(ABORT, 'accounting_events is append-only: post a reversing event instead'); END;

            -- An invoice's timeline (and "viewed today?") reads its audit events by object.
            CREATE INDEX audit_events_by_object ON audit_events(company_id, object_type, object_id, id);
            """)
    }
}
