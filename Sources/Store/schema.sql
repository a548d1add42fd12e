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
    CHECK (require_two_factor IN (0, 1)), estimate_valid_days INTEGER NOT NULL DEFAULT 30
    CHECK (estimate_valid_days BETWEEN 0 AND 365));

CREATE TABLE company_profiles (
    company_id INTEGER PRIMARY KEY REFERENCES companies(id),
    address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 500),
    email TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 100),
    tax_id TEXT NOT NULL DEFAULT '' CHECK (length(tax_id) <= 100),
    payment_instructions TEXT NOT NULL DEFAULT '' CHECK (length(payment_instructions) <= 1000),
    logo_png BLOB CHECK (logo_png IS NULL OR (length(logo_png) BETWEEN 8 AND 524288
                         AND substr(logo_png, 1, 8) = X'89504E470D0A1A0A')),
    updated_at TEXT NOT NULL
);

CREATE TABLE csp_reports (
    id INTEGER PRIMARY KEY,
    document_uri TEXT NOT NULL DEFAULT '',
    violated_directive TEXT NOT NULL DEFAULT '',
    blocked_uri TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE document_sequences (
    company_id INTEGER NOT NULL REFERENCES companies(id),
    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'estimate', 'credit_note')),
    next_value INTEGER NOT NULL CHECK (next_value >= 1),
    PRIMARY KEY (company_id, kind)
) WITHOUT ROWID;

CREATE TABLE estimate_documents (
    estimate_id INTEGER PRIMARY KEY REFERENCES estimates(id),
    company_id INTEGER NOT NULL REFERENCES companies(id),
    filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content_type TEXT NOT NULL DEFAULT 'application/pdf',
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    data BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 10485760),
    created_at TEXT NOT NULL
);

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

CREATE TABLE invoice_counts (
    company_id INTEGER NOT NULL REFERENCES companies(id),
    status TEXT NOT NULL,
    n INTEGER NOT NULL DEFAULT 0 CHECK (n >= 0),
    PRIMARY KEY (company_id, status)
) WITHOUT ROWID;

CREATE TABLE invoice_documents (
    invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id),
    company_id INTEGER NOT NULL REFERENCES companies(id),
    filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content_type TEXT NOT NULL DEFAULT 'application/pdf',
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    data BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 10485760),
    created_at TEXT NOT NULL
);

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
    updated_at TEXT NOT NULL, project_id INTEGER REFERENCES projects(id),
    UNIQUE (company_id, number),
    CHECK ((status = 'draft') = (number IS NULL)),
    CHECK ((status = 'draft') = (sent_at IS NULL)),
    CHECK ((status = 'void') = (voided_at IS NOT NULL))
);

CREATE TABLE late_fees (
    invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id),
    company_id INTEGER NOT NULL REFERENCES companies(id),
    fee_invoice_id INTEGER UNIQUE REFERENCES invoices(id) ON DELETE SET NULL,
    step INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    created_at TEXT NOT NULL
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

CREATE TABLE project_time_totals (
    company_id INTEGER NOT NULL REFERENCES companies(id),
    project_id INTEGER NOT NULL REFERENCES projects(id),
    status TEXT NOT NULL,
    entries INTEGER NOT NULL DEFAULT 0,
    minutes INTEGER NOT NULL DEFAULT 0,
    amount_cents INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, status)
) WITHOUT ROWID;

CREATE TABLE project_unbilled_totals (
    project_id INTEGER PRIMARY KEY REFERENCES projects(id),
    company_id INTEGER NOT NULL REFERENCES companies(id),
    entries INTEGER NOT NULL DEFAULT 0,
    minutes INTEGER NOT NULL DEFAULT 0,
    amount_cents INTEGER NOT NULL DEFAULT 0
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

CREATE TABLE recurring_runs (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    template_id INTEGER NOT NULL REFERENCES recurring_templates(id),
    occurrence_date TEXT NOT NULL CHECK (occurrence_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    invoice_id INTEGER REFERENCES invoices(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    UNIQUE (template_id, occurrence_date)
);

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

CREATE INDEX accounting_events_by_company ON accounting_events(company_id, occurred_on, id);

CREATE INDEX audit_events_by_company ON audit_events(company_id, id);

CREATE INDEX audit_events_by_company_action ON audit_events(company_id, action, id);

CREATE INDEX audit_events_by_company_user ON audit_events(company_id, user_id, id);

CREATE INDEX audit_events_by_object ON audit_events(company_id, object_type, object_id, id);

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

CREATE INDEX estimates_by_client ON estimates(company_id, client_id, id);

CREATE INDEX estimates_by_company ON estimates(company_id, id);

CREATE INDEX estimates_by_status ON estimates(company_id, status, id);

CREATE INDEX expenses_by_client ON expenses(company_id, client_id, spent_on DESC, id DESC)
    WHERE deleted_at IS NULL AND client_id IS NOT NULL;

CREATE INDEX expenses_by_project ON expenses(company_id, project_id, spent_on DESC, id DESC)
    WHERE deleted_at IS NULL AND project_id IS NOT NULL;

CREATE INDEX expenses_deleted_by_date ON expenses(company_id, spent_on DESC, id DESC) WHERE deleted_at IS NOT NULL;

CREATE INDEX expenses_live_by_date ON expenses(company_id, spent_on DESC, id DESC) WHERE deleted_at IS NULL;

CREATE INDEX expenses_unbilled_by_project ON expenses(company_id, project_id, spent_on, id)
    WHERE invoice_line_id IS NULL AND billable = 1 AND deleted_at IS NULL;

CREATE INDEX invitations_by_company ON invitations(company_id, accepted_at, expires_at);

CREATE INDEX invoices_by_client ON invoices(company_id, client_id, id);

CREATE INDEX invoices_by_company ON invoices(company_id, id);

CREATE INDEX invoices_by_project ON invoices(company_id, project_id, id) WHERE project_id IS NOT NULL;

CREATE INDEX invoices_by_status ON invoices(company_id, status, id);

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

CREATE INDEX recurring_runs_by_invoice ON recurring_runs(invoice_id);

CREATE INDEX recurring_templates_by_company ON recurring_templates(company_id, id) WHERE deleted_at IS NULL;

CREATE INDEX recurring_templates_due ON recurring_templates(next_run_on)
    WHERE deleted_at IS NULL AND status = 'active' AND next_run_on IS NOT NULL;

CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE INDEX tax_rates_live_by_name ON tax_rates(company_id, name COLLATE NOCASE, id)
    WHERE archived_at IS NULL;

CREATE UNIQUE INDEX tax_rates_one_default ON tax_rates(company_id) WHERE is_default = 1;

CREATE INDEX time_entries_by_person_week ON time_entries(company_id, user_id, week_start, work_date, id);

CREATE INDEX time_entries_by_project ON time_entries(company_id, project_id, work_date, id);

CREATE INDEX time_entries_project_totals ON time_entries(company_id, project_id, status, billable, minutes, rate_cents);

CREATE INDEX time_entries_submitted ON time_entries(company_id, week_start, user_id)
    WHERE status = 'submitted';

CREATE INDEX time_entries_unbilled ON time_entries(company_id, project_id, work_date, id)
    WHERE invoice_line_id IS NULL AND status = 'approved' AND billable = 1;

CREATE INDEX user_tokens_by_user ON user_tokens(user_id, purpose, created_at);

CREATE UNIQUE INDEX users_by_email ON users(email);

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

CREATE TRIGGER accounting_events_refuse_delete BEFORE DELETE ON accounting_events
BEGIN SELECT RAISE(ABORT, 'accounting_events is append-only: post a reversing event instead'); END;

CREATE TRIGGER accounting_events_refuse_update BEFORE UPDATE ON accounting_events
BEGIN SELECT RAISE(ABORT, 'accounting_events is append-only: post a reversing event instead'); END;

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

CREATE TRIGGER document_sequences_only_forward BEFORE UPDATE ON document_sequences
WHEN NEW.next_value IS NOT OLD.next_value + 1 OR NEW.company_id IS NOT OLD.company_id OR NEW.kind IS NOT OLD.kind
BEGIN SELECT RAISE(ABORT, 'document_sequences only move forward, one number at a time'); END;

CREATE TRIGGER document_sequences_refuse_delete BEFORE DELETE ON document_sequences
BEGIN SELECT RAISE(ABORT, 'document_sequences are never deleted (numbers must stay gap-free)'); END;

CREATE TRIGGER estimate_documents_refuse_delete BEFORE DELETE ON estimate_documents
BEGIN SELECT RAISE(ABORT, 'estimate_documents are immutable'); END;

CREATE TRIGGER estimate_documents_refuse_update BEFORE UPDATE ON estimate_documents
BEGIN SELECT RAISE(ABORT, 'estimate_documents are immutable'); END;

CREATE TRIGGER estimate_lines_refuse_delete_locked BEFORE DELETE ON estimate_lines
WHEN (SELECT status FROM estimates WHERE id = OLD.estimate_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'estimate is locked: its lines cannot change once it is sent'); END;

CREATE TRIGGER estimate_lines_refuse_insert_locked BEFORE INSERT ON estimate_lines
WHEN (SELECT status FROM estimates WHERE id = NEW.estimate_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'estimate is locked: its lines cannot change once it is sent'); END;

CREATE TRIGGER estimate_lines_refuse_update_locked BEFORE UPDATE ON estimate_lines
WHEN (SELECT status FROM estimates WHERE id = OLD.estimate_id) <> 'draft'
  OR (SELECT status FROM estimates WHERE id = NEW.estimate_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'estimate is locked: its lines cannot change once it is sent'); END;

CREATE TRIGGER estimates_client_same_company_insert BEFORE INSERT ON estimates
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'an estimate''s client must belong to the estimate''s company'); END;

CREATE TRIGGER estimates_client_same_company_update BEFORE UPDATE OF client_id, company_id ON estimates
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'an estimate''s client must belong to the estimate''s company'); END;

CREATE TRIGGER estimates_final_immutable BEFORE UPDATE ON estimates
WHEN OLD.status IN ('declined', 'converted')
BEGIN SELECT RAISE(ABORT, 'a declined or converted estimate is immutable'); END;

CREATE TRIGGER estimates_invoice_same_company BEFORE UPDATE OF converted_invoice_id ON estimates
WHEN NEW.converted_invoice_id IS NOT NULL
 AND (SELECT company_id FROM invoices WHERE id = NEW.converted_invoice_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'an estimate converts into an invoice of its own company'); END;

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

CREATE TRIGGER estimates_refuse_delete_issued BEFORE DELETE ON estimates
WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'only draft estimates can be deleted'); END;

CREATE TRIGGER estimates_status_forward BEFORE UPDATE OF status ON estimates
WHEN NEW.status IS NOT OLD.status AND NOT (
    (OLD.status = 'draft' AND NEW.status = 'sent')
    OR (OLD.status = 'sent' AND NEW.status IN ('accepted', 'declined', 'converted'))
    OR (OLD.status = 'accepted' AND NEW.status = 'converted'))
BEGIN SELECT RAISE(ABORT, 'estimate status only moves forward (draft, sent, accepted or declined, converted)'); END;

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
    AND NEW.created_at IS OLD.created_at AND NEW.deleted_at IS OLD.deleted_at AND NEW.id IS OLD.id
    AND coalesce((SELECT invoices.status FROM invoice_lines JOIN invoices ON invoices.id = invoice_lines.invoice_id
                  WHERE invoice_lines.id = OLD.invoice_line_id), 'draft') IN ('draft', 'void'))
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

CREATE TRIGGER invoice_documents_refuse_delete BEFORE DELETE ON invoice_documents
BEGIN SELECT RAISE(ABORT, 'invoice_documents are immutable'); END;

CREATE TRIGGER invoice_documents_refuse_update BEFORE UPDATE ON invoice_documents
BEGIN SELECT RAISE(ABORT, 'invoice_documents are immutable'); END;

CREATE TRIGGER invoice_lines_refuse_delete_locked BEFORE DELETE ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'invoice is locked: its lines cannot change once it is sent'); END;

CREATE TRIGGER invoice_lines_refuse_insert_locked BEFORE INSERT ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'invoice is locked: its lines cannot change once it is sent'); END;

CREATE TRIGGER invoice_lines_refuse_update_locked BEFORE UPDATE ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
  OR (SELECT status FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'invoice is locked: its lines cannot change once it is sent'); END;

CREATE TRIGGER invoices_client_same_company_insert BEFORE INSERT ON invoices
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'an invoice''s client must belong to the invoice''s company'); END;

CREATE TRIGGER invoices_client_same_company_update BEFORE UPDATE OF client_id, company_id ON invoices
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'an invoice''s client must belong to the invoice''s company'); END;

CREATE TRIGGER invoices_count_delete AFTER DELETE ON invoices
BEGIN
    UPDATE invoice_counts SET n = n - 1 WHERE company_id = OLD.company_id AND status = OLD.status;
END;

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

CREATE TRIGGER invoices_final_immutable BEFORE UPDATE ON invoices
WHEN OLD.status IN ('paid', 'void')
BEGIN SELECT RAISE(ABORT, 'a paid or void invoice is immutable'); END;

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

CREATE TRIGGER invoices_refuse_delete_issued BEFORE DELETE ON invoices
WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'only draft invoices can be deleted; void an issued invoice instead'); END;

CREATE TRIGGER invoices_status_forward BEFORE UPDATE OF status ON invoices
WHEN NEW.status IS NOT OLD.status AND NOT (
    (OLD.status = 'draft' AND NEW.status = 'sent')
    OR (OLD.status = 'sent' AND NEW.status IN ('partially_paid', 'paid'))
    OR (OLD.status = 'sent' AND NEW.status = 'void' AND OLD.amount_paid_cents = 0)
    OR (OLD.status = 'partially_paid' AND NEW.status = 'paid'))
BEGIN SELECT RAISE(ABORT, 'invoice status only moves forward (draft, sent, partially paid, paid; void before any payment)'); END;

CREATE TRIGGER project_time_totals_delete AFTER DELETE ON time_entries
BEGIN
    UPDATE project_time_totals SET entries = entries - 1, minutes = minutes - OLD.minutes,
        amount_cents = amount_cents - CASE OLD.billable WHEN 1 THEN (OLD.minutes * OLD.rate_cents + 30) / 60 ELSE 0 END
    WHERE project_id = OLD.project_id AND status = OLD.status;
END;

CREATE TRIGGER project_time_totals_insert AFTER INSERT ON time_entries
BEGIN
    INSERT INTO project_time_totals (company_id, project_id, status, entries, minutes, amount_cents)
    VALUES (NEW.company_id, NEW.project_id, NEW.status, 1, NEW.minutes,
            CASE NEW.billable WHEN 1 THEN (NEW.minutes * NEW.rate_cents + 30) / 60 ELSE 0 END)
    ON CONFLICT (project_id, status) DO UPDATE SET entries = entries + 1, minutes = minutes + excluded.minutes,
        amount_cents = amount_cents + excluded.amount_cents;
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

CREATE TRIGGER project_unbilled_totals_delete AFTER DELETE ON time_entries
WHEN OLD.status = 'approved' AND OLD.billable = 1 AND OLD.invoice_line_id IS NULL
BEGIN
    UPDATE project_unbilled_totals SET entries = entries - 1, minutes = minutes - OLD.minutes,
        amount_cents = amount_cents - (OLD.minutes * OLD.rate_cents + 30) / 60
    WHERE project_id = OLD.project_id;
END;

CREATE TRIGGER project_unbilled_totals_insert AFTER INSERT ON time_entries
WHEN NEW.status = 'approved' AND NEW.billable = 1 AND NEW.invoice_line_id IS NULL
BEGIN
    INSERT INTO project_unbilled_totals (project_id, company_id, entries, minutes, amount_cents)
    VALUES (NEW.project_id, NEW.company_id, 1, NEW.minutes, (NEW.minutes * NEW.rate_cents + 30) / 60)
    ON CONFLICT (project_id) DO UPDATE SET entries = entries + 1, minutes = minutes + excluded.minutes,
        amount_cents = amount_cents + excluded.amount_cents;
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

CREATE TRIGGER projects_client_same_company_insert BEFORE INSERT ON projects
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'projects.client_id must be a client of the same company'); END;

CREATE TRIGGER projects_client_same_company_update BEFORE UPDATE OF client_id, company_id ON projects
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'projects.client_id must be a client of the same company'); END;

CREATE TRIGGER recurring_runs_refuse_update BEFORE UPDATE OF template_id, occurrence_date, company_id ON recurring_runs
BEGIN SELECT RAISE(ABORT, 'recurring_runs are a log: an occurrence is never moved'); END;

CREATE TRIGGER recurring_templates_client_same_company_insert BEFORE INSERT ON recurring_templates
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'a recurring template''s client must belong to its company'); END;

CREATE TRIGGER recurring_templates_client_same_company_update BEFORE UPDATE OF client_id, company_id ON recurring_templates
WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'a recurring template''s client must belong to its company'); END;

CREATE TRIGGER reminder_log_refuse_update BEFORE UPDATE OF invoice_id, step, status, company_id ON reminder_log
BEGIN SELECT RAISE(ABORT, 'reminder_log is append-only'); END;

CREATE TRIGGER running_timers_service_same_company_insert BEFORE INSERT ON running_timers
WHEN (SELECT company_id FROM catalog_items WHERE id = NEW.catalog_item_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'running_timers.catalog_item_id must be an item of the same company'); END;

CREATE TRIGGER running_timers_service_same_company_update BEFORE UPDATE OF catalog_item_id, company_id ON running_timers
WHEN (SELECT company_id FROM catalog_items WHERE id = NEW.catalog_item_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'running_timers.catalog_item_id must be an item of the same company'); END;

CREATE TRIGGER time_entries_invoice_needs_approved_billable BEFORE UPDATE OF invoice_line_id ON time_entries
WHEN NEW.invoice_line_id IS NOT NULL AND NOT (OLD.status = 'approved' AND OLD.billable = 1
                                              AND NEW.status = 'approved' AND NEW.billable = 1)
BEGIN SELECT RAISE(ABORT, 'only an approved billable time entry can be invoiced'); END;

CREATE TRIGGER time_entries_invoiced_no_delete BEFORE DELETE ON time_entries
WHEN OLD.invoice_line_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'time entry is invoiced and locked'); END;

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

CREATE TRIGGER time_entries_locked_content BEFORE UPDATE ON time_entries
WHEN OLD.status IN ('submitted', 'approved') AND (
    NEW.company_id IS NOT OLD.company_id OR NEW.user_id IS NOT OLD.user_id
    OR NEW.project_id IS NOT OLD.project_id OR NEW.catalog_item_id IS NOT OLD.catalog_item_id
    OR NEW.service_name IS NOT OLD.service_name OR NEW.rate_cents IS NOT OLD.rate_cents
    OR NEW.work_date IS NOT OLD.work_date OR NEW.week_start IS NOT OLD.week_start
    OR NEW.minutes IS NOT OLD.minutes OR NEW.started_at IS NOT OLD.started_at
    OR NEW.ended_at IS NOT OLD.ended_at OR NEW.notes IS NOT OLD.notes OR NEW.billable IS NOT OLD.billable)
BEGIN SELECT RAISE(ABORT, 'a submitted or approved time entry cannot be edited'); END;

CREATE TRIGGER time_entries_locked_no_delete BEFORE DELETE ON time_entries
WHEN OLD.status IN ('submitted', 'approved')
BEGIN SELECT RAISE(ABORT, 'a submitted or approved time entry cannot be deleted'); END;

CREATE TRIGGER time_entries_service_same_company_insert BEFORE INSERT ON time_entries
WHEN (SELECT company_id FROM catalog_items WHERE id = NEW.catalog_item_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'time_entries.catalog_item_id must be an item of the same company'); END;

CREATE TRIGGER time_entries_service_same_company_update BEFORE UPDATE OF catalog_item_id, company_id ON time_entries
WHEN (SELECT company_id FROM catalog_items WHERE id = NEW.catalog_item_id) IS NOT NEW.company_id
BEGIN SELECT RAISE(ABORT, 'time_entries.catalog_item_id must be an item of the same company'); END;

CREATE TRIGGER time_entries_status_flow BEFORE UPDATE OF status ON time_entries
WHEN NEW.status IS NOT OLD.status AND NOT (
    (OLD.status IN ('draft', 'rejected') AND NEW.status = 'submitted')
    OR (OLD.status = 'submitted' AND NEW.status IN ('approved', 'rejected')))
BEGIN SELECT RAISE(ABORT, 'time entry status cannot move that way'); END;
