CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    company_id INTEGER REFERENCES companies(id),
    user_id INTEGER REFERENCES users(id),
    action TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id INTEGER,
    details TEXT NOT NULL DEFAULT '{}',
    request_id TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE catalog_items (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    kind TEXT NOT NULL CHECK (kind IN ('service', 'product')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    unit TEXT NOT NULL DEFAULT '' CHECK (length(unit) <= 20),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    tax_rate_id INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT,
    FOREIGN KEY (company_id, tax_rate_id) REFERENCES tax_rates(company_id, id)
);

CREATE TABLE client_counts (
    company_id INTEGER PRIMARY KEY REFERENCES companies(id),
    live INTEGER NOT NULL DEFAULT 0 CHECK (live >= 0),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted >= 0)
);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email TEXT NOT NULL DEFAULT '',
    company_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
    seat_limit INTEGER NOT NULL DEFAULT 10 CHECK (seat_limit >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
, require_two_factor INTEGER NOT NULL DEFAULT 0
    CHECK (require_two_factor IN (0, 1)));

CREATE TABLE csp_reports (
    id INTEGER PRIMARY KEY,
    document_uri TEXT NOT NULL DEFAULT '',
    violated_directive TEXT NOT NULL DEFAULT '',
    blocked_uri TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

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

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'staff', 'viewer')),
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT,
    accepted_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL
);

CREATE TABLE login_throttles (
    kind TEXT NOT NULL CHECK (kind IN ('account', 'ip')),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
    failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until TEXT,
    last_failure_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'staff', 'viewer')),
    created_at TEXT NOT NULL,
    UNIQUE (company_id, user_id)
);

CREATE TABLE outbox_attachments (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES outbox_messages(id) ON DELETE CASCADE,
    filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content_type TEXT NOT NULL CHECK (length(content_type) BETWEEN 3 AND 127),
    data BLOB NOT NULL CHECK (length(data) <= 10485760)
);

CREATE TABLE outbox_messages (
    id INTEGER PRIMARY KEY,
    company_id INTEGER REFERENCES companies(id),
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    to_address TEXT NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
    to_name TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    claimed_at TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    sent_at TEXT,
    dead_at TEXT
);

CREATE TABLE pending_sign_ins (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    next_path TEXT NOT NULL DEFAULT '/',
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE project_members (
    project_id INTEGER NOT NULL,
    company_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (project_id, user_id),
    FOREIGN KEY (company_id, project_id) REFERENCES projects(company_id, id),
    FOREIGN KEY (company_id, user_id) REFERENCES memberships(company_id, user_id)
) WITHOUT ROWID;

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    client_id INTEGER NOT NULL REFERENCES clients(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    code TEXT CHECK (code IS NULL OR length(code) BETWEEN 1 AND 20),
    billing_type TEXT NOT NULL CHECK (billing_type IN ('hourly', 'fixed_fee', 'non_billable')),
    hourly_rate_cents INTEGER CHECK (hourly_rate_cents >= 0),
    fixed_fee_cents INTEGER CHECK (fixed_fee_cents >= 0),
    budget_minutes INTEGER CHECK (budget_minutes > 0),
    budget_amount_cents INTEGER CHECK (budget_amount_cents > 0),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on_hold', 'done', 'archived')),
    notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- A rate exactly when hourly, a fee exactly when fixed fee.
    CHECK ((billing_type = 'hourly') = (hourly_rate_cents IS NOT NULL)),
    CHECK ((billing_type = 'fixed_fee') = (fixed_fee_cents IS NOT NULL)),
    UNIQUE (company_id, id)
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    company_id INTEGER NOT NULL REFERENCES companies(id),
    csrf_token TEXT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE tax_rates (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    milli_percent INTEGER NOT NULL CHECK (milli_percent BETWEEN 0 AND 100000),
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT,
    CHECK (is_default = 0 OR archived_at IS NULL),
    UNIQUE (company_id, id)
);

CREATE TABLE two_factor_recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL CHECK (length(code_hash) = 64),
    used_at TEXT,
    UNIQUE (user_id, code_hash)
);

CREATE TABLE user_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE TABLE user_two_factor (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret BLOB NOT NULL CHECK (length(secret) BETWEEN 10 AND 64),
    enabled_at TEXT,
    last_used_step INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
    display_name TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    email_verified_at TEXT,
    disabled_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX audit_events_by_company ON audit_events(company_id, id);

CREATE INDEX audit_events_by_company_action ON audit_events(company_id, action, id);

CREATE INDEX audit_events_by_company_user ON audit_events(company_id, user_id, id);

CREATE INDEX catalog_items_archived_by_name ON catalog_items(company_id, name COLLATE NOCASE, id)
    WHERE archived_at IS NOT NULL;

CREATE INDEX catalog_items_by_tax_rate ON catalog_items(company_id, tax_rate_id) WHERE tax_rate_id IS NOT NULL;

CREATE UNIQUE INDEX catalog_items_live_by_name ON catalog_items(company_id, name COLLATE NOCASE)
    WHERE archived_at IS NULL;

CREATE INDEX clients_deleted_by_name ON clients(company_id, name COLLATE NOCASE, id, deleted_at)
    WHERE deleted_at IS NOT NULL;

CREATE INDEX clients_live_by_name ON clients(company_id, name COLLATE NOCASE, id, deleted_at)
    WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX companies_by_name ON companies(name COLLATE NOCASE);

CREATE INDEX expenses_by_client ON expenses(company_id, client_id, spent_on DESC, id DESC)
    WHERE deleted_at IS NULL AND client_id IS NOT NULL;

CREATE INDEX expenses_by_project ON expenses(company_id, project_id, spent_on DESC, id DESC)
    WHERE deleted_at IS NULL AND project_id IS NOT NULL;

CREATE INDEX expenses_deleted_by_date ON expenses(company_id, spent_on DESC, id DESC) WHERE deleted_at IS NOT NULL;

CREATE INDEX expenses_live_by_date ON expenses(company_id, spent_on DESC, id DESC) WHERE deleted_at IS NULL;

CREATE INDEX expenses_unbilled_by_project ON expenses(company_id, project_id, spent_on, id)
    WHERE invoice_line_id IS NULL AND billable = 1 AND deleted_at IS NULL;

CREATE INDEX invitations_by_company ON invitations(company_id, accepted_at, expires_at);

CREATE INDEX login_throttles_by_last_failure ON login_throttles(last_failure_at);

CREATE INDEX login_throttles_locked ON login_throttles(locked_until) WHERE locked_until IS NOT NULL;

CREATE INDEX memberships_by_user ON memberships(user_id);

CREATE INDEX outbox_attachments_by_message ON outbox_attachments(message_id, id);

CREATE INDEX outbox_messages_dead_by_company ON outbox_messages(company_id, dead_at, id)
    WHERE status = 'dead';

CREATE INDEX outbox_messages_due ON outbox_messages(status, next_attempt_at);

CREATE INDEX pending_sign_ins_by_expiry ON pending_sign_ins(expires_at);

CREATE INDEX project_members_by_user ON project_members(company_id, user_id);

CREATE INDEX projects_by_client ON projects(company_id, client_id, name COLLATE NOCASE, id);

CREATE UNIQUE INDEX projects_by_code ON projects(company_id, code) WHERE code IS NOT NULL;

CREATE INDEX projects_by_status ON projects(company_id, status, name COLLATE NOCASE, id);

CREATE INDEX projects_open_by_name ON projects(company_id, name COLLATE NOCASE, id)
    WHERE status <> 'archived';

CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE INDEX tax_rates_live_by_name ON tax_rates(company_id, name COLLATE NOCASE, id)
    WHERE archived_at IS NULL;

CREATE UNIQUE INDEX tax_rates_one_default ON tax_rates(company_id) WHERE is_default = 1;

CREATE INDEX user_tokens_by_user ON user_tokens(user_id, purpose, created_at);

CREATE UNIQUE INDEX users_by_email ON users(email);

CREATE TRIGGER audit_events_refuse_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TRIGGER audit_events_refuse_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TRIGGER clients_count_delete AFTER DELETE ON clients
BEGIN
    UPDATE client_counts SET live = live - (OLD.deleted_at IS NULL), deleted = deleted - (OLD.deleted_at IS NOT NULL)
    WHERE company_id = OLD.company_id;
END;

CREATE TRIGGER clients_count_insert AFTER INSERT ON clients
BEGIN
    INSERT INTO client_counts (company_id, live, deleted)
    VALUES (NEW.company_id, NEW.deleted_at IS NULL, NEW.deleted_at IS NOT NULL)
    ON CONFLICT (company_id) DO UPDATE SET live = live + (NEW.deleted_at IS NULL),
                                           deleted = deleted + (NEW.deleted_at IS NOT NULL);
END;

CREATE TRIGGER clients_count_update AFTER UPDATE OF deleted_at, company_id ON clients
BEGIN
    UPDATE client_counts SET live = live - (OLD.deleted_at IS NULL), deleted = deleted - (OLD.deleted_at IS NOT NULL)
    WHERE company_id = OLD.company_id;
    INSERT INTO client_counts (company_id, live, deleted)
    VALUES (NEW.company_id, NEW.deleted_at IS NULL, NEW.deleted_at IS NOT NULL)
    ON CONFLICT (company_id) DO UPDATE SET live = live + (NEW.deleted_at IS NULL),
                                           deleted = deleted + (NEW.deleted_at IS NOT NULL);
END;

CREATE TRIGGER expenses_invoice_needs_billable_insert BEFORE INSERT ON expenses
WHEN NEW.invoice_line_id IS NOT NULL AND (NEW.billable <> 1 OR NEW.deleted_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'expenses: only a billable expense can be invoiced'); END;

CREATE TRIGGER expenses_invoice_needs_billable_update BEFORE UPDATE OF invoice_line_id, billable, deleted_at ON expenses
WHEN NEW.invoice_line_id IS NOT NULL AND (NEW.billable <> 1 OR NEW.deleted_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'expenses: only a billable expense can be invoiced'); END;

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
    AND NEW.created_at IS OLD.created_at AND NEW.deleted_at IS OLD.deleted_at AND NEW.id IS OLD.id)
BEGIN SELECT RAISE(ABORT, 'expenses: an invoiced expense cannot be changed'); END;

CREATE TRIGGER expenses_invoiced_no_delete BEFORE DELETE ON expenses
WHEN OLD.invoice_line_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'expenses: an invoiced expense cannot be deleted'); END;

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

CREATE TRIGGER projects_client_same_company_insert BEFORE INSERT ON projects
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'projects.client_id must be a client of the same company'); END;

CREATE TRIGGER projects_client_same_company_update BEFORE UPDATE OF client_id, company_id ON projects
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'projects.client_id must be a client of the same company'); END;
