import GRDB

/// 2026-11-22 — live and deleted client counts per company, kept by triggers, so a list page
/// shows "N clients" without counting every index entry (the count was a third of the page's
/// cost at 10,000 clients). Never edit once landed: add a new migration instead.
enum M20261122ClientCounts {
    static let identifier = "2026-11-22-006-client-counts"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE client_counts (
                company_id INTEGER PRIMARY KEY REFERENCES companies(id),
                live INTEGER NOT NULL DEFAULT 0 CHECK (live >= 0),
                deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted >= 0)
            );
            INSERT INTO client_counts (company_id, live, deleted)
                SELECT company_id, sum(deleted_at IS NULL), sum(deleted_at IS NOT NULL) FROM clients GROUP BY company_id;

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
            CREATE TRIGGER clients_count_delete AFTER DELETE ON clients
            BEGIN
                UPDATE client_counts SET live = live - (OLD.deleted_at IS NULL), deleted = deleted - (OLD.deleted_at IS NOT NULL)
                WHERE company_id = OLD.company_id;
            END;
            """)
    }
}
