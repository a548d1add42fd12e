import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

/// Issue 3 point 2: invitations by email with a role, seats, single use, expiry.
@Suite struct InvitationPagesTests {
    static let newPassword = "a new colleague's long password"

    @Test func ownerInvitesAndTheInviteeAcceptsAndIsSignedIn() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        let companyA = try harness.companyId("A")
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        let sent = owner.post("/members/invitations", [("email", "Colleague@A.example"), ("role", "manager")])
        #expect(sent.status == 303 && sent.location == "/members")
        let mail = try #require(try harness.mails(kind: "invitation").last)
        #expect(mail.toAddress == "colleague@a.example")
        let path = try #require(try harness.linkPath(kind: "invitation", prefix: "/invitations/"))
        // Only the hash is stored.
        let token = String(path.dropFirst("/invitations/".count))
        let stored = try harness.app.database.pool.read { try String.fetchAll($0, sql: "SELECT token_hash FROM invitations") }
        #expect(stored == [TokenHash.sha256Hex(token)])
        #expect(owner.get("/members").bodyText.contains("colleague@a.example"))

        let invitee = Browser(harness)
        let form = invitee.get(path)
        #expect(form.status == 200 && form.bodyText.contains("Join A"))
        let weak = invitee.post(path, [("name", "Col"), ("password", "short")])
        #expect(weak.status == 422)
        let accepted = invitee.post(path, [("name", "Col League"), ("password", Self.newPassword)])
        #expect(accepted.status == 303 && accepted.location == "/")
        #expect(invitee.get("/").status == 200)
        #expect(try harness.auditCount("invitation.accepted", company: companyA) == 1)
        let user = try #require(try harness.app.database.pool.read { try IdentityQueries.user($0, email: "colleague@a.example") })
        #expect(user.emailVerifiedAt != nil)
        #expect(try harness.app.database.pool.read { try IdentityQueries.membership($0, userId: user.id ?? 0, companyId: companyA) }?.role == .manager)

        // Single use: the link is gone (410), and the new member signs in with the password.
        #expect(Browser(harness).get(path).status == 410)
        #expect(Browser(harness).post(path, [("name", "X"), ("password", Self.newPassword)]).status == 410)
        #expect(Browser(harness).signIn("colleague@a.example", password: Self.newPassword).status == 303)
    }

    @Test func unknownAndExpiredLinksAnswerClearly() throws {
        let time = MovableClock()
        let harness = try WebHarness(clock: time.clock)
        try harness.member("owner@a.example", company: "A", role: .owner)
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        #expect(Browser(harness).get("/invitations/not-a-real-token").status == 404)
        #expect(Browser(harness).post("/invitations/not-a-real-token", [("password", Self.newPassword)]).status == 404)
        owner.post("/members/invitations", [("email", "late@a.example"), ("role", "staff")])
        let path = try #require(try harness.linkPath(kind: "invitation", prefix: "/invitations/"))
        time.advance(7 * 24 * 3600 - 60)
        #expect(Browser(harness).get(path).status == 200)
        time.advance(120)
        #expect(Browser(harness).get(path).status == 410)
        #expect(Browser(harness).post(path, [("name", "Late"), ("password", Self.newPassword)]).status == 410)
        #expect(try harness.app.database.pool.read { try IdentityQueries.user($0, email: "late@a.example") } == nil)
    }

    @Test func seatsCountMembersAndPendingInvitations() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        _ = try harness.app.identity.setSeats(companyName: "A", seats: 2)
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        #expect(owner.post("/members/invitations", [("email", "one@a.example"), ("role", "staff")]).status == 303)
        let refused = owner.post("/members/invitations", [("email", "two@a.example"), ("role", "staff")])
        #expect(refused.status == 409)
        #expect(refused.bodyText.contains("has used all 2 seats"))
        #expect(try harness.mails(kind: "invitation").count == 1)
    }

    @Test func rolesAndPermissions() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("admin@a.example", company: "A", role: .admin)
        try harness.member("manager@a.example", company: "A", role: .manager)
        let admin = Browser(harness)
        admin.signIn("admin@a.example")
        #expect(admin.get("/members").status == 200)
        #expect(admin.post("/members/invitations", [("email", "boss@a.example"), ("role", "owner")]).status == 403)
        #expect(admin.post("/members/invitations", [("email", "peer@a.example"), ("role", "admin")]).status == 303)
        let manager = Browser(harness)
        manager.signIn("manager@a.example")
        #expect(manager.get("/members").status == 403)
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        #expect(owner.post("/members/invitations", [("email", "co-owner@a.example"), ("role", "owner")]).status == 303)
        #expect(owner.post("/members/invitations", [("email", "admin@a.example"), ("role", "staff")]).status == 409)
        #expect(owner.post("/members/invitations", [("email", "not an email"), ("role", "staff")]).status == 422)
    }

    @Test func anExistingAccountJoinsWithItsOwnPassword() throws {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("someone@b.example", company: "B", role: .owner)
        let owner = Browser(harness)
        owner.signIn("owner@a.example")
        owner.post("/members/invitations", [("email", "someone@b.example"), ("role", "viewer")])
        let path = try #require(try harness.linkPath(kind: "invitation", prefix: "/invitations/"))
        let invitee = Browser(harness)
        #expect(invitee.get(path).bodyText.contains("already has an EZ360PM account"))
        #expect(invitee.post(path, [("password", "wrong password entirely")]).status == 422)
        // Joins, but signs in through /login (so a second factor is still asked for).
        #expect(invitee.post(path, [("password", WebHarness.password)]).location == "/login")
        #expect(try harness.sessionCount(email: "someone@b.example") == 0)
        #expect(Browser(harness).get(path).status == 410)
        #expect(try harness.auditCount("membership.created", company: try harness.companyId("A")) == 2)
    }

    @Test func signupIsOffByDefault() throws {
        #expect(AppConfig.fromEnvironment([:]).openSignup == false)
        #expect(AppConfig.fromEnvironment(["EZ360_OPEN_SIGNUP": "1"]).openSignup)
        // The route exists, but answers 404 unless the install opts in (SignupPageTests).
        let harness = try WebHarness()
        #expect(Browser(harness).get("/signup").status == 404)
    }
}
