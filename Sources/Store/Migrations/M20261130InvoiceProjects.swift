import GRDB

/// 2026-11-30 — an invoice may belong to one of its client's projects, so the project page
/// lists the project's invoices (issue 4: "Project page: time, expenses, invoices"). Set when
/// an invoice is made from a project's unbilled work, or chosen on the invoice form. Existing
/// open invoices whose time and expenses all come from one project get that project. The lock
/// trigger is recreated to cover the new column. Never edit once landed.
enum M20261130InvoiceProjects {
    static let identifier = "2026-11-30-009-invoice-projects"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE invoices ADD COLUMN project_id INTEGER REFERENCES projects(id);

            CREATE INDEX invoices_by_project ON invoices(company_id, project_id, id) WHERE project_id IS NOT NULL;

            CREATE TEMP TABLE invoice_sources AS
                SELECT l.invoice_id, t.project_id FROM invoice_lines l JOIN time_entries t ON t.invoice_line_id = l.id
                UNION
                SELECT l.invoice_id, e.project_id FROM invoice_lines l JOIN expenses e ON e.invoice_line_id = l.id
                WHERE e.project_id IS NOT NULL;
            UPDATE invoices SET project_id = (SELECT min(project_id) FROM invoice_sources WHERE invoice_id = invoices.id)
            WHERE status IN ('draft', 'sent', 'partially_paid')
              AND (SELECT count(*) FROM invoice_sources WHERE invoice_id = invoices.id) = 1;
            DROP TABLE invoice_sources;
            UPDATE invoices SET project_id = NULL
            WHERE project_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM projects WHERE id = invoices.project_id AND client_id = invoices.client_id);

            CREATE TRIGGER invoices_project_same_client_insert BEFORE INSERT ON invoices
            WHEN NEW.project_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM projects WHERE id = NEW.project_id AND company_id = NEW.company_id AND client_id = NEW.client_id)
            BEGIN SELECT RAISE(ABORT, 'an invoice''s project must be one of its client''s projects'); END;

            CREATE TRIGGER invoices_project_same_client_update BEFORE UPDATE OF project_id, client_id, company_id ON invoices
            WHEN NEW.project_id IS NOT NULL AND (NEW.project_id IS NOT OLD.project_id OR NEW.client_id IS NOT OLD.client_id
                                                 OR NEW.company_id IS NOT OLD.company_id)
                 AND NOT EXISTS (SELECT 1 FROM projects
                                 WHERE id = NEW.project_id AND company_id = NEW.company_id AND client_id = NEW.client_id)
            BEGIN SELECT RAISE(ABORT, 'an invoice''s project must be one of its client''s projects'); END;

            DROP TRIGGER invoices_locked_content;
            CREATE TRIGGER invoices_locked_content BEFORE UPDATE ON invoices
            WHEN OLD.status <> 'draft' AND (
                NEW.company_id IS NOT OLD.company_id OR NEW.client_id IS NOT OLD.client_id
                OR NEW.project_id IS NOT OLD.project_id
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
            """)
    }
}
