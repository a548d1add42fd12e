import Foundation
import GRDB

/// The company's document profile. A company without a row has the empty profile.
public enum CompanyProfileQueries {
    public static func find(_ db: Database, companyId: Int64) throws -> CompanyProfileRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM company_profiles WHERE company_id = ?"), arguments: [companyId])
            .map(CompanyProfileRecord.init(row:))
    }

    public static func save(_ db: Database, _ profile: CompanyProfileRecord) throws {
        try db.execute(sql: """
            INSERT INTO company_profiles (company_id, address, email, phone, tax_id, payment_instructions, logo_png, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (company_id) DO UPDATE SET address = excluded.address, email = excluded.email, phone = excluded.phone,
                tax_id = excluded.tax_id, payment_instructions = excluded.payment_instructions, logo_png = excluded.logo_png,
                updated_at = excluded.updated_at
            """, arguments: [profile.companyId, profile.address, profile.email, profile.phone, profile.taxId,
                             profile.paymentInstructions, profile.logoPNG.map { Data($0) }, profile.updatedAt])
    }
}
