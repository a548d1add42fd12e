/// What a route needs. Every route in the route table declares one; the permission matrix in
/// docs/security.md is this type written out.
public enum Permission: String, CaseIterable, Sendable {
    /// Anyone, signed in or not (sign-in page, health check).
    case anonymous
    /// Any signed-in member of the company, whatever the role.
    case signedIn
    case viewClients
    case editClients
    case deleteClients

    /// The lowest role that holds the permission; nil for `.anonymous`.
    public var minimumRole: Role? {
        switch self {
        case .anonymous: nil
        case .signedIn, .viewClients: .viewer
        case .editClients: .staff
        case .deleteClients: .manager
        }
    }

    public func isGranted(to role: Role) -> Bool {
        guard let minimumRole else { return true }
        return role >= minimumRole
    }
}
