/// The numbered documents a company issues. Each kind has its own number sequence.
public enum DocumentKind: String, CaseIterable, Sendable, Hashable, Codable {
    case invoice
    case estimate
    case creditNote = "credit_note"

    /// What a document number starts with (DESIGN.md §4): INV-, EST-, CN-.
    public var prefix: String {
        switch self {
        case .invoice: "INV"
        case .estimate: "EST"
        case .creditNote: "CN"
        }
    }

    public init?(prefix: String) {
        guard let kind = Self.allCases.first(where: { $0.prefix == prefix }) else { return nil }
        self = kind
    }

    public var label: String {
        switch self {
        case .invoice: "Invoice"
        case .estimate: "Estimate"
        case .creditNote: "Credit note"
        }
    }
}
