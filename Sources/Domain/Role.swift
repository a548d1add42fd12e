/// A member's role in a company. Ordered: each role can do everything the roles below it can.
public enum Role: String, CaseIterable, Sendable, Comparable, Codable {
    case viewer, staff, manager, admin, owner

    var rank: Int {
        switch self {
        case .viewer: 0
        case .staff: 1
        case .manager: 2
        case .admin: 3
        case .owner: 4
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
