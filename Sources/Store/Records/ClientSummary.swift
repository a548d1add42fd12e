import Foundation
import GRDB

/// A client as a list shows it: what the table's columns need and nothing more. Decoding
/// the whole record (notes, address, two timestamps) for 50 rows was a tenth of a list
/// page's time (`make bench`, 2026-11-30); the detail page reads the full `ClientRecord`.
public struct ClientSummary: Sendable, Identifiable, Equatable {
    public var id: Int64
    public var name: String
    public var companyName: String
    public var email: String
    public var phone: String
    public var deletedAt: Date?

    public var isDeleted: Bool { deletedAt != nil }

    public init(id: Int64, name: String, companyName: String = "", email: String = "", phone: String = "",
                deletedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.companyName = companyName
        self.email = email
        self.phone = phone
        self.deletedAt = deletedAt
    }

    /// The columns `init(positional:)` reads, in its order.
    static let positionalColumns: SQL = """
        clients.id, clients.name, clients.company_name, clients.email, clients.phone, clients.deleted_at
        """

    init(positional row: Row) {
        id = row[0]
        name = row[1]
        companyName = row[2]
        email = row[3]
        phone = row[4]
        deletedAt = DatabaseDate.decode(row, 5)
    }
}
