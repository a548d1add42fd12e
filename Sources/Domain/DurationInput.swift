/// Turns a typed duration into whole minutes, for time entries.
///
/// Accepted forms: clock time "1:30" (minutes 00–59), decimal hours "1.5" (a bare number is
/// hours, as on a timesheet; at most 2 decimals, rounded to the nearest minute, half up), and
/// units "90m", "2h", "1.5h", "1h 30m" (also "hr", "hrs", "min", "mins"; case ignored).
/// A duration is more than zero and at most 24 hours: an entry is one sitting on one day,
/// and a zero or a 90-hour entry is a typo.
public enum DurationInput {
    public static let maxMinutes = 24 * 60

    public static func parseMinutes(_ text: String) throws(NumberInputError) -> Int {
        let clean = text.trimmingWhitespace().lowercased()
        guard !clean.isEmpty else { throw .empty }
        guard clean.first != "-" else { throw .negativeNotAllowed }

        let minutes: Int64
        if clean.contains(":") {
            minutes = try clockMinutes(Substring(clean))
        } else if clean.last.map({ $0.isLetter }) == true {
            minutes = try unitMinutes(Substring(clean))
        } else {
            minutes = try decimalHourMinutes(Substring(clean))
        }
        guard minutes > 0 else { throw .zeroNotAllowed }
        guard minutes <= Int64(maxMinutes) else { throw .tooLarge(limit: "24 hours") }
        return Int(minutes)
    }

    /// Far above 24 hours but small enough that minutes never overflow.
    private static let sanityLimit: Int64 = 1_000_000_000

    private static func number(_ text: Substring, decimals: Int) throws(NumberInputError) -> Int64 {
        do {
            return try DecimalText.parse(text, allowGrouping: false)
                .scaled(decimals: decimals, limit: sanityLimit, limitText: "24 hours")
        } catch .tooManyDecimals(let allowed) {
            throw .tooManyDecimals(allowed: allowed)
        } catch .tooLarge(let limit) {
            throw .tooLarge(limit: limit)
        } catch {
            throw .malformedDuration
        }
    }

    private static func clockMinutes(_ text: Substring) throws(NumberInputError) -> Int64 {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }) else { throw .malformedDuration }
        let hours = try number(parts[0], decimals: 0)
        let minutes = try number(parts[1], decimals: 0)
        guard minutes < 60 else { throw .malformedDuration }
        return hours * 60 + minutes
    }

    private static func decimalHourMinutes(_ text: Substring) throws(NumberInputError) -> Int64 {
        let hundredths = try number(text, decimals: 2)
        return (hundredths * 60 + 50) / 100
    }

    private static let hourUnits: Set<Substring> = ["h", "hr", "hrs", "hour", "hours"]
    private static let minuteUnits: Set<Substring> = ["m", "min", "mins", "minute", "minutes"]

    /// "2h", "90m", "1.5h", "1h 30m", "1h30m".
    private static func unitMinutes(_ text: Substring) throws(NumberInputError) -> Int64 {
        var parts: [(value: Substring, unit: Substring)] = []
        var rest = text
        while !rest.isEmpty {
            let value = rest.prefix { $0.isASCIIDigitCharacter || $0 == "." }
            rest = rest.dropFirst(value.count).drop { $0 == " " }
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count).drop { $0 == " " }
            guard !value.isEmpty, !unit.isEmpty, parts.count < 2 else { throw .malformedDuration }
            parts.append((value, unit))
        }
        switch parts.count {
        case 1 where hourUnits.contains(parts[0].unit):
            return try decimalHourMinutes(parts[0].value)
        case 1 where minuteUnits.contains(parts[0].unit):
            return try number(parts[0].value, decimals: 0)
        case 2 where hourUnits.contains(parts[0].unit) && minuteUnits.contains(parts[1].unit):
            let hours = try number(parts[0].value, decimals: 0)
            let minutes = try number(parts[1].value, decimals: 0)
            guard minutes < 60 else { throw .malformedDuration }
            return hours * 60 + minutes
        default:
            throw .malformedDuration
        }
    }
}

extension Character {
    /// 0–9 only: `isNumber` would also let through other scripts' digits and fractions like "½".
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
