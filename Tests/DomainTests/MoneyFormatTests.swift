import Testing
@testable import Domain

@Suite struct MoneyFormatTests {
    @Test(arguments: [
        (123_450, Currency.usd, "$1,234.50"), (-500, .usd, "-$5.00"), (1200, .cad, "CA$12.00"), (1200, .jpy, "¥1,200"),
        (0, .usd, "$0.00"), (1, .usd, "$0.01"), (10, .eur, "€0.10"), (99, .gbp, "£0.99"), (100_000, .aud, "A$1,000.00"),
        (12_345_678, .nzd, "NZ$123,456.78"), (-1, .jpy, "-¥1"), (0, .jpy, "¥0"), (999, .jpy, "¥999"),
        (100_000, .usd, "$1,000.00"), (99_999, .usd, "$999.99"), (99_999_999_999_999, .usd, "$999,999,999,999.99"),
        (Int64.max, .usd, "$92,233,720,368,547,758.07"), (Int64.min, .usd, "-$92,233,720,368,547,758.08"),
    ] as [(Int64, Currency, String)])
    func display(cents: Int64, currency: Currency, text: String) {
        #expect(MoneyFormat.display(cents: cents, currency: currency) == text)
        #expect(MoneyFormat.display(Money(cents: cents, currency: currency)) == text)
        #expect(Money(cents: cents, currency: currency).description == text)
    }

    @Test(arguments: [
        (123_450, Currency.usd, "1234.50"), (-500, .usd, "-5.00"), (1200, .jpy, "1200"), (0, .usd, "0.00"),
        (5, .eur, "0.05"), (-5, .eur, "-0.05"), (0, .jpy, "0"), (Int64.min, .cad, "-92233720368547758.08"),
    ] as [(Int64, Currency, String)])
    func plain(cents: Int64, currency: Currency, text: String) {
        #expect(MoneyFormat.plain(cents: cents, currency: currency) == text)
    }
}
