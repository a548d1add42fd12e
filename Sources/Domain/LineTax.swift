/// One tax charged on one line: the rate and the amount, rounded on that line.
public struct LineTax: Sendable, Hashable {
    public let rate: TaxRate
    public let tax: Money

    public init(rate: TaxRate, tax: Money) {
        self.rate = rate
        self.tax = tax
    }
}
