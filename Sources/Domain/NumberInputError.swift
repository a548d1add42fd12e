/// Why a number a user typed into a form field (an amount, a percentage, a quantity, a
/// duration) was refused. `message` is the sentence shown beside the field.
public enum NumberInputError: Error, Equatable, Sendable {
    case empty
    /// Not a number at all: letters, two decimal points, a stray sign.
    case malformed
    /// Thousands separators not every three digits ("1,23,4"): rather than guess, ask again.
    case misplacedGrouping
    case tooManyDecimals(allowed: Int)
    case negativeNotAllowed
    /// "-0" or "-0.00": almost certainly a typo, and not a value anybody means.
    case negativeZero
    /// Above the largest accepted value, shown as the user would type it ("999,999,999,999.99").
    case tooLarge(limit: String)
    case zeroNotAllowed
    /// An amount written with another currency's symbol or code ("€12" in a USD field).
    case wrongCurrency(expected: Currency)
    case malformedDuration

    public var message: String {
        switch self {
        case .empty: "Enter a value."
        case .malformed: "Enter a number like 1,234.50."
        case .misplacedGrouping: "Put a comma every three digits, like 1,234,567, or leave the commas out."
        case .tooManyDecimals(let allowed) where allowed == 0: "Enter a whole number, without decimals."
        case .tooManyDecimals(let allowed) where allowed == 1: "Use at most 1 decimal place."
        case .tooManyDecimals(let allowed): "Use at most \(allowed) decimal places."
        case .negativeNotAllowed: "Enter a number that is not negative."
        case .negativeZero: "Enter 0 without a minus sign."
        case .tooLarge(let limit): "Enter at most \(limit)."
        case .zeroNotAllowed: "Enter a number greater than zero."
        case .wrongCurrency(let expected): "Enter an amount in \(expected.code)."
        case .malformedDuration: "Enter a duration like 1:30, 1.5, 90m or 1h 30m."
        }
    }
}
