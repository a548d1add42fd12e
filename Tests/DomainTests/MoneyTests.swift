import Testing
@testable import Domain

@Suite struct MoneyTests {
    private let five = Money(cents: 500, currency: .usd)
    private let two = Money(cents: 200, currency: .usd)

    @Test func arithmeticInOneCurrency() throws {
        #expect(try five.adding(two) == Money(cents: 700, currency: .usd))
        #expect(try five.subtracting(two) == Money(cents: 300, currency: .usd))
        #expect(try two.subtracting(five) == Money(cents: -300, currency: .usd))
        #expect(try five.negated() == Money(cents: -500, currency: .usd))
        #expect(try Money.zero(.eur).negated() == .zero(.eur))
        #expect(try Money.sum([five, two, two], currency: .usd) == Money(cents: 900, currency: .usd))
        #expect(try Money.sum([], currency: .gbp) == .zero(.gbp))
        #expect(Money.zero(.usd).isZero && !Money.zero(.usd).isNegative)
        #expect(Money(cents: -1, currency: .usd).isNegative)
    }

    @Test func currenciesNeverMix() {
        let euros = Money(cents: 500, currency: .eur)
        #expect(throws: MoneyError.currencyMismatch) { try five.adding(euros) }
        #expect(throws: MoneyError.currencyMismatch) { try five.subtracting(euros) }
        #expect(throws: MoneyError.currencyMismatch) { try Money.sum([five, euros], currency: .usd) }
        #expect(throws: MoneyError.currencyMismatch) { try Money.sum([five], currency: .cad) }
        #expect(five != Money(cents: 500, currency: .cad))
    }

    @Test func overflowIsReportedNotWrapped() {
        let max = Money(cents: .max, currency: .usd)
        let min = Money(cents: .min, currency: .usd)
        let cent = Money(cents: 1, currency: .usd)
        #expect(throws: MoneyError.overflow) { try max.adding(cent) }
        #expect(throws: MoneyError.overflow) { try min.subtracting(cent) }
        #expect(throws: MoneyError.overflow) { try min.negated() }
        #expect(throws: MoneyError.overflow) { try Money.sum([max, cent, Money(cents: -5, currency: .usd)], currency: .usd) }
        #expect(throws: Never.self) { try max.negated() }
        #expect(!MoneyError.overflow.message.isEmpty && !MoneyError.currencyMismatch.message.isEmpty)
    }

    @Test func hashableByAmountAndCurrency() {
        let set: Set<Money> = [five, Money(cents: 500, currency: .usd), Money(cents: 500, currency: .jpy)]
        #expect(set.count == 2)
    }
}
