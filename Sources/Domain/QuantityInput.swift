/// Turns a typed quantity ("3", "1.5", "1,000") into thousandths (1500), the unit line
/// quantities are stored in: three decimals are enough for hours to the second-ish and
/// for metered units, and keep `quantity × price` an integer computation.
public enum QuantityInput {
    /// No line bills more than a million units; past that a typo is far likelier than an order.
    public static let maxThousandths: Int64 = 1_000_000_000

    public static func parseThousandths(_ text: String, allowNegative: Bool = false,
                                        allowZero: Bool = false) throws(NumberInputError) -> Int64 {
        var rest = Substring(text.trimmingWhitespace())
        guard !rest.isEmpty else { throw .empty }
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let value = try DecimalText.parse(rest, allowGrouping: true)
            .scaled(decimals: 3, limit: maxThousandths, limitText: "1,000,000")
        if negative && value == 0 { throw .negativeZero }
        if negative && !allowNegative { throw .negativeNotAllowed }
        if value == 0 && !allowZero { throw .zeroNotAllowed }
        return negative ? -value : value
    }
}
