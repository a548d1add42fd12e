/// What a user typed into the time entry form. The duration is either typed ("1:30", "1.5",
/// "90m", through `DurationInput`) or given as start and end times on the entry's date
/// ("09:00" and "10:30"); start and end win when both are given. Times are wall-clock times
/// of the entry's date (UTC until companies have a time zone; see docs/decisions.md).
public struct TimeEntryDraft: Sendable, Equatable {
    public var projectId: String
    public var serviceId: String
    public var userId: String
    public var date: String
    public var duration: String
    public var startTime: String
    public var endTime: String
    public var notes: String
    /// The checkbox; a non-billable project makes every entry non-billable whatever it says.
    public var billable: Bool

    public struct Valid: Sendable, Equatable {
        public let projectId: Int64
        public let serviceId: Int64
        /// nil: the person entering it.
        public let userId: Int64?
        public let date: CalendarDate
        public let minutes: Int
        /// Minutes after midnight of `date`, when given as start and end.
        public let startMinute: Int?
        public let endMinute: Int?
        public let notes: String
        public let billable: Bool

        public var weekStart: CalendarDate { Week.start(of: date) }
    }

    public init(projectId: String = "", serviceId: String = "", userId: String = "", date: String = "",
                duration: String = "", startTime: String = "", endTime: String = "", notes: String = "",
                billable: Bool = true) {
        self.projectId = projectId
        self.serviceId = serviceId
        self.userId = userId
        self.date = date
        self.duration = duration
        self.startTime = startTime
        self.endTime = endTime
        self.notes = notes
        self.billable = billable
    }

    public func validated() -> Result<Valid, ValidationErrors> {
        var errors = ValidationErrors()
        func requiredId(_ text: String, field: String, missing: String) -> Int64? {
            switch DraftChecks.id(text, field: field, into: &errors) {
            case .some(.some(let id)): return id
            case .some(.none): errors.add(field, missing)
            case .none: break
            }
            return nil
        }
        let project = requiredId(projectId, field: "project_id", missing: "Choose the project.")
        let service = requiredId(serviceId, field: "service_id", missing: "Choose the service.")
        var person: Int64?
        if case .some(.some(let id)) = DraftChecks.id(userId, field: "user_id", into: &errors) { person = id }
        let day = CalendarDate(parsing: date.trimmingWhitespace())
        if day == nil {
            errors.add("date", date.trimmingWhitespace().isEmpty ? "Enter the date." : "Enter a date like 2026-11-30.")
        }
        var minutes: Int?
        var start: Int?
        var end: Int?
        let startText = startTime.trimmingWhitespace(), endText = endTime.trimmingWhitespace()
        if !startText.isEmpty || !endText.isEmpty {
            start = Self.clockMinute(startText)
            end = Self.clockMinute(endText)
            if start == nil { errors.add("start_time", startText.isEmpty ? "Enter the start time too." : "Enter a time like 09:00.") }
            if end == nil { errors.add("end_time", endText.isEmpty ? "Enter the end time too." : "Enter a time like 17:30.") }
            if let start, let end {
                if end <= start { errors.add("end_time", "The end must be after the start.") } else { minutes = end - start }
            }
        } else {
            do throws(NumberInputError) {
                minutes = try DurationInput.parseMinutes(duration)
            } catch .empty {
                errors.add("duration", "Enter how long, like 1:30 or 1.5, or a start and end time.")
            } catch {
                errors.add("duration", error.message)
            }
        }
        let cleanNotes = notes.trimmingWhitespace()
        DraftChecks.long(cleanNotes, field: "notes", label: "Notes", into: &errors)
        guard errors.isEmpty, let project, let service, let day, let minutes else { return .failure(errors) }
        return .success(Valid(projectId: project, serviceId: service, userId: person, date: day, minutes: minutes,
                              startMinute: start, endMinute: end, notes: cleanNotes, billable: billable))
    }

    /// "09:00", "9:00", "23:59" and "24:00" (the end of the day) → minutes after midnight.
    public static func clockMinute(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60 else { return nil }
        guard hours < 24 || (hours == 24 && minutes == 0) else { return nil }
        return hours * 60 + minutes
    }

    /// 570 → "09:30".
    public static func clockText(minute: Int) -> String {
        let hours = minute / 60, rest = minute % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }
}
