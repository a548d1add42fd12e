/// Where an invoice is in its life. Stored as the raw value.
///
/// Status only moves forward (DESIGN.md §4, the locked financial rules):
/// draft → sent → partially paid → paid, and sent → void while no money has touched the
/// invoice. Nothing ever goes back: an overpayment refunded or a credit note does not
/// reopen a paid invoice (those are their own records). A draft was never issued, so it is
/// deleted, not voided, and its number (if allocated at sending) was never used.
public enum InvoiceStatus: String, CaseIterable, Sendable, Hashable, Codable {
    case draft
    case sent
    case partiallyPaid = "partially_paid"
    case paid
    case void

    /// Whether moving from this status to `next` is allowed. `hasMoneyApplied`: any payment,
    /// credit note or client credit has been applied to the invoice, which then cannot be voided.
    public func canTransition(to next: InvoiceStatus, hasMoneyApplied: Bool) -> Bool {
        switch (self, next) {
        case (.draft, .sent): true
        case (.sent, .partiallyPaid), (.sent, .paid): true
        case (.sent, .void): !hasMoneyApplied
        case (.partiallyPaid, .paid): true
        default: false
        }
    }

    /// Money fields, client, dates and lines can no longer change (a trigger enforces it too).
    public var isLocked: Bool { self != .draft }

    /// Only drafts are deleted; an issued invoice is voided or paid, never removed.
    public var isDeletable: Bool { self == .draft }

    public var label: String {
        switch self {
        case .draft: "Draft"
        case .sent: "Sent"
        case .partiallyPaid: "Partially paid"
        case .paid: "Paid"
        case .void: "Void"
        }
    }
}
