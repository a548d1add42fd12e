/// The money side of one invoice, estimate or credit-note line: how many, at what price,
/// under which taxes. Descriptions and the rest live with the document.
public struct BillingLine: Sendable, Hashable {
    /// Thousandths of a unit (1.5 hours = 1500); see `QuantityInput`.
    public let quantityThousandths: Int64
    public let unitPrice: Money
    /// Every tax charged on the line, each on the same base (taxes never compound).
    public let taxes: [TaxRate]

    public init(quantityThousandths: Int64, unitPrice: Money, taxes: [TaxRate] = []) {
        self.quantityThousandths = quantityThousandths
        self.unitPrice = unitPrice
        self.taxes = taxes
    }
}
