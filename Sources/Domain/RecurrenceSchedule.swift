/// When a recurring invoice is issued: from `start`, every week / month / quarter / year,
/// until `end` (inclusive) if there is one.
///
/// Month-based dates are always computed from `start`, never from the previous date, and
/// clamped to short months: a schedule starting Jan 31 issues on Feb 28 (29), Mar 31,
/// Apr 30 … rather than drifting to the 28th forever.
public struct RecurrenceSchedule: Sendable, Hashable {
    /// At most this many dates per call, so a schedule left unprocessed for years (or a
    /// bad `after`) cannot produce a runaway loop; the caller continues from the last one.
    public static let maxOccurrencesPerCall = 500

    public let frequency: RecurrenceFrequency
    public let start: CalendarDate
    public let end: CalendarDate?

    /// An `end` before `start` gives a schedule with no occurrences.
    public init(frequency: RecurrenceFrequency, start: CalendarDate, end: CalendarDate? = nil) {
        self.frequency = frequency
        self.start = start
        self.end = end
    }

    /// The `index`-th date of the schedule (0 is `start`).
    public func occurrence(_ index: Int) -> CalendarDate {
        if let months = frequency.months { return start.adding(months: index * months) }
        return start.adding(days: index * 7)
    }

    /// The dates due by `limit` (inclusive) and strictly after `after` (the last date already
    /// issued, if any), oldest first, at most `maxOccurrencesPerCall` of them.
    public func occurrences(dueOnOrBefore limit: CalendarDate, after: CalendarDate?) -> [CalendarDate] {
        let last = end.map { min($0, limit) } ?? limit
        var index = after.map(firstIndex(after:)) ?? 0
        var dates: [CalendarDate] = []
        while dates.count < Self.maxOccurrencesPerCall {
            let date = occurrence(index)
            guard date <= last else { break }
            dates.append(date)
            index += 1
        }
        return dates
    }

    /// The first index whose date is after `date`, found without walking from `start`.
    private func firstIndex(after date: CalendarDate) -> Int {
        guard date >= start else { return 0 }
        var index: Int
        if let months = frequency.months {
            let elapsed = (date.year - start.year) * 12 + (date.month - start.month)
            index = max(0, elapsed / months - 1)
        } else {
            index = max(0, date.daysSince(start) / 7 - 1)
        }
        while occurrence(index) <= date { index += 1 }
        return index
    }
}
