/// How one line contributes to a document's totals.
public struct LineTotals: Sendable, Hashable {
    /// Quantity × unit price, rounded half away from zero to the cent.
    public let amount: Money
    /// This line's part of the document discount (largest-remainder share).
    public let discountShare: Money
    /// `amount − discountShare`: what every tax on the line is charged on.
    public let taxableBase: Money
    /// One entry per tax on the line, in the line's order.
    public let taxes: [LineTax]

    public init(amount: Money, discountShare: Money, taxableBase: Money, taxes: [LineTax]) {
        self.amount = amount
        self.discountShare = discountShare
        self.taxableBase = taxableBase
        self.taxes = taxes
    }
}
