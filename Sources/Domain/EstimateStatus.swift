/// Where an estimate is in its life. Stored as the raw value. Forward only, like invoices:
/// draft → sent → accepted or declined; an accepted estimate (or a sent one the client
/// accepted by other means) is converted into an invoice once.
public enum EstimateStatus: String, CaseIterable, Sendable, Hashable, Codable {
    case draft
    case sent
    case accepted
    case declined
    case converted

    public func canTransition(to next: EstimateStatus) -> Bool {
        switch (self, next) {
        case (.draft, .sent): true
        case (.sent, .accepted), (.sent, .declined), (.sent, .converted): true
        case (.accepted, .converted): true
        default: false
        }
    }

    /// A draft or sent estimate is expired the day after `validUntil` (valid through that
    /// day). An answered or converted estimate never expires; no `validUntil`, no expiry.
    public func isExpired(validUntil: CalendarDate?, today: CalendarDate) -> Bool {
        guard self == .draft || self == .sent, let validUntil else { return false }
        return today > validUntil
    }

    public var label: String {
        switch self {
        case .draft: "Draft"
        case .sent: "Sent"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .converted: "Converted"
        }
    }
}
