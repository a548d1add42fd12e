/// When overdue-payment reminders go out, as days relative to an invoice's due date:
/// "-3,0,7,14,30" is three days before, on the day, then one, two and four-plus weeks late.
///
/// The reminder job may not run every day (a stopped timer, a server down for a weekend).
/// When it runs after missing some steps, only the latest step that is due is sent; the
/// earlier ones are reported as skipped so the caller records them and never sends them
/// later. A client gets one reminder per run, never a burst of stale ones.
public struct ReminderSchedule: Sendable, Hashable, CustomStringConvertible {
    public static let maxSteps = 12
    /// No step more than a year before or after the due date.
    public static let maxDaysFromDue = 365

    /// Distinct, ascending days relative to the due date (negative: before it).
    public let steps: [Int]

    /// What a due run should do: send `step`, and record `skipped` (older, never sent) as skipped.
    public struct Due: Sendable, Hashable {
        public let step: Int
        public let skipped: [Int]

        public init(step: Int, skipped: [Int]) {
            self.step = step
            self.skipped = skipped
        }
    }

    /// Steps in any order (they are sorted); at least 1, at most 12, distinct, within ±365.
    public init(steps: [Int]) throws(ReminderScheduleError) {
        guard !steps.isEmpty else { throw .empty }
        guard steps.count <= Self.maxSteps else { throw .tooManySteps(max: Self.maxSteps) }
        var seen = Set<Int>()
        for step in steps {
            guard abs(step) <= Self.maxDaysFromDue else { throw .stepOutOfRange(step, limit: Self.maxDaysFromDue) }
            guard seen.insert(step).inserted else { throw .duplicateStep(step) }
        }
        self.steps = steps.sorted()
    }

    /// "-3,0,7,14,30", spaces allowed around the commas, "+7" allowed; "7d", "1.5", "" are not.
    public init(parsing text: String) throws(ReminderScheduleError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        var steps: [Int] = []
        for piece in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let raw = piece.trimmingWhitespaceSubstring()
            var digits = raw
            if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCIIDigitCharacter),
                  let value = Int(digits) else { throw .malformedStep(String(raw)) }
            steps.append(raw.first == "-" ? -value : value)
        }
        try self.init(steps: steps)
    }

    /// The form value that parses back to this schedule: "-3,0,7,14,30".
    public var description: String { steps.map(String.init).joined(separator: ",") }

    /// Steps due by `today` (due date + step ≤ today), not sent yet, and later than every
    /// step already sent (a schedule only moves forward), oldest first.
    public func stepsDue(dueDate: CalendarDate, today: CalendarDate, alreadySent: Set<Int>) -> [Int] {
        let lastSent = alreadySent.max()
        let daysPastDue = today.daysSince(dueDate)
        return steps.filter { step in
            step <= daysPastDue && !alreadySent.contains(step) && lastSent.map { step > $0 } != false
        }
    }

    /// The one step to send now, and the due ones it supersedes; nil when nothing is due.
    public func latestStepDue(dueDate: CalendarDate, today: CalendarDate, alreadySent: Set<Int>) -> Due? {
        let due = stepsDue(dueDate: dueDate, today: today, alreadySent: alreadySent)
        guard let latest = due.last else { return nil }
        return Due(step: latest, skipped: Array(due.dropLast()))
    }
}

extension Substring {
    func trimmingWhitespaceSubstring() -> Substring {
        let trimmedFront = drop { $0.isWhitespace }
        var end = trimmedFront.endIndex
        while end > trimmedFront.startIndex, trimmedFront[trimmedFront.index(before: end)].isWhitespace {
            end = trimmedFront.index(before: end)
        }
        return trimmedFront[..<end]
    }
}
