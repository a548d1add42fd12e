import GRDB

/// 2026-11-30 — the billing foundation (issue 4, points 1-2): tax rates, catalog items,
/// projects and their members. Never edit once landed: add a new migration instead.
///
/// Tenancy is enforced by the schema too: every child row carries `company_id`, and its
/// foreign keys are composite (`company_id`, parent id) — or, for a project's client, a
/// trigger — so a project cannot point at another company's client, an item at another
/// company's tax rate, nor a member at a user who is not a member of the company. Nothing is deleted: rates and items are archived (`archived_at`),
/// projects move to status `archived`.
enum M20261130Catalog {
    static let identifier = "2026-11-30-001-catalog"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
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
            -- At most one default rate per company.
            CREATE UNIQUE INDEX tax_rates_one_default ON tax_rates(company_id) WHERE is_default = 1;
            CREATE INDEX tax_rates_live_by_name ON tax_rates(company_id, name COLLATE NOCASE, id)
                WHERE archived_at IS NULL;

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
            -- Names are unique per company among live items, case-insensitively; this index
            -- also serves the live list (ordered by name).
            CREATE UNIQUE INDEX catalog_items_live_by_name ON catalog_items(company_id, name COLLATE NOCASE)
                WHERE archived_at IS NULL;
            CREATE INDEX catalog_items_archived_by_name ON catalog_items(company_id, name COLLATE NOCASE, id)
                WHERE archived_at IS NOT NULL;
            CREATE INDEX catalog_items_by_tax_rate ON catalog_items(company_id, tax_rate_id) WHERE tax_rate_id IS NOT NULL;

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
            -- Same company as the client. A trigger rather than a composite foreign key: the
            -- unique (company_id, id) index on clients that one needs made SQLite pick it over
            -- the partial list indexes for the client search count (ClientQueryPlanTests).
            CREATE TRIGGER projects_client_same_company_insert BEFORE INSERT ON projects
            WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'projects.client_id must be a client of the same company'); END;
            CREATE TRIGGER projects_client_same_company_update BEFORE UPDATE OF client_id, company_id ON projects
            WHEN (SELECT company_id FROM clients WHERE id = NEW.client_id) IS NOT NEW.company_id
            BEGIN SELECT RAISE(ABORT, 'projects.client_id must be a client of the same company'); END;
            CREATE UNIQUE INDEX projects_by_code ON projects(company_id, code) WHERE code IS NOT NULL;
            -- The default list (everything but archived), by name.
            CREATE INDEX projects_open_by_name ON projects(company_id, name COLLATE NOCASE, id)
                WHERE status <> 'archived';
            -- A status filter, and a client's projects (the client page, the client filter).
            CREATE INDEX projects_by_status ON projects(company_id, status, name COLLATE NOCASE, id);
            CREATE INDEX projects_by_client ON projects(company_id, client_id, name COLLATE NOCASE, id);

            CREATE TABLE project_members (
                project_id INTEGER NOT NULL,
                company_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL REFERENCES users(id),
                created_at TEXT NOT NULL,
                PRIMARY KEY (project_id, user_id),
                FOREIGN KEY (company_id, project_id) REFERENCES projects(company_id, id),
                FOREIGN KEY (company_id, user_id) REFERENCES memberships(company_id, user_id)
            ) WITHOUT ROWID;
            CREATE INDEX project_members_by_user ON project_members(company_id, user_id);
            """)
    }
}
