/// A non-negative decimal number as a user typed it: ASCII digits, optionally grouped by
/// commas every three digits, optionally a point and a fraction. The input parsers share it
/// so that "12.5" means the same thing in every field. Signs, symbols and units are the
/// callers' business.
struct DecimalText: Equatable, Sendable {
    /// Digit values of the integer part, leading zeros removed (empty for zero).
    let integerDigits: [Int64]
    /// Digit values after the point, as typed (trailing zeros kept: "1.50" has two).
    let fractionDigits: [Int64]

    var isZero: Bool { integerDigits.isEmpty && fractionDigits.allSatisfy { $0 == 0 } }

    /// ".5" is accepted (it can only mean one thing); "12." is not (it looks cut off).
    static func parse(_ text: Substring, allowGrouping: Bool) throws(NumberInputError) -> DecimalText {
        let bytes = Array(text.utf8)
        let point = UInt8(ascii: "."), comma = UInt8(ascii: ",")
        let points = bytes.indices.filter { bytes[$0] == point }
        guard points.count <= 1 else { throw .malformed }
        let integerPart = points.first.map { Array(bytes[..<$0]) } ?? bytes
        let fractionPart = points.first.map { Array(bytes[($0 + 1)...]) } ?? []

        guard !integerPart.isEmpty || !fractionPart.isEmpty else { throw .malformed }
        if points.count == 1 && fractionPart.isEmpty { throw .malformed }
        guard fractionPart.allSatisfy(isDigit),
              integerPart.allSatisfy({ isDigit($0) || $0 == comma }),
              integerPart.contains(where: isDigit) || integerPart.isEmpty else { throw .malformed }

        if integerPart.contains(comma) {
            guard allowGrouping else { throw .malformed }
            let groups = integerPart.split(separator: comma, omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count), first.first != UInt8(ascii: "0"),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { throw .misplacedGrouping }
        }
        let digits = integerPart.filter(isDigit).map { Int64($0 - UInt8(ascii: "0")) }
        return DecimalText(integerDigits: Array(digits.drop { $0 == 0 }),
                           fractionDigits: fractionPart.map { Int64($0 - UInt8(ascii: "0")) })
    }

    /// The number times 10^`decimals` (so "12.5" with 2 decimals is 1250), refused above `limit`.
    func scaled(decimals: Int, limit: Int64, limitText: String) throws(NumberInputError) -> Int64 {
        guard fractionDigits.count <= decimals else { throw .tooManyDecimals(allowed: decimals) }
        // 18 digits always fit in an Int64; anything longer is over every limit we use.
        guard integerDigits.count + decimals <= 18 else { throw .tooLarge(limit: limitText) }
        var value: Int64 = 0
        for digit in integerDigits { value = value * 10 + digit }
        for index in 0..<decimals {
            value = value * 10 + (index < fractionDigits.count ? fractionDigits[index] : 0)
        }
        guard value <= limit else { throw .tooLarge(limit: limitText) }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
