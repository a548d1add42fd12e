/// A discount on a whole document, taken off before tax (see `DocumentTotals`).
public enum Discount: Sendable, Hashable {
    /// Thousandths of a percent of the subtotal, 0…100 % (10 % = 10,000).
    case percentage(milliPercent: Int)
    /// A fixed amount, at most the subtotal.
    case fixed(Money)
}
