/// Turns a typed percentage ("8.25", "8.25%", "8.25 %") into thousandths of a percent
/// (8250), the unit tax rates and percentage discounts are stored in. Three decimals cover
/// every sales tax rate in use (e.g. 9.975 % QST); 0 % is allowed (zero-rated), 100 % is the most.
public enum PercentInput {
    public static let maxMilliPercent = 100_000

    public static func parseMilliPercent(_ text: String) throws(NumberInputError) -> Int {
        var rest = Substring(text.trimmingWhitespace())
        guard !rest.isEmpty else { throw .empty }
        if rest.last == "%" {
            rest = rest.dropLast()
            while rest.last == " " { rest = rest.dropLast() }
        }
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let value = try DecimalText.parse(rest, allowGrouping: false)
            .scaled(decimals: 3, limit: Int64(maxMilliPercent), limitText: "100%")
        guard negative else { return Int(value) }
        throw value == 0 ? .negativeZero : .negativeNotAllowed
    }
}
