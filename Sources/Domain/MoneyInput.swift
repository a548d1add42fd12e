/// Turns what a user typed into an amount field into minor units (cents).
///
/// Strict on purpose (DESIGN.md §4): a form field that guesses is how "1.234" becomes a
/// thousand dollars. Accepted: digits with an optional point and at most the currency's
/// decimals ("12", "12.5", "1234.50"), thousands commas exactly every three digits
/// ("1,234.50"), surrounding spaces, one leading currency marker ("$12", "CA$12", "USD 12"),
/// and a leading minus where the field allows negatives ("-5", "-$5", "$-5"). Refused with a
/// field message: anything else, "-0", and amounts above 999,999,999,999.99 (or ¥999,999,999,999).
public enum MoneyInput {
    /// The largest amount in major units; with cents it is 99,999,999,999,999 minor units,
    /// far inside Int64 so that sums of many such amounts are checked rather than wrapped.
    public static let maxMajorUnits: Int64 = 999_999_999_999

    /// The largest accepted amount in minor units for the currency.
    public static func maxMinorUnits(for currency: Currency) -> Int64 {
        (maxMajorUnits + 1) * currency.minorUnitsPerMajor - 1
    }

    public static func parse(_ text: String, currency: Currency,
                             allowNegative: Bool = false) throws(NumberInputError) -> Int64 {
        var rest = Substring(text.trimmingWhitespace().uppercased())
        guard !rest.isEmpty else { throw .empty }

        var negative = takeMinus(&rest)
        if let marker = markers.first(where: { rest.hasPrefix($0.text) }) {
            guard marker.currencies.contains(currency) else { throw .wrongCurrency(expected: currency) }
            rest = rest.dropFirst(marker.text.count).drop { $0 == " " }
            if !negative { negative = takeMinus(&rest) }
        }
        let decimal = try DecimalText.parse(rest, allowGrouping: true)
        let limit = maxMinorUnits(for: currency)
        let cents = try decimal.scaled(decimals: currency.minorUnitDigits, limit: limit,
                                       limitText: MoneyFormat.display(cents: limit, currency: currency))
        guard negative else { return cents }
        guard cents != 0 else { throw .negativeZero }
        guard allowNegative else { throw .negativeNotAllowed }
        return -cents
    }

    /// nil for an empty or blank field (an optional amount left out); otherwise as `parse`.
    public static func parseOptional(_ text: String, currency: Currency,
                                     allowNegative: Bool = false) throws(NumberInputError) -> Int64? {
        if text.trimmingWhitespace().isEmpty { return nil }
        return try parse(text, currency: currency, allowNegative: allowNegative)
    }

    private static func takeMinus(_ text: inout Substring) -> Bool {
        guard text.first == "-" else { return false }
        text = text.dropFirst()
        return true
    }

    /// Symbols and codes a user may put before an amount, longest first so that "CA$" is not
    /// read as "C" plus "A$". A bare "$" is the field's own dollar: the currency is already
    /// chosen on the document, and people in Canada or Australia type "$" too.
    private static let markers: [(text: String, currencies: Set<Currency>)] = {
        var list: [(text: String, currencies: Set<Currency>)] = [
            ("US$", [.usd]), ("CA$", [.cad]), ("C$", [.cad]), ("AU$", [.aud]), ("A$", [.aud]), ("NZ$", [.nzd]),
            ("$", [.usd, .cad, .aud, .nzd]), ("€", [.eur]), ("£", [.gbp]), ("¥", [.jpy]), ("￥", [.jpy]),
        ]
        list += Currency.allCases.map { ($0.code, [$0]) }
        return list.sorted { $0.text.count > $1.text.count }
    }()
}
