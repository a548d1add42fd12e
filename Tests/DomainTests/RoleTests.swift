import Testing
@testable import Domain

@Suite("Role")
struct RoleTests {
    @Test func rolesAreOrderedFromViewerToOwner() {
        #expect(Role.allCases == [.viewer, .staff, .manager, .admin, .owner])
        #expect(Role.allCases.sorted() == [.viewer, .staff, .manager, .admin, .owner])
        #expect(Role.viewer < .staff)
        #expect(Role.staff < .manager)
        #expect(Role.manager < .admin)
        #expect(Role.admin < .owner)
        #expect(!(Role.owner < .owner))
        #expect(Role.owner >= .owner)
        #expect(Role.owner > .viewer)
    }

    @Test func comparisonIsAStrictTotalOrder() {
        for a in Role.allCases {
            for b in Role.allCases {
                let index = (Role.allCases.firstIndex(of: a)!, Role.allCases.firstIndex(of: b)!)
                #expect((a < b) == (index.0 < index.1), "\(a) < \(b)")
            }
        }
    }

    @Test func rawValuesAndLabels() {
        #expect(Role.allCases.map(\.rawValue) == ["viewer", "staff", "manager", "admin", "owner"])
        #expect(Role.allCases.map(\.label) == ["Viewer", "Staff", "Manager", "Admin", "Owner"])
        #expect(Role(rawValue: "Owner") == nil)
        #expect(Role(rawValue: "owner") == .owner)
    }
}
