/// An amount in integer minor units (cents; whole yen) of one currency (DESIGN.md §4).
/// Never Double. Arithmetic checks the currency and reports overflow instead of trapping,
/// so a hostile or absurd input becomes an error page, not a crashed worker.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public let cents: Int64
    public let currency: Currency

    public init(cents: Int64, currency: Currency) {
        self.cents = cents
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(cents: 0, currency: currency) }

    public var isZero: Bool { cents == 0 }
    public var isNegative: Bool { cents < 0 }

    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard other.currency == currency else { throw .currencyMismatch }
        let (result, overflow) = cents.addingReportingOverflow(other.cents)
        guard !overflow else { throw .overflow }
        return Money(cents: result, currency: currency)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        guard other.currency == currency else { throw .currencyMismatch }
        let (result, overflow) = cents.subtractingReportingOverflow(other.cents)
        guard !overflow else { throw .overflow }
        return Money(cents: result, currency: currency)
    }

    /// Throws only for Int64.min, whose negation does not fit.
    public func negated() throws(MoneyError) -> Money {
        let (result, overflow) = Int64(0).subtractingReportingOverflow(cents)
        guard !overflow else { throw .overflow }
        return Money(cents: result, currency: currency)
    }

    /// The sum of `amounts`, all of which must be in `currency`; zero for none.
    public static func sum(_ amounts: [Money], currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// As `MoneyFormat.display` shows it: "$1,234.50".
    public var description: String { MoneyFormat.display(self) }
}
