import Testing
@testable import Domain

@Suite struct DocumentTotalsTests {
    private let gst = TaxRate(name: "GST", milliPercent: 5_000)
    private let pst = TaxRate(name: "PST", milliPercent: 7_000)
    private let salesTax = TaxRate(name: "Sales tax", milliPercent: 8_250)

    private func usd(_ cents: Int64) -> Money { Money(cents: cents, currency: .usd) }
    private func line(_ quantity: Int64, _ cents: Int64, _ taxes: [TaxRate] = [],
                      currency: Currency = .usd) -> BillingLine {
        BillingLine(quantityThousandths: quantity, unitPrice: Money(cents: cents, currency: currency), taxes: taxes)
    }

    @Test func oneTaxedLine() throws {
        let totals = try DocumentTotals(lines: [line(2_000, 5_000, [salesTax])], discount: nil, currency: .usd)
        #expect(totals.subtotal == usd(10_000))
        #expect(totals.discount == usd(0))
        #expect(totals.discountedSubtotal == usd(10_000))
        #expect(totals.taxSummary == [TaxSummaryRow(rate: salesTax, taxableBase: usd(10_000), tax: usd(825))])
        #expect(totals.taxTotal == usd(825))
        #expect(totals.total == usd(10_825))
        #expect(totals.lines == [LineTotals(amount: usd(10_000), discountShare: usd(0), taxableBase: usd(10_000),
                                            taxes: [LineTax(rate: salesTax, tax: usd(825))])])
        #expect(totals.currency == .usd)
    }

    @Test func lineAmountsRoundToTheCentHalfAwayFromZero() throws {
        // 2.5 × $3.33 = $8.325 → $8.33; 0.333 × $0.01 = 0.00333 ¢ → 0; 1.5 × $0.01 = 1.5 ¢ → 2 ¢.
        let totals = try DocumentTotals(lines: [line(2_500, 333), line(333, 1), line(1_500, 1)], discount: nil, currency: .usd)
        #expect(totals.lines.map(\.amount) == [usd(833), usd(0), usd(2)])
        #expect(totals.subtotal == usd(835))
        #expect(totals.taxSummary.isEmpty)
        #expect(totals.total == usd(835))
    }

    @Test func taxIsRoundedPerLineNotOnTheTotal() throws {
        // Each 10 ¢ line owes 0.5 ¢ of GST, rounded up per line: 2 ¢, where the total alone would give 1 ¢.
        let totals = try DocumentTotals(lines: [line(1_000, 10, [gst]), line(1_000, 10, [gst])], discount: nil, currency: .usd)
        #expect(totals.lines.map { $0.taxes.map(\.tax) } == [[usd(1)], [usd(1)]])
        #expect(totals.taxSummary == [TaxSummaryRow(rate: gst, taxableBase: usd(20), tax: usd(2))])
        #expect(totals.total == usd(22))
    }

    @Test func severalTaxesOnALineAreNotCompounded() throws {
        let totals = try DocumentTotals(lines: [line(1_000, 10_000, [gst, pst])], discount: nil, currency: .usd)
        #expect(totals.lines[0].taxes == [LineTax(rate: gst, tax: usd(500)), LineTax(rate: pst, tax: usd(700))])
        #expect(totals.taxTotal == usd(1_200))   // PST on $100, not on $105
        #expect(totals.total == usd(11_200))
    }

    @Test func taxSummaryHasOneRowPerRateInOrderOfFirstAppearance() throws {
        let hst = TaxRate(name: "HST", milliPercent: 13_000)
        let oldGST = TaxRate(name: "GST", milliPercent: 6_000)
        let totals = try DocumentTotals(lines: [
            line(1_000, 1_000, [pst, gst]),
            line(1_000, 2_000),
            line(2_000, 1_000, [gst, hst]),
            line(1_000, 500, [oldGST]),
        ], discount: nil, currency: .usd)
        #expect(totals.taxSummary == [
            TaxSummaryRow(rate: pst, taxableBase: usd(1_000), tax: usd(70)),
            TaxSummaryRow(rate: gst, taxableBase: usd(3_000), tax: usd(150)),
            TaxSummaryRow(rate: hst, taxableBase: usd(2_000), tax: usd(260)),
            TaxSummaryRow(rate: oldGST, taxableBase: usd(500), tax: usd(30)),
        ])
        #expect(totals.lines[1].taxes.isEmpty)
        #expect(totals.subtotal == usd(5_500))
        #expect(totals.taxTotal == usd(510))
        #expect(totals.total == usd(6_010))
    }

    @Test func aFixedDiscountIsSpreadBeforeTaxAndSharesSumExactly() throws {
        let totals = try DocumentTotals(lines: [line(1_000, 10_000, [gst]), line(1_000, 10_000, [gst]),
                                                line(1_000, 10_000, [gst])],
                                        discount: .fixed(usd(1_000)), currency: .usd)
        #expect(totals.lines.map(\.discountShare) == [usd(334), usd(333), usd(333)])
        #expect(totals.lines.map(\.taxableBase) == [usd(9_666), usd(9_667), usd(9_667)])
        // 483.3 ¢ → 483; 483.35 ¢ → 483 (483.35 rounds to 483), twice.
        #expect(totals.lines.map { $0.taxes[0].tax } == [usd(483), usd(483), usd(483)])
        #expect(totals.discount == usd(1_000))
        #expect(totals.discountedSubtotal == usd(29_000))
        #expect(totals.taxSummary == [TaxSummaryRow(rate: gst, taxableBase: usd(29_000), tax: usd(1_449))])
        #expect(totals.total == usd(30_449))
    }

    @Test func aPercentageDiscountGoesToTheLargestRemainders() throws {
        let totals = try DocumentTotals(lines: [line(1_000, 333), line(1_000, 333), line(1_000, 334)],
                                        discount: .percentage(milliPercent: 10_000), currency: .usd)
        #expect(totals.discount == usd(100))
        #expect(totals.lines.map(\.discountShare) == [usd(33), usd(33), usd(34)])
        #expect(totals.discountedSubtotal == usd(900))
    }

    @Test func percentageDiscountRoundsHalfAwayFromZero() throws {
        // 12.5 % of $1.00 is 12.5 ¢ → 13 ¢.
        let totals = try DocumentTotals(lines: [line(1_000, 100)], discount: .percentage(milliPercent: 12_500), currency: .usd)
        #expect(totals.discount == usd(13))
        #expect(totals.total == usd(87))
    }

    @Test func aDiscountSkipsFreeLinesAndCanTakeEverything() throws {
        let totals = try DocumentTotals(lines: [line(1_000, 0, [gst]), line(0, 5_000, [gst]), line(1_000, 999, [gst])],
                                        discount: .percentage(milliPercent: 100_000), currency: .usd)
        #expect(totals.lines.map(\.discountShare) == [usd(0), usd(0), usd(999)])
        #expect(totals.discountedSubtotal == usd(0))
        #expect(totals.taxTotal == usd(0))
        #expect(totals.total == usd(0))
        let exact = try DocumentTotals(lines: [line(1_000, 999)], discount: .fixed(usd(999)), currency: .usd)
        #expect(exact.total == usd(0))
    }

    @Test func anEmptyDocumentIsAllZeros() throws {
        for discount in [nil, Discount.percentage(milliPercent: 50_000), .fixed(usd(0))] {
            let totals = try DocumentTotals(lines: [], discount: discount, currency: .usd)
            #expect(totals.lines.isEmpty && totals.taxSummary.isEmpty)
            #expect([totals.subtotal, totals.discount, totals.discountedSubtotal, totals.taxTotal, totals.total]
                .allSatisfy { $0 == usd(0) })
        }
        #expect(throws: BillingError.discountExceedsSubtotal) {
            try DocumentTotals(lines: [], discount: .fixed(usd(1)), currency: .usd)
        }
    }

    @Test func yenHaveNoCents() throws {
        let consumption = TaxRate(name: "Consumption tax", milliPercent: 10_000)
        let totals = try DocumentTotals(lines: [line(1_500, 999, [consumption], currency: .jpy)],
                                        discount: .fixed(Money(cents: 100, currency: .jpy)), currency: .jpy)
        #expect(totals.subtotal == Money(cents: 1_499, currency: .jpy))   // 1,498.5 → 1,499
        #expect(totals.discountedSubtotal == Money(cents: 1_399, currency: .jpy))
        #expect(totals.taxTotal == Money(cents: 140, currency: .jpy))     // 139.9 → 140
        #expect(totals.total == Money(cents: 1_539, currency: .jpy))
        #expect(totals.total.description == "¥1,539")
    }

    @Test func refusals() {
        #expect(throws: BillingError.currencyMismatch) {
            try DocumentTotals(lines: [line(1_000, 100, currency: .cad)], discount: nil, currency: .usd)
        }
        #expect(throws: BillingError.currencyMismatch) {
            try DocumentTotals(lines: [line(1_000, 100)], discount: .fixed(Money(cents: 1, currency: .eur)), currency: .usd)
        }
        #expect(throws: BillingError.negativeQuantity) {
            try DocumentTotals(lines: [line(1_000, 100), line(-1, 100)], discount: nil, currency: .usd)
        }
        #expect(throws: BillingError.negativeUnitPrice) {
            try DocumentTotals(lines: [line(1_000, -100)], discount: nil, currency: .usd)
        }
        #expect(throws: BillingError.discountExceedsSubtotal) {
            try DocumentTotals(lines: [line(1_000, 100)], discount: .fixed(usd(101)), currency: .usd)
        }
        #expect(throws: BillingError.invalidDiscount) {
            try DocumentTotals(lines: [line(1_000, 100)], discount: .fixed(usd(-1)), currency: .usd)
        }
        #expect(throws: BillingError.invalidDiscount) {
            try DocumentTotals(lines: [line(1_000, 100)], discount: .percentage(milliPercent: 100_001), currency: .usd)
        }
        #expect(throws: BillingError.invalidDiscount) {
            try DocumentTotals(lines: [line(1_000, 100)], discount: .percentage(milliPercent: -1), currency: .usd)
        }
        #expect(throws: BillingError.invalidTaxRate) {
            try DocumentTotals(lines: [line(1_000, 100, [TaxRate(name: "Bad", milliPercent: 100_001)])],
                               discount: nil, currency: .usd)
        }
        #expect(throws: BillingError.invalidTaxRate) {
            try DocumentTotals(lines: [line(1_000, 100, [TaxRate(name: "Bad", milliPercent: -5)])], discount: nil, currency: .usd)
        }
        #expect(throws: BillingError.duplicateTax) {
            try DocumentTotals(lines: [line(1_000, 100, [gst, pst, gst])], discount: nil, currency: .usd)
        }
        let messages = [BillingError.currencyMismatch, .overflow, .discountExceedsSubtotal, .invalidDiscount,
                        .negativeQuantity, .negativeUnitPrice, .invalidTaxRate, .duplicateTax].map(\.message)
        #expect(Set(messages).count == messages.count && messages.allSatisfy { $0.hasSuffix(".") })
    }

    @Test func overflowIsAnErrorNotATrap() {
        #expect(throws: BillingError.overflow) {
            try DocumentTotals(lines: [line(1_000_000_000, .max)], discount: nil, currency: .usd)
        }
        #expect(throws: BillingError.overflow) {
            try DocumentTotals(lines: [line(1_000, .max), line(1_000, 1)], discount: nil, currency: .usd)
        }
        #expect(throws: BillingError.overflow) {
            try DocumentTotals(lines: [line(1_000, .max, [gst])], discount: nil, currency: .usd)
        }
        // A million units at the largest price a form accepts is past Int64: reported, not trapped.
        #expect(throws: BillingError.overflow) {
            try DocumentTotals(lines: [line(QuantityInput.maxThousandths, MoneyInput.maxMinorUnits(for: .usd))],
                               discount: nil, currency: .usd)
        }
        // A million units at $999.99 with 100 % tax and an odd discount is fine.
        #expect(throws: Never.self) {
            try DocumentTotals(lines: [line(QuantityInput.maxThousandths, 99_999, [TaxRate(name: "All", milliPercent: 100_000)])],
                               discount: .percentage(milliPercent: 33_333), currency: .usd)
        }
    }

    @Test func invariantsHoldForRandomDocuments() throws {
        var generator = SplitMix64(seed: 2026_11_30)
        let rates = [gst, pst, salesTax, TaxRate(name: "QST", milliPercent: 9_975), TaxRate(name: "Zero", milliPercent: 0)]
        for _ in 0..<1_000 {
            let lineCount = Int(generator.next() % 7)
            let lines = (0..<lineCount).map { _ in
                line(Int64(generator.next() % 20_000), Int64(generator.next() % 500_000),
                     rates.filter { _ in generator.next() % 3 == 0 })
            }
            let subtotal = try DocumentTotals(lines: lines, discount: nil, currency: .usd).subtotal.cents
            let discount: Discount? = switch generator.next() % 3 {
            case 0: nil
            case 1: .percentage(milliPercent: Int(generator.next() % 100_001))
            default: .fixed(usd(subtotal == 0 ? 0 : Int64(generator.next() % UInt64(subtotal + 1))))
            }
            let totals = try DocumentTotals(lines: lines, discount: discount, currency: .usd)
            #expect(totals.lines.map(\.amount.cents).reduce(0, +) == totals.subtotal.cents)
            #expect(totals.lines.map(\.discountShare.cents).reduce(0, +) == totals.discount.cents)
            #expect(totals.lines.map(\.taxableBase.cents).reduce(0, +) == totals.discountedSubtotal.cents)
            #expect(totals.discountedSubtotal.cents == totals.subtotal.cents - totals.discount.cents)
            #expect(totals.taxSummary.map(\.tax.cents).reduce(0, +) == totals.taxTotal.cents)
            #expect(totals.lines.flatMap(\.taxes).map(\.tax.cents).reduce(0, +) == totals.taxTotal.cents)
            #expect(totals.total.cents == totals.discountedSubtotal.cents + totals.taxTotal.cents)
            for (lineTotals, billingLine) in zip(totals.lines, lines) {
                #expect(lineTotals.discountShare.cents >= 0 && lineTotals.discountShare.cents <= lineTotals.amount.cents)
                #expect(lineTotals.taxes.map(\.rate) == billingLine.taxes)
                for tax in lineTotals.taxes {
                    #expect(tax.tax.cents == TaxMath.percentage(tax.rate.milliPercent, of: lineTotals.taxableBase.cents))
                }
            }
            #expect(Set(totals.taxSummary.map(\.rate)).count == totals.taxSummary.count)
        }
    }
}
