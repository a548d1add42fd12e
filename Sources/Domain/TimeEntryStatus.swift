/// Where a time entry stands in the approval workflow. Staff submit a whole week; a manager
/// approves or rejects it (with a reason); a rejected entry is fixed and submitted again.
/// Approved is final: an approved billable entry waits to be invoiced (then it is locked).
public enum TimeEntryStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case submitted
    case approved
    case rejected

    public var allowedNext: [TimeEntryStatus] {
        switch self {
        case .draft, .rejected: [.submitted]
        case .submitted: [.approved, .rejected]
        case .approved: []
        }
    }

    public func canMove(to next: TimeEntryStatus) -> Bool { allowedNext.contains(next) }

    /// Draft and rejected entries can still be edited and deleted by their person.
    public var isEditable: Bool { self == .draft || self == .rejected }

    public var label: String {
        switch self {
        case .draft: "Draft"
        case .submitted: "Submitted"
        case .approved: "Approved"
        case .rejected: "Rejected"
        }
    }
}

/// The ISO week a day belongs to, named by its Monday.
public enum Week {
    /// The Monday on or before `date` (ISO 8601 weeks start on Monday).
    public static func start(of date: CalendarDate) -> CalendarDate {
        date.adding(days: 1 - date.dayOfWeek)
    }

    /// Monday to Sunday of the week that starts on (or contains) `date`.
    public static func days(of date: CalendarDate) -> [CalendarDate] {
        let monday = start(of: date)
        return (0..<7).map { monday.adding(days: $0) }
    }
}
