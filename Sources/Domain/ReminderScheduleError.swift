/// Why a reminder schedule typed into the settings form was refused.
public enum ReminderScheduleError: Error, Equatable, Sendable {
    case empty
    /// A step that is not a whole number of days, e.g. "7d" or "1.5".
    case malformedStep(String)
    case tooManySteps(max: Int)
    case duplicateStep(Int)
    /// Outside −`limit`…`limit` days from the due date.
    case stepOutOfRange(Int, limit: Int)

    public var message: String {
        switch self {
        case .empty: "Enter the days to send reminders on, like -3,0,7,14,30."
        case .malformedStep(let step): "\"\(step)\" is not a whole number of days; enter days like -3,0,7,14,30."
        case .tooManySteps(let max): "Enter at most \(max) reminder days."
        case .duplicateStep(let step): "Day \(step) is listed twice."
        case .stepOutOfRange(let step, let limit): "Day \(step) is too far from the due date; use -\(limit) to \(limit)."
        }
    }
}
