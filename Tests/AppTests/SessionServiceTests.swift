import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("Your sessions")
struct SessionServiceTests {
    private func signIn(_ t: TestApp, _ email: String = "ada@acme.test", ip: String = "192.0.2.10",
                        agent: String = "Firefox") throws -> NewSession {
        try t.app.auth.signIn(email: email, password: testPassword, ip: ip, userAgent: agent, requestId: "r")
    }

    @Test func listsOnlyTheUsersLiveSessionsInTheCompany() throws {
        try withTestApp(idle: 600) { t in
            let seed = try seedTwoCompanies(t)
            let old = try signIn(t, agent: "Old")
            t.clock.advance(by: 601)                                  // `old` is now idle
            let laptop = try signIn(t, ip: "192.0.2.11", agent: "Laptop")
            t.clock.advance(by: 120)
            let phone = try signIn(t, ip: "192.0.2.12", agent: "Phone")
            _ = try signIn(t, "hank@globex.test")
            let listed = try t.app.sessions.list(for: seed.actor(.owner))
            #expect(listed.map(\.id) == [phone.signedIn.sessionId, laptop.signedIn.sessionId])
            #expect(listed.map(\.userAgent) == ["Phone", "Laptop"] && listed.map(\.ip) == ["192.0.2.12", "192.0.2.11"])
            #expect(!listed.contains { $0.id == old.signedIn.sessionId })
        }
    }

    @Test func revokingOneOfYourSessionsEndsItAndIsAudited() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let here = try signIn(t)
            let there = try signIn(t)
            let actor = here.signedIn.actor(requestId: "req-rv", ip: "192.0.2.10")
            try t.app.sessions.revoke(there.signedIn.sessionId, by: actor)
            #expect(try t.app.auth.resolve(token: there.token) == nil)
            #expect(try t.app.auth.resolve(token: here.token) != nil)
            let event = try #require(try t.auditEvents(action: "session.revoked").first)
            #expect(event.objectId == there.signedIn.sessionId && event.companyId == seed.acmeId)
            #expect(event.userId == seed.acme.user.id && event.requestId == "req-rv")
        }
    }

    @Test func anotherUsersSessionIsNotFoundAndUntouched() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            _ = try t.app.identity.createUser(email: "bob@acme.test", password: testPassword, companyName: "Acme", role: .admin)
            let ada = try signIn(t)
            let bob = try signIn(t, "bob@acme.test")
            let hank = try signIn(t, "hank@globex.test")
            let actor = ada.signedIn.actor(requestId: "r", ip: "")
            for id in [bob.signedIn.sessionId, hank.signedIn.sessionId, 999_999] {
                #expect(throws: AppError.notFound) { try t.app.sessions.revoke(id, by: actor) }
            }
            #expect(try t.app.auth.resolve(token: bob.token) != nil && t.app.auth.resolve(token: hank.token) != nil)
            #expect(try t.auditEvents(action: "session.revoked").isEmpty)
        }
    }

    @Test func signOutEverywhereElseKeepsOnlyThisSession() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            let here = try signIn(t)
            let others = try (1...3).map { _ in try signIn(t) }
            let hank = try signIn(t, "hank@globex.test")
            let count = try t.app.sessions.revokeOthers(keeping: here.signedIn.sessionId,
                                                        by: here.signedIn.actor(requestId: "r", ip: ""))
            #expect(count == 3)
            #expect(try t.app.auth.resolve(token: here.token) != nil)
            for other in others { #expect(try t.app.auth.resolve(token: other.token) == nil) }
            #expect(try t.app.auth.resolve(token: hank.token) != nil)
            #expect(try t.auditEvents(action: "session.revoked").map(\.objectId) == others.map { $0.signedIn.sessionId })
        }
    }
}
