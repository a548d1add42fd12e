/// What a user typed into the catalog-item form.
///
/// The catalog is the company's source of truth for service and product names and default
/// prices. Later time entries and invoice lines *snapshot* an item's name and rate when they
/// are written (and keep the item's id only as a reference): renaming or repricing an item,
/// or archiving it, never changes an entry or a document already made from it.
public struct CatalogItemDraft: Sendable, Equatable {
    public var kind: String
    public var name: String
    public var description: String
    public var unit: String
    public var unitPrice: String
    /// The chosen tax rate's id as the select sent it; empty for none.
    public var taxRateId: String

    public static let nameLimit = 200
    public static let unitLimit = 20

    public struct Valid: Sendable, Equatable {
        public let kind: CatalogItemKind
        public let name: String
        public let description: String
        public let unit: String
        public let unitPriceCents: Int64
        public let taxRateId: Int64?
    }

    public init(kind: String = CatalogItemKind.service.rawValue, name: String = "", description: String = "",
                unit: String = "", unitPrice: String = "", taxRateId: String = "") {
        self.kind = kind
        self.name = name
        self.description = description
        self.unit = unit
        self.unitPrice = unitPrice
        self.taxRateId = taxRateId
    }

    /// Trims and parses every field; the price is an amount in `currency` (the company's).
    public func validated(currency: Currency) -> Result<Valid, ValidationErrors> {
        var errors = ValidationErrors()
        let kind = CatalogItemKind(rawValue: kind)
        if kind == nil { errors.add("kind", "Choose service or product.") }
        let cleanName = name.trimmingWhitespace()
        DraftChecks.name(cleanName, field: "name", label: "Name", limit: Self.nameLimit, into: &errors)
        let cleanDescription = description.trimmingWhitespace()
        DraftChecks.long(cleanDescription, field: "description", label: "Description", into: &errors)
        let cleanUnit = unit.trimmingWhitespace()
        DraftChecks.name(cleanUnit, field: "unit", label: "Unit", limit: Self.unitLimit, required: false, into: &errors)
        let price = DraftChecks.money(unitPrice, field: "unit_price", currency: currency, required: true, into: &errors)
        let taxRate = DraftChecks.id(taxRateId, field: "tax_rate_id", into: &errors)
        guard errors.isEmpty, let kind, let price, let taxRate else { return .failure(errors) }
        return .success(Valid(kind: kind, name: cleanName, description: cleanDescription, unit: cleanUnit,
                              unitPriceCents: price, taxRateId: taxRate))
    }
}
