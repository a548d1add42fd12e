/// How often a recurring invoice is issued.
public enum RecurrenceFrequency: String, CaseIterable, Sendable, Hashable, Codable {
    case weekly, monthly, quarterly, yearly

    /// Months between occurrences; nil for weekly, which counts days.
    public var months: Int? {
        switch self {
        case .weekly: nil
        case .monthly: 1
        case .quarterly: 3
        case .yearly: 12
        }
    }

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
