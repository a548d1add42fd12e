/// Amounts as people read them, and as form inputs show them back.
public enum MoneyFormat {
    /// Symbol first, thousands grouped, the currency's decimals, minus before the symbol:
    /// "$1,234.50", "-$5.00", "CA$12.00", "¥1,200". One format for every locale on purpose:
    /// invoices of one company look alike, and "CA$" is unambiguous wherever it is read.
    public static func display(cents: Int64, currency: Currency) -> String {
        // Digits written backwards into one buffer: list pages format hundreds of amounts,
        // and building the string a character at a time showed in their profiles.
        let perMajor = UInt64(currency.minorUnitsPerMajor)
        var whole = cents.magnitude / perMajor
        var minor = cents.magnitude % perMajor
        var reversed: [UInt8] = []
        reversed.reserveCapacity(32)
        if currency.minorUnitDigits > 0 {
            for _ in 0..<currency.minorUnitDigits {
                reversed.append(UInt8(ascii: "0") + UInt8(minor % 10))
                minor /= 10
            }
            reversed.append(UInt8(ascii: "."))
        }
        var digits = 0
        repeat {
            if digits > 0 && digits % 3 == 0 { reversed.append(UInt8(ascii: ",")) }
            reversed.append(UInt8(ascii: "0") + UInt8(whole % 10))
            whole /= 10
            digits += 1
        } while whole > 0
        return (cents < 0 ? "-" : "") + currency.symbol + String(decoding: reversed.reversed(), as: UTF8.self)
    }

    public static func display(_ money: Money) -> String {
        display(cents: money.cents, currency: money.currency)
    }

    /// No symbol, no grouping, always the currency's decimals: "1234.50", "-5.00", "1200".
    /// What an amount field is filled with, and `MoneyInput.parse` reads back unchanged.
    public static func plain(cents: Int64, currency: Currency) -> String {
        let (whole, fraction) = split(cents.magnitude, currency: currency)
        return (cents < 0 ? "-" : "") + whole + fraction
    }

    /// Integer digits and ".cc" (empty for zero-decimal currencies), from the magnitude so
    /// that Int64.min formats instead of trapping on negation.
    private static func split(_ magnitude: UInt64, currency: Currency) -> (String, String) {
        let perMajor = UInt64(currency.minorUnitsPerMajor)
        let whole = String(magnitude / perMajor)
        guard currency.minorUnitDigits > 0 else { return (whole, "") }
        let minor = String(magnitude % perMajor)
        let padded = String(repeating: "0", count: currency.minorUnitDigits - minor.count) + minor
        return (whole, "." + padded)
    }
}
