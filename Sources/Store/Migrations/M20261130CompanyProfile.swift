import GRDB

/// 2026-11-30 — how a company appears on its documents: address, contact, tax id, payment
/// instructions and a PNG logo, one row per company. A table of its own rather than columns
/// on `companies`, which every request's session lookup reads. The logo is kept in the
/// database (at most 512 KiB) like the sent documents it is drawn into, so a backup of the
/// database carries it. Never edit once landed.
enum M20261130CompanyProfile {
    static let identifier = "2026-11-30-006-company-profile"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
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
            """)
    }
}
