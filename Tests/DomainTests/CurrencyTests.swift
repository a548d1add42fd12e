import Testing
@testable import Domain

@Suite struct CurrencyTests {
    @Test func codesAreCaseInsensitiveAndStrict() {
        #expect(Currency(code: "USD") == .usd)
        #expect(Currency(code: "usd") == .usd)
        #expect(Currency(code: "Cad") == .cad)
        #expect(Currency(code: "JPY") == .jpy)
        #expect(Currency(code: "") == nil)
        #expect(Currency(code: "US") == nil)
        #expect(Currency(code: "CHF") == nil)
        #expect(Currency(code: " USD") == nil)
        #expect(Currency(code: "ＵＳＤ") == nil)
        #expect(Currency.allCases.allSatisfy { Currency(code: $0.code) == $0 })
        #expect(Currency.allCases.map(\.code) == ["USD", "CAD", "EUR", "GBP", "AUD", "NZD", "JPY"])
    }

    @Test func minorUnitsAndSymbols() {
        #expect(Currency.jpy.minorUnitDigits == 0)
        #expect(Currency.jpy.minorUnitsPerMajor == 1)
        #expect(Currency.allCases.filter { $0 != .jpy }.allSatisfy { $0.minorUnitDigits == 2 && $0.minorUnitsPerMajor == 100 })
        #expect(Currency.allCases.map(\.symbol) == ["$", "CA$", "€", "£", "A$", "NZ$", "¥"])
    }
}
