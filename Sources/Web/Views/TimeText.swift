import Foundation

/// Times as the security pages show them: `2026-11-22 14:05:09 UTC` (per-company time zones
/// are a later capability).
enum TimeText {
    static func utc(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeSeparator: .colon,
                                            timeZoneSeparator: .omitted, includingFractionalSeconds: false, timeZone: .gmt)
        let text = date.formatted(style)
        return text.hasSuffix("Z") ? String(text.dropLast()) + " UTC" : text
    }

    /// "in 4 min" / "in 1 h 2 min": how long until a lock ends.
    static func remaining(from now: Date, to end: Date) -> String {
        let minutes = max(1, Int((end.timeIntervalSince(now) / 60).rounded(.up)))
        return minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
