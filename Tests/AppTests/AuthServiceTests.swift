import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("AuthService")
struct AuthServiceTests {
    private func signIn(_ t: TestApp, email: String = "ada@acme.test", password: String = testPassword,
                        requestId: String = "req-login") throws -> NewSession {
        try t.app.auth.signIn(email: email, password: password, ip: "192.0.2.10", userAgent: "TestBrowser/1.0",
                              requestId: requestId)
    }

    private func session(_ t: TestApp, token: String) throws -> SessionRecord? {
        try t.read { try SessionRecord.fetchOne($0, sql: "SELECT * FROM sessions WHERE token_hash = ?",
                                                arguments: [TokenHash.sha256Hex(token)]) }
    }

    // MARK: sign-in

    @Test func signInOpensASessionStoringOnlyTheTokensHash() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let new = try signIn(t)

            #expect(new.token.utf8.count == 43)
            let stored = try #require(try session(t, token: new.token))
            #expect(stored.tokenHash == TokenHash.sha256Hex(new.token))
            #expect(stored.tokenHash.count == 64)
            #expect(stored.id == new.signedIn.sessionId)
            #expect(stored.userId == seed.acme.user.id && stored.companyId == seed.acmeId)
            #expect(stored.csrfToken == new.signedIn.csrfToken && stored.csrfToken.utf8.count == 43)
            #expect(stored.csrfToken != new.token)
            #expect(stored.ip == "192.0.2.10" && stored.userAgent == "TestBrowser/1.0")
            #expect(stored.createdAt == t.clock.now && stored.lastSeenAt == t.clock.now)
            #expect(stored.expiresAt == t.clock.now.addingTimeInterval(12 * 3600))

            #expect(new.signedIn.user.id == seed.acme.user.id)
            #expect(new.signedIn.company.id == seed.acmeId)
            #expect(new.signedIn.role == .owner)
        }
    }

    @Test func theRawTokenIsStoredNowhere() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            let new = try signIn(t)
            let cells = try t.read { db -> [String] in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                var cells: [String] = []
                for table in tables {
                    for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                        for (_, value) in row {
                            if case .string(let text) = value.storage { cells.append(text) }
                        }
                    }
                }
                return cells
            }
            #expect(cells.contains(TokenHash.sha256Hex(new.token)))
            #expect(!cells.contains { $0.contains(new.token) }, "the session token itself must never be stored")
        }
    }

    @Test func signInIsAudited() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let new = try signIn(t, requestId: "req-42")
            let event = try #require(try t.auditEvents(action: "auth.login").first)
            #expect(event.companyId == seed.acmeId && event.userId == seed.acme.user.id)
            #expect(event.objectType == "session" && event.objectId == new.signedIn.sessionId)
            #expect(event.requestId == "req-42" && event.ip == "192.0.2.10" && event.createdAt == t.clock.now)
            #expect(try t.auditEvents(action: "auth.login").count == 1)
        }
    }

    @Test(arguments: ["ADA@ACME.TEST", "  Ada@Acme.Test\n"])
    func emailIsCaseInsensitiveAndTrimmed(email: String) throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            #expect(try signIn(t, email: email).signedIn.user.id == seed.acme.user.id)
        }
    }

    @Test func wrongPasswordIsRefusedAndAudited() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let sessionsBefore = try t.count("sessions")
            #expect(throws: AuthError.invalidCredentials) { try signIn(t, password: testPassword + "!", requestId: "req-bad") }
            #expect(throws: AuthError.invalidCredentials) { try signIn(t, password: "") }
            #expect(try t.count("sessions") == sessionsBefore)

            let failures = try t.auditEvents(action: "auth.login_failed")
            #expect(failures.count == 2)
            let event = try #require(failures.first)
            #expect(event.companyId == seed.acmeId && event.userId == seed.acme.user.id)
            #expect(event.objectType == "user" && event.objectId == seed.acme.user.id)
            #expect(event.requestId == "req-bad" && event.ip == "192.0.2.10")
            #expect(try auditDetails(event) == ["email": ["before": nil, "after": "ada@acme.test"]])
            #expect(try t.auditEvents(action: "auth.login").isEmpty)
        }
    }

    @Test func unknownEmailIsRefusedTheSameWayAndAudited() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            #expect(throws: AuthError.invalidCredentials) { try signIn(t, email: "Nobody@Acme.test", requestId: "req-who") }
            #expect(try t.count("sessions") == 0)
            let event = try #require(try t.auditEvents(action: "auth.login_failed").first)
            #expect(event.companyId == nil && event.userId == nil && event.objectId == nil)
            #expect(event.requestId == "req-who")
            #expect(try auditDetails(event) == ["email": ["before": nil, "after": "nobody@acme.test"]])
        }
    }

    @Test func aDisabledUserCannotSignInEvenWithTheRightPassword() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            try t.database.pool.write { db in
                try db.execute(sql: "UPDATE users SET disabled_at = ? WHERE id = ?", arguments: [t.clock.now, seed.acme.user.id])
            }
            #expect(throws: AuthError.invalidCredentials) { try signIn(t) }
            #expect(try t.count("sessions") == 0)
            #expect(try t.auditEvents(action: "auth.login_failed").first?.userId == seed.acme.user.id)
        }
    }

    @Test func twoSignInsGiveTwoDifferentSessions() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            let first = try signIn(t)
            let second = try signIn(t)
            #expect(first.token != second.token)
            #expect(first.signedIn.sessionId != second.signedIn.sessionId)
            #expect(first.signedIn.csrfToken != second.signedIn.csrfToken)
            #expect(try t.count("sessions") == 2)
            #expect(try t.app.auth.resolve(token: first.token)?.sessionId == first.signedIn.sessionId)
            #expect(try t.app.auth.resolve(token: second.token)?.sessionId == second.signedIn.sessionId)
        }
    }

    @Test func signInLandsInTheOldestMembershipWithItsRole() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            _ = try t.app.identity.createUser(email: "ada@acme.test", password: testPassword, companyName: "Globex", role: .viewer)
            let new = try signIn(t)
            #expect(new.signedIn.company.name == "Acme" && new.signedIn.role == .owner)
            let actor = new.signedIn.actor(requestId: "r", ip: "1.2.3.4")
            #expect(actor.companyId == new.signedIn.company.id && actor.userId == new.signedIn.user.id)
            #expect(actor.role == .owner && actor.requestId == "r" && actor.ip == "1.2.3.4")
        }
    }

    @Test func aUserWithoutAnyMembershipCannotSignIn() throws {
        try withTestApp { t in
            try t.database.pool.write { db in
                var user = UserRecord(email: "loner@example.com", passwordHash: try fastHasher.hash(testPassword),
                                      createdAt: t.clock.now, updatedAt: t.clock.now)
                try user.insert(db)
            }
            #expect(throws: AuthError.invalidCredentials) { try signIn(t, email: "loner@example.com") }
            #expect(try t.count("sessions") == 0)
        }
    }

    @Test func aLongUserAgentIsCutTo300Characters() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            let new = try t.app.auth.signIn(email: "ada@acme.test", password: testPassword, ip: "",
                                            userAgent: String(repeating: "u", count: 5_000), requestId: "")
            #expect(try session(t, token: new.token)?.userAgent.count == 300)
        }
    }

    // MARK: rehash

    private func storedHash(_ t: TestApp, userId: Int64?) throws -> String? {
        try t.read { db in try userId.flatMap { try IdentityQueries.user(db, id: $0) }?.passwordHash }
    }

    @Test func aWeakerStoredHashIsUpgradedAtSignIn() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let userId = try #require(seed.acme.user.id)
            let weakHash = try #require(try storedHash(t, userId: userId))
            #expect(weakHash.hasPrefix("$scrypt$ln=10,r=8,p=1$"))

            let stronger = PasswordHasher(logN: 11)
            t.clock.advance(by: 5)
            _ = try t.sibling(hasher: stronger).auth.signIn(email: "ada@acme.test", password: testPassword, ip: "",
                                                            userAgent: "", requestId: "")
            let user = try #require(try t.read { try IdentityQueries.user($0, id: userId) })
            #expect(user.passwordHash.hasPrefix("$scrypt$ln=11,r=8,p=1$"))
            #expect(user.passwordHash != weakHash)
            #expect(user.updatedAt == t.clock.now)
            #expect(stronger.verify(testPassword, against: user.passwordHash))
            #expect(!stronger.needsRehash(user.passwordHash))

            // Signing in again, or with the weaker parameters, leaves the stronger hash alone.
            _ = try t.sibling(hasher: stronger).auth.signIn(email: "ada@acme.test", password: testPassword, ip: "", userAgent: "", requestId: "")
            _ = try signIn(t)
            #expect(try storedHash(t, userId: userId) == user.passwordHash)
        }
    }

    @Test func aFailedSignInNeverRehashes() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let hashBefore = try storedHash(t, userId: seed.acme.user.id)
            #expect(hashBefore != nil)
            #expect(throws: AuthError.invalidCredentials) {
                try t.sibling(hasher: PasswordHasher(logN: 11)).auth.signIn(email: "ada@acme.test", password: "wrong password!",
                                                                           ip: "", userAgent: "", requestId: "")
            }
            #expect(try storedHash(t, userId: seed.acme.user.id) == hashBefore)
        }
    }

    // MARK: resolve

    @Test func resolveReturnsTheSignedInState() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let new = try signIn(t)
            let resolved = try #require(try t.app.auth.resolve(token: new.token))
            #expect(resolved.sessionId == new.signedIn.sessionId)
            #expect(resolved.csrfToken == new.signedIn.csrfToken)
            #expect(resolved.user.id == seed.acme.user.id && resolved.company.id == seed.acmeId && resolved.role == .owner)
        }
    }

    @Test(arguments: ["", "not-a-token", String(repeating: "a", count: 43), String(repeating: "x", count: 129)])
    func unknownTokensResolveToNil(token: String) throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            _ = try signIn(t)
            #expect(try t.app.auth.resolve(token: token) == nil)
            #expect(try t.count("sessions") == 1)
        }
    }

    @Test func theStoredHashIsNotItselfAToken() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            let new = try signIn(t)
            #expect(try t.app.auth.resolve(token: TokenHash.sha256Hex(new.token)) == nil)
        }
    }

    @Test func anIdleSessionExpiresAndIsDeleted() throws {
        try withTestApp(idle: 600) { t in
            _ = try seedTwoCompanies(t)
            let new = try signIn(t)
            t.clock.advance(by: 599)
            #expect(try t.app.auth.resolve(token: new.token) != nil)          // touches last_seen_at
            t.clock.advance(by: 599)
            #expect(try t.app.auth.resolve(token: new.token) != nil, "activity extends the idle deadline")
            t.clock.advance(by: 600)
            #expect(try t.app.auth.resolve(token: new.token) == nil)
            #expect(try session(t, token: new.token) == nil)
            #expect(try t.count("sessions") == 0)
            t.clock.advance(by: -1_000)
            #expect(try t.app.auth.resolve(token: new.token) == nil, "a deleted session stays gone")
        }
    }

    @Test func aSessionExpiresAtItsAbsoluteTimeoutWhateverItsActivity() throws {
        try withTestApp(idle: 600, absolute: 1_000) { t in
            _ = try seedTwoCompanies(t)
            let new = try signIn(t)
            let other = try signIn(t)
            t.clock.advance(by: 500)
            #expect(try t.app.auth.resolve(token: new.token) != nil)
            t.clock.advance(by: 499)                                          // 999 s: still inside
            #expect(try t.app.auth.resolve(token: new.token) != nil)
            t.clock.advance(by: 1)                                            // 1000 s: expired
            #expect(try t.app.auth.resolve(token: new.token) == nil)
            #expect(try session(t, token: new.token) == nil)
            #expect(try session(t, token: other.token) != nil, "only the resolved session is deleted")
        }
    }

    @Test func lastSeenIsRefreshedOnlyAfterAMinute() throws {
        try withTestApp { t in
            _ = try seedTwoCompanies(t)
            let new = try signIn(t)
            let signedInAt = t.clock.now
            t.clock.advance(by: 59)
            _ = try t.app.auth.resolve(token: new.token)
            #expect(try session(t, token: new.token)?.lastSeenAt == signedInAt)
            t.clock.advance(by: 1)
            _ = try t.app.auth.resolve(token: new.token)
            #expect(try session(t, token: new.token)?.lastSeenAt == signedInAt.addingTimeInterval(60))
            t.clock.advance(by: 30)
            _ = try t.app.auth.resolve(token: new.token)
            #expect(try session(t, token: new.token)?.lastSeenAt == signedInAt.addingTimeInterval(60))
            #expect(try session(t, token: new.token)?.expiresAt == signedInAt.addingTimeInterval(12 * 3600),
                    "activity never extends the absolute expiry")
        }
    }

    @Test func aUserDisabledAfterSignInLosesTheSession() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let new = try signIn(t)
            try t.database.pool.write { db in
                try db.execute(sql: "UPDATE users SET disabled_at = ? WHERE id = ?", arguments: [t.clock.now, seed.acme.user.id])
            }
            #expect(try t.app.auth.resolve(token: new.token) == nil)
            #expect(try t.count("sessions") == 0)
        }
    }

    // MARK: sign-out

    @Test func signOutDeletesTheSessionAndIsAudited() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let new = try signIn(t)
            let other = try signIn(t)
            try t.app.auth.signOut(new.signedIn, requestId: "req-out", ip: "192.0.2.99")
            #expect(try t.app.auth.resolve(token: new.token) == nil)
            #expect(try session(t, token: new.token) == nil)
            #expect(try t.app.auth.resolve(token: other.token) != nil)

            let events = try t.auditEvents(action: "auth.logout")
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.companyId == seed.acmeId && event.userId == seed.acme.user.id)
            #expect(event.objectType == "session" && event.objectId == new.signedIn.sessionId)
            #expect(event.requestId == "req-out" && event.ip == "192.0.2.99")
        }
    }
}
