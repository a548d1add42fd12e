import App
import Domain
import Foundation
import Testing
@testable import Web

/// Issue 3, point 8: walks `Routes.all` and, for every route with a permission, signs in as
/// each role below its minimum role (expects 403 and no audit event written) and as the
/// minimum role (expects anything but 403). New routes are covered without editing this test.
@Suite struct RoleWalkerTests {
    /// A concrete path for a pattern: `{id}` → a real record of the company, `{token}` → a
    /// made-up token (the role check runs before any lookup).
    static func path(_ pattern: String, id: Int64) -> String {
        pattern.replacingOccurrences(of: "{id}", with: String(id)).replacingOccurrences(of: "{token}", with: "walker-token")
    }

    @Test func everyRouteRefusesTheRolesBelowItsMinimumAndAdmitsTheMinimum() throws {
        let harness = try WebHarness()
        for role in Role.allCases {
            try harness.member("\(role.rawValue)@a.example", company: "A", role: role)
        }
        let companyA = try harness.companyId("A")
        let clientId = try harness.app.clients.create(ClientDraft(name: "Walker Co"), by: .system(companyId: companyA)).id ?? 0
        var checked = 0

        for route in Routes.all {
            guard let minimum = route.permission.minimumRole else { continue }
            let path = Self.path(route.pattern, id: clientId)
            for role in Role.allCases where role < minimum {
                let browser = Browser(harness)
                #expect(browser.signIn("\(role.rawValue)@a.example").status == 303)
                let before = try harness.auditCount(company: companyA)
                let response = route.method == "POST" ? browser.post(path, [("name", "Changed")]) : browser.get(path)
                #expect(response.status == 403, "\(route.method) \(route.pattern) as \(role.rawValue) (below \(minimum.rawValue)) answered \(response.status)")
                #expect(try harness.auditCount(company: companyA) == before,
                        "\(route.method) \(route.pattern) as \(role.rawValue) wrote an audit event")
                checked += 1
            }
            let allowed = Browser(harness)
            #expect(allowed.signIn("\(minimum.rawValue)@a.example").status == 303)
            let response = route.method == "POST" ? allowed.post(path, [("name", "Changed")]) : allowed.get(path)
            #expect(response.status != 403, "\(route.method) \(route.pattern) refused its minimum role \(minimum.rawValue)")
        }
        #expect(checked > 0)
    }
}
