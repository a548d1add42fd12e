/// Why arithmetic on `Money` was refused rather than producing a wrong amount.
public enum MoneyError: Error, Equatable, Sendable {
    /// Amounts in two currencies were combined; there is no exchange rate in the domain.
    case currencyMismatch
    /// The result does not fit in Int64 minor units. Never wrapped, never trapped.
    case overflow

    public var message: String {
        switch self {
        case .currencyMismatch: "These amounts are in different currencies."
        case .overflow: "This amount is too large."
        }
    }
}
