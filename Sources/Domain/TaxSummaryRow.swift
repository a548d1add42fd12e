/// One row of a document's tax summary: a rate, the base it was charged on across the
/// lines that carry it, and the tax, which is the sum of the per-line (rounded) taxes.
public struct TaxSummaryRow: Sendable, Hashable {
    public let rate: TaxRate
    public let taxableBase: Money
    public let tax: Money

    public init(rate: TaxRate, taxableBase: Money, tax: Money) {
        self.rate = rate
        self.taxableBase = taxableBase
        self.tax = tax
    }
}
