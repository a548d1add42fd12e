import Testing
@testable import Domain

@Suite("Permission")
struct PermissionTests {
    /// The whole matrix, written out: the roles that hold each permission.
    static let expected: [Permission: Set<Role>] = [
        .anonymous: [.viewer, .staff, .manager, .admin, .owner],
        .signedIn: [.viewer, .staff, .manager, .admin, .owner],
        .viewClients: [.viewer, .staff, .manager, .admin, .owner],
        .editClients: [.staff, .manager, .admin, .owner],
        .deleteClients: [.manager, .admin, .owner],
        .viewInvoices: [.viewer, .staff, .manager, .admin, .owner],
        .editInvoices: [.staff, .manager, .admin, .owner],
        .sendInvoices: [.manager, .admin, .owner],
        .voidInvoices: [.admin, .owner],
        .viewEstimates: [.viewer, .staff, .manager, .admin, .owner],
        .editEstimates: [.staff, .manager, .admin, .owner],
        .sendEstimates: [.manager, .admin, .owner],
        .manageMail: [.admin, .owner],
        .manageLockouts: [.admin, .owner],
        .viewCSPReports: [.admin, .owner],
        .viewAuditLog: [.owner],
        .manageMembers: [.admin, .owner],
        .viewProjects: [.viewer, .staff, .manager, .admin, .owner],
        .editProjects: [.manager, .admin, .owner],
        .manageCatalog: [.admin, .owner],
        .manageTaxRates: [.admin, .owner],
        .viewTime: [.viewer, .staff, .manager, .admin, .owner],
        .trackTime: [.staff, .manager, .admin, .owner],
        .approveTime: [.manager, .admin, .owner],
        .viewExpenses: [.viewer, .staff, .manager, .admin, .owner],
        .recordExpenses: [.staff, .manager, .admin, .owner],
        .manageExpenses: [.manager, .admin, .owner],
        .manageReminders: [.admin, .owner],
        .manageCompany: [.admin, .owner],
    ]

    @Test func theMatrixCoversEveryPermission() {
        #expect(Set(Permission.allCases) == Set(Self.expected.keys))
    }

    @Test(arguments: Permission.allCases, Role.allCases)
    func isGranted(permission: Permission, role: Role) throws {
        let holders = try #require(Self.expected[permission])
        #expect(permission.isGranted(to: role) == holders.contains(role))
    }

    @Test func minimumRoles() {
        #expect(Permission.anonymous.minimumRole == nil)
        #expect(Permission.signedIn.minimumRole == .viewer)
        #expect(Permission.viewClients.minimumRole == .viewer)
        #expect(Permission.editClients.minimumRole == .staff)
        #expect(Permission.deleteClients.minimumRole == .manager)
        #expect(Permission.manageMail.minimumRole == .admin)
        #expect(Permission.manageLockouts.minimumRole == .admin)
        #expect(Permission.viewCSPReports.minimumRole == .admin)
        #expect(Permission.viewAuditLog.minimumRole == .owner)
    }

    @Test(arguments: Permission.allCases)
    func aPermissionHeldByARoleIsHeldByEveryHigherRole(permission: Permission) {
        for (lower, higher) in zip(Role.allCases, Role.allCases.dropFirst()) where permission.isGranted(to: lower) {
            #expect(permission.isGranted(to: higher), "\(permission) granted to \(lower) but not to \(higher)")
        }
    }
}
