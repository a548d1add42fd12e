import Testing
@testable import Domain

@Suite("MoneyInput.parse")
struct MoneyInputTests {
    @Test(arguments: [
        ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("1,234.50", 123_450), ("1234.50", 123_450),
        ("$12", 1200), (" 12 ", 1200), ("\t$ 12.05\n", 1205), ("0", 0), ("0.00", 0), (".5", 50), ("0.01", 1),
        ("USD 12", 1200), ("usd12", 1200), ("US$12", 1200), ("1,000,000", 100_000_000), ("007", 700),
        ("999,999,999,999.99", 99_999_999_999_999), ("999999999999.99", 99_999_999_999_999),
        ("000000000000000000000001.00", 100),
    ] as [(String, Int64)])
    func acceptsUSDAmounts(text: String, cents: Int64) throws {
        #expect(try MoneyInput.parse(text, currency: .usd) == cents)
    }

    @Test func otherCurrenciesAcceptTheirOwnMarkers() throws {
        #expect(try MoneyInput.parse("CA$12", currency: .cad) == 1200)
        #expect(try MoneyInput.parse("ca$12", currency: .cad) == 1200)
        #expect(try MoneyInput.parse("C$12", currency: .cad) == 1200)
        #expect(try MoneyInput.parse("$12", currency: .cad) == 1200)
        #expect(try MoneyInput.parse("CAD 12.30", currency: .cad) == 1230)
        #expect(try MoneyInput.parse("A$7.5", currency: .aud) == 750)
        #expect(try MoneyInput.parse("AU$7.5", currency: .aud) == 750)
        #expect(try MoneyInput.parse("NZ$1,000", currency: .nzd) == 100_000)
        #expect(try MoneyInput.parse("€9.99", currency: .eur) == 999)
        #expect(try MoneyInput.parse("£0.10", currency: .gbp) == 10)
        #expect(try MoneyInput.parse("¥1,200", currency: .jpy) == 1200)
        #expect(try MoneyInput.parse("1200", currency: .jpy) == 1200)
        #expect(try MoneyInput.parse("JPY 5", currency: .jpy) == 5)
    }

    @Test func anotherCurrencysMarkerIsRefused() {
        #expect(throws: NumberInputError.wrongCurrency(expected: .usd)) { try MoneyInput.parse("CA$12", currency: .usd) }
        #expect(throws: NumberInputError.wrongCurrency(expected: .usd)) { try MoneyInput.parse("€12", currency: .usd) }
        #expect(throws: NumberInputError.wrongCurrency(expected: .usd)) { try MoneyInput.parse("EUR 12", currency: .usd) }
        #expect(throws: NumberInputError.wrongCurrency(expected: .cad)) { try MoneyInput.parse("US$12", currency: .cad) }
        #expect(throws: NumberInputError.wrongCurrency(expected: .nzd)) { try MoneyInput.parse("A$12", currency: .nzd) }
        #expect(throws: NumberInputError.wrongCurrency(expected: .eur)) { try MoneyInput.parse("$12", currency: .eur) }
        #expect(throws: NumberInputError.wrongCurrency(expected: .jpy)) { try MoneyInput.parse("£12", currency: .jpy) }
    }

    @Test(arguments: [
        ("1.2.3", NumberInputError.malformed), ("abc", .malformed), ("12a", .malformed), ("1 234", .malformed),
        ("12.", .malformed), (".", .malformed), ("$", .malformed), ("-", .malformed), ("--5", .malformed),
        ("+5", .malformed), ("1e3", .malformed), ("0x10", .malformed), ("12.3,4", .malformed), ("12 USD", .malformed),
        ("(5.00)", .malformed), ("١٢", .malformed), ("1.234,50", .malformed), ("$$12", .malformed), (",", .malformed),
        ("1,23,4", .misplacedGrouping), ("12,34", .misplacedGrouping), ("1,2345", .misplacedGrouping),
        (",123", .misplacedGrouping), ("1,,234", .misplacedGrouping), ("123,", .misplacedGrouping),
        ("0,123", .misplacedGrouping), ("1234,567", .misplacedGrouping),
        ("12.345", .tooManyDecimals(allowed: 2)), ("0.001", .tooManyDecimals(allowed: 2)),
        ("12.500", .tooManyDecimals(allowed: 2)),
        ("", .empty), ("   ", .empty), ("\n\t", .empty),
        ("-5", .negativeNotAllowed), ("-$5", .negativeNotAllowed),
        ("-0", .negativeZero), ("-0.00", .negativeZero), ("$-0", .negativeZero),
        ("1,000,000,000,000", .tooLarge(limit: "$999,999,999,999.99")),
        ("1000000000000.00", .tooLarge(limit: "$999,999,999,999.99")),
        ("99999999999999999999999999", .tooLarge(limit: "$999,999,999,999.99")),
    ] as [(String, NumberInputError)])
    func refusesWithAFieldMessage(text: String, error: NumberInputError) {
        #expect(throws: error) { try MoneyInput.parse(text, currency: .usd) }
        #expect(!error.message.isEmpty)
    }

    @Test func negativesWhenAllowed() throws {
        #expect(try MoneyInput.parse("-5", currency: .usd, allowNegative: true) == -500)
        #expect(try MoneyInput.parse("-$5.25", currency: .usd, allowNegative: true) == -525)
        #expect(try MoneyInput.parse("$-5.25", currency: .usd, allowNegative: true) == -525)
        #expect(try MoneyInput.parse(" -$ 5 ", currency: .usd, allowNegative: true) == -500)
        #expect(throws: NumberInputError.malformed) { try MoneyInput.parse("- 5", currency: .usd, allowNegative: true) }
        #expect(try MoneyInput.parse("-999,999,999,999.99", currency: .usd, allowNegative: true) == -99_999_999_999_999)
        #expect(throws: NumberInputError.negativeZero) { try MoneyInput.parse("-0.00", currency: .usd, allowNegative: true) }
        #expect(throws: NumberInputError.malformed) { try MoneyInput.parse("-$-5", currency: .usd, allowNegative: true) }
        #expect(throws: NumberInputError.tooLarge(limit: "$999,999,999,999.99")) {
            try MoneyInput.parse("-1000000000000", currency: .usd, allowNegative: true)
        }
    }

    @Test func yenHasNoDecimals() throws {
        #expect(throws: NumberInputError.tooManyDecimals(allowed: 0)) { try MoneyInput.parse("12.5", currency: .jpy) }
        #expect(throws: NumberInputError.tooManyDecimals(allowed: 0)) { try MoneyInput.parse("1200.0", currency: .jpy) }
        #expect(try MoneyInput.parse("999,999,999,999", currency: .jpy) == 999_999_999_999)
        #expect(throws: NumberInputError.tooLarge(limit: "¥999,999,999,999")) {
            try MoneyInput.parse("1,000,000,000,000", currency: .jpy)
        }
        #expect(MoneyInput.maxMinorUnits(for: .jpy) == 999_999_999_999)
        #expect(MoneyInput.maxMinorUnits(for: .usd) == 99_999_999_999_999)
    }

    @Test func optionalFieldsMayBeLeftBlank() throws {
        #expect(try MoneyInput.parseOptional("", currency: .usd) == nil)
        #expect(try MoneyInput.parseOptional("  \t ", currency: .usd) == nil)
        #expect(try MoneyInput.parseOptional("$3", currency: .usd) == 300)
        #expect(try MoneyInput.parseOptional("-3", currency: .usd, allowNegative: true) == -300)
        #expect(throws: NumberInputError.malformed) { try MoneyInput.parseOptional("x", currency: .usd) }
    }

    @Test func plainFormatRoundTripsForEveryCurrency() throws {
        let samples: [Int64] = [0, 1, 5, 99, 100, 105, 123_456, 99_999_999_999_999]
        for currency in Currency.allCases {
            for cents in samples where cents <= MoneyInput.maxMinorUnits(for: currency) {
                #expect(try MoneyInput.parse(MoneyFormat.plain(cents: cents, currency: currency), currency: currency) == cents)
                #expect(try MoneyInput.parse(MoneyFormat.display(cents: cents, currency: currency), currency: currency) == cents)
                if cents > 0 {
                    #expect(try MoneyInput.parse(MoneyFormat.display(cents: -cents, currency: currency),
                                                 currency: currency, allowNegative: true) == -cents)
                }
            }
        }
    }
}
