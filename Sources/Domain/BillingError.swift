/// Why a document's totals could not be computed. `message` suits a form-level error.
public enum BillingError: Error, Equatable, Sendable {
    /// A price or fixed discount is not in the document's currency.
    case currencyMismatch
    /// An amount does not fit in Int64 cents (only absurd input gets here).
    case overflow
    case discountExceedsSubtotal
    /// A negative fixed discount, or a percentage outside 0…100 %.
    case invalidDiscount
    /// Credits are credit notes, not negative lines.
    case negativeQuantity
    case negativeUnitPrice
    /// A tax rate outside 0…100 %.
    case invalidTaxRate
    /// The same tax twice on one line would charge it twice.
    case duplicateTax

    public var message: String {
        switch self {
        case .currencyMismatch: "Every amount on a document must be in the document's currency."
        case .overflow: "These amounts are too large to add up."
        case .discountExceedsSubtotal: "The discount is larger than the subtotal."
        case .invalidDiscount: "A discount must be between 0 and 100%, or an amount that is not negative."
        case .negativeQuantity: "A quantity cannot be negative; issue a credit note instead."
        case .negativeUnitPrice: "A price cannot be negative; use a discount or a credit note instead."
        case .invalidTaxRate: "A tax rate must be between 0 and 100%."
        case .duplicateTax: "The same tax is on a line twice."
        }
    }

    init(_ error: MoneyError) {
        switch error {
        case .currencyMismatch: self = .currencyMismatch
        case .overflow: self = .overflow
        }
    }
}
