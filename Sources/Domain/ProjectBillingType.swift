/// How a project is billed: by the hour at its rate, one fixed fee, or not at all (internal work).
public enum ProjectBillingType: String, CaseIterable, Sendable, Codable {
    case hourly
    case fixedFee = "fixed_fee"
    case nonBillable = "non_billable"

    public var label: String {
        switch self {
        case .hourly: "Hourly"
        case .fixedFee: "Fixed fee"
        case .nonBillable: "Non-billable"
        }
    }
}
