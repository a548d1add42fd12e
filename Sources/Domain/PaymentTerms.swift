/// When an invoice is due: a number of days after its issue date ("Net 30"), or on receipt.
public struct PaymentTerms: Sendable, Hashable {
    public static let maxNetDays = 365
    public static let dueOnReceipt = PaymentTerms(unchecked: 0)

    public let netDays: Int

    /// nil outside 0…365 days: longer terms are a typo, not a deal anyone offers.
    public init?(netDays: Int) {
        guard (0...Self.maxNetDays).contains(netDays) else { return nil }
        self.netDays = netDays
    }

    private init(unchecked netDays: Int) { self.netDays = netDays }

    public func dueDate(issuedOn: CalendarDate) -> CalendarDate {
        issuedOn.adding(days: netDays)
    }

    /// "Net 30", "Due on receipt".
    public var label: String { netDays == 0 ? "Due on receipt" : "Net \(netDays)" }
}
