import Foundation
import GRDB

/// Reads the timestamps GRDB writes (`YYYY-MM-DD HH:MM:SS.SSS`, UTC) with plain arithmetic.
/// GRDB's general Date decoding goes through Calendar and cost about a tenth of a list
/// page (`make bench`); anything in another shape falls back to it.
enum DatabaseDate {
    static func decode(_ row: Row, _ column: String) -> Date? {
        guard let text: String = row[column] else { return nil }
        return parse(text) ?? row[column]
    }

    static func decodeRequired(_ row: Row, _ column: String) -> Date {
        let text: String = row[column]
        return parse(text) ?? row[column]
    }

    static func decode(_ row: Row, _ index: Int) -> Date? {
        guard let text: String = row[index] else { return nil }
        return parse(text) ?? row[index]
    }

    static func decodeRequired(_ row: Row, _ index: Int) -> Date {
        let text: String = row[index]
        return parse(text) ?? row[index]
    }

    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 19 || bytes.count == 23 else { return nil }
            func number(_ start: Int, _ length: Int) -> Int? {
                var value = 0
                for index in start..<start + length {
                    let digit = Int(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard bytes[4] == 45, bytes[7] == 45, bytes[10] == 32 || bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
                  let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
            else { return nil }
            var milliseconds = 0
            if bytes.count == 23 {
                guard bytes[19] == 46, let value = number(20, 3) else { return nil }
                milliseconds = value
            }
            let days = daysFromCivil(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
            return Date(timeIntervalSince1970: Double(seconds) + Double(milliseconds) / 1_000)
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
