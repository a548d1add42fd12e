/// The totals of an invoice, estimate or credit note, computed the one way the whole
/// application uses (docs/decisions.md, 2026-11-30):
///
/// 1. Each line's amount is quantity × unit price, rounded half away from zero to the cent.
/// 2. The subtotal is the sum of the line amounts.
/// 3. A discount (a percentage of the subtotal, rounded the same way, or a fixed amount no
///    larger than the subtotal) is spread over the lines in proportion to their amounts
///    before tax, with the largest-remainder method, so the shares add up to the discount
///    exactly and every line has a definite taxable base.
/// 4. Each tax on a line is charged on that line's taxable base and rounded on that line.
///    Several taxes may apply to one line; none is charged on another (no compounding).
/// 5. The tax summary has one row per distinct rate, in order of first appearance; its tax
///    is the sum of the line taxes, so the document always equals the sum of its lines.
///
/// Everything is integer arithmetic (`TaxMath`); nothing overflows silently.
public struct DocumentTotals: Sendable, Hashable {
    public let currency: Currency
    public let lines: [LineTotals]
    public let subtotal: Money
    public let discount: Money
    public let discountedSubtotal: Money
    public let taxSummary: [TaxSummaryRow]
    public let taxTotal: Money
    public let total: Money

    public init(lines billingLines: [BillingLine], discount: Discount?, currency: Currency) throws(BillingError) {
        self.currency = currency
        for line in billingLines {
            guard line.unitPrice.currency == currency else { throw .currencyMismatch }
            guard line.quantityThousandths >= 0 else { throw .negativeQuantity }
            guard line.unitPrice.cents >= 0 else { throw .negativeUnitPrice }
            guard line.taxes.allSatisfy(\.isValid) else { throw .invalidTaxRate }
            guard Set(line.taxes).count == line.taxes.count else { throw .duplicateTax }
        }

        var amounts: [Int64] = []
        for line in billingLines {
            guard let amount = TaxMath.lineAmount(quantityThousandths: line.quantityThousandths,
                                                  unitCents: line.unitPrice.cents) else { throw .overflow }
            amounts.append(amount)
        }
        let subtotal = try Self.sum(amounts)
        let discountCents = try Self.discountCents(discount, subtotal: subtotal, currency: currency)
        guard let shares = TaxMath.allocate(discountCents, proportionalTo: amounts) else { throw .overflow }

        var lineTotals: [LineTotals] = []
        var summaryOrder: [TaxRate] = []
        var summaryBase: [TaxRate: Int64] = [:]
        var summaryTax: [TaxRate: Int64] = [:]
        for (index, line) in billingLines.enumerated() {
            let base = amounts[index] - shares[index]
            var taxes: [LineTax] = []
            for rate in line.taxes {
                guard let tax = TaxMath.percentage(rate.milliPercent, of: base) else { throw .overflow }
                taxes.append(LineTax(rate: rate, tax: Money(cents: tax, currency: currency)))
                if summaryBase[rate] == nil { summaryOrder.append(rate) }
                summaryBase[rate] = try Self.sum([summaryBase[rate] ?? 0, base])
                summaryTax[rate] = try Self.sum([summaryTax[rate] ?? 0, tax])
            }
            lineTotals.append(LineTotals(amount: Money(cents: amounts[index], currency: currency),
                                         discountShare: Money(cents: shares[index], currency: currency),
                                         taxableBase: Money(cents: base, currency: currency), taxes: taxes))
        }

        let taxTotal = try Self.sum(summaryOrder.map { summaryTax[$0] ?? 0 })
        let discountedSubtotal = subtotal - discountCents
        self.lines = lineTotals
        self.subtotal = Money(cents: subtotal, currency: currency)
        self.discount = Money(cents: discountCents, currency: currency)
        self.discountedSubtotal = Money(cents: discountedSubtotal, currency: currency)
        self.taxSummary = summaryOrder.map {
            TaxSummaryRow(rate: $0, taxableBase: Money(cents: summaryBase[$0] ?? 0, currency: currency),
                          tax: Money(cents: summaryTax[$0] ?? 0, currency: currency))
        }
        self.taxTotal = Money(cents: taxTotal, currency: currency)
        self.total = Money(cents: try Self.sum([discountedSubtotal, taxTotal]), currency: currency)
    }

    private static func discountCents(_ discount: Discount?, subtotal: Int64,
                                      currency: Currency) throws(BillingError) -> Int64 {
        switch discount {
        case nil:
            return 0
        case .percentage(let milliPercent):
            guard (0...PercentInput.maxMilliPercent).contains(milliPercent) else { throw .invalidDiscount }
            guard let cents = TaxMath.percentage(milliPercent, of: subtotal) else { throw .overflow }
            return cents
        case .fixed(let amount):
            guard amount.currency == currency else { throw .currencyMismatch }
            guard amount.cents >= 0 else { throw .invalidDiscount }
            guard amount.cents <= subtotal else { throw .discountExceedsSubtotal }
            return amount.cents
        }
    }

    private static func sum(_ values: [Int64]) throws(BillingError) -> Int64 {
        var total: Int64 = 0
        for value in values {
            let (result, overflow) = total.addingReportingOverflow(value)
            guard !overflow else { throw .overflow }
            total = result
        }
        return total
    }
}
