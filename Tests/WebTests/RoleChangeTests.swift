import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct RoleChangeTests {
    func userId(_ harness: WebHarness, _ email: String) throws -> Int64 {
        try #require(try harness.app.database.pool.read { try IdentityQueries.user($0, email: email)?.id })
    }

    func role(_ harness: WebHarness, _ email: String, company: Int64) throws -> Role? {
        let id = try userId(harness, email)
        return try harness.app.database.pool.read { try IdentityQueries.membership($0, userId: id, companyId: company)?.role }
    }

    @Test func anOwnerChangesARoleAndTheMembersSessionsEnd() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("sam@a.example", company: "A", role: .staff)
        let company = try harness.companyId("A")
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        let sam = Browser(harness)
        sam.signIn("sam@a.example")
        #expect(sam.get("/clients").status == 200)
        #expect(owner.get("/members").bodyText.contains("action=\"/members/\(try userId(harness, "sam@a.example"))/role\""))

        let response = owner.post("/members/\(try userId(harness, "sam@a.example"))/role", [("role", "manager")])
        #expect(response.location == "/members")
        #expect(try role(harness, "sam@a.example", company: company) == .manager)
        #expect(owner.get("/members").bodyText.contains("sam@a.example is now manager"))
        #expect(sam.get("/clients").status == 303, "the old session ended with the role change")
        #expect(try harness.auditCount("membership.role_changed", company: company) == 1)
        sam.cookies["ez360_session"] = nil  // the stale cookie a browser would still send
        #expect(sam.signIn("sam@a.example").status == 303)
        #expect(sam.post("/clients/1/delete").status != 403, "the new role applies at the next sign-in")
    }

    @Test func adminsCannotTouchOwnersAndTheLastOwnerStays() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("ada@a.example", company: "A", role: .admin)
        try harness.member("sam@a.example", company: "A", role: .staff)
        let company = try harness.companyId("A")
        let admin = Browser(harness)
        admin.signIn("ada@a.example")
        admin.post("/members/\(try userId(harness, "sam@a.example"))/role", [("role", "owner")])
        #expect(try role(harness, "sam@a.example", company: company) == .staff)
        #expect(admin.get("/members").bodyText.contains("Only an owner can make someone an owner"))
        admin.post("/members/\(try userId(harness, "owner@a.example"))/role", [("role", "viewer")])
        #expect(try role(harness, "owner@a.example", company: company) == .owner)

        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        owner.post("/members/\(try userId(harness, "owner@a.example"))/role", [("role", "admin")])
        #expect(try role(harness, "owner@a.example", company: company) == .owner)
        #expect(owner.get("/members").bodyText.contains("only owner"))
        owner.post("/members/\(try userId(harness, "sam@a.example"))/role", [("role", "not-a-role")])
        #expect(try role(harness, "sam@a.example", company: company) == .staff)
        #expect(try harness.auditCount("membership.role_changed", company: company) == 0)
    }

    @Test func changingYourOwnRoleSignsYouOut() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("second@a.example", company: "A", role: .owner)
        let company = try harness.companyId("A")
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        let response = owner.post("/members/\(try userId(harness, "owner@a.example"))/role", [("role", "admin")])
        #expect(response.location == "/login")
        #expect(try role(harness, "owner@a.example", company: company) == .admin)
        #expect(owner.get("/clients").status == 303)
    }
}
