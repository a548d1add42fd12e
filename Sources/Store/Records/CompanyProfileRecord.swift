import Foundation
import GRDB

/// How a company appears on its invoices and estimates (`company_profiles`).
public struct CompanyProfileRecord: Sendable, Equatable {
    public var companyId: Int64
    public var address: String
    public var email: String
    public var phone: String
    public var taxId: String
    public var paymentInstructions: String
    public var logoPNG: [UInt8]?
    public var updatedAt: Date

    public init(companyId: Int64, address: String = "", email: String = "", phone: String = "", taxId: String = "",
                paymentInstructions: String = "", logoPNG: [UInt8]? = nil, updatedAt: Date) {
        self.companyId = companyId
        self.address = address
        self.email = email
        self.phone = phone
        self.taxId = taxId
        self.paymentInstructions = paymentInstructions
        self.logoPNG = logoPNG
        self.updatedAt = updatedAt
    }

    init(row: Row) {
        companyId = row["company_id"]
        address = row["address"]
        email = row["email"]
        phone = row["phone"]
        taxId = row["tax_id"]
        paymentInstructions = row["payment_instructions"]
        logoPNG = (row["logo_png"] as Data?).map { [UInt8]($0) }
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
    }
}
