import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("IdentityService")
struct IdentityServiceTests {
    private func invalidErrors(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Any) -> ValidationErrors? {
        let error = thrownError(sourceLocation: sourceLocation, body)
        guard case AppError.invalid(let errors)? = error else {
            Issue.record("expected AppError.invalid, got \(String(describing: error))", sourceLocation: sourceLocation)
            return nil
        }
        return errors
    }

    @Test func createUserCreatesCompanyUserAndMembershipWithAuditEvents() throws {
        try withTestApp { t in
            let created = try t.app.identity.createUser(email: "  Ada@Example.COM ", password: testPassword,
                                                        companyName: "  Analytical Engines ", role: .owner,
                                                        displayName: "Ada", requestId: "req-cli")
            #expect(created.companyWasCreated)
            #expect(created.role == .owner)
            #expect(created.user.email == "ada@example.com" && created.user.displayName == "Ada")
            #expect(created.user.createdAt == t.clock.now && created.user.disabledAt == nil)
            #expect(created.company.name == "Analytical Engines" && created.company.seatLimit == 10)
            #expect(created.company.currency == "USD")
            #expect(created.user.passwordHash.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
            #expect(fastHasher.verify(testPassword, against: created.user.passwordHash))
            #expect(!created.user.passwordHash.contains(testPassword))

            let companyId = try #require(created.company.id)
            let userId = try #require(created.user.id)
            #expect(try t.tableCounts() == ["companies": 1, "users": 1, "memberships": 1, "sessions": 0, "clients": 0,
                                            "audit_events": 2])
            let membership = try #require(try t.read { try IdentityQueries.membership($0, userId: userId, companyId: companyId) })
            #expect(membership.role == .owner && membership.createdAt == t.clock.now)

            let events = try t.auditEvents()
            #expect(events.map(\.action) == ["company.created", "membership.created"])
            #expect(events.allSatisfy { $0.companyId == companyId && $0.userId == nil && $0.requestId == "req-cli" })
            #expect(events[0].objectType == "company" && events[0].objectId == companyId)
            #expect(try auditDetails(events[0]) == ["name": ["before": nil, "after": "Analytical Engines"]])
            #expect(events[1].objectType == "user" && events[1].objectId == userId)
            #expect(try auditDetails(events[1]) == ["email": ["before": nil, "after": "ada@example.com"],
                                                    "role": ["before": nil, "after": "owner"]])
            #expect(try !t.app.identity.isEmpty())
        }
    }

    @Test func aSecondUserJoinsTheExistingCompanyWhateverTheCase() throws {
        try withTestApp { t in
            let first = try t.app.identity.createUser(email: "ada@acme.test", password: testPassword, companyName: "Acme", role: .owner)
            let second = try t.app.identity.createUser(email: "bob@acme.test", password: testPassword, companyName: "ACME", role: .staff)
            #expect(!second.companyWasCreated)
            #expect(second.company.id == first.company.id && second.company.name == "Acme")
            #expect(second.role == .staff)
            #expect(try t.count("companies") == 1)
            #expect(try t.auditEvents().map(\.action) == ["company.created", "membership.created", "membership.created"])
        }
    }

    @Test func anExistingUserIsAddedToAnotherCompanyKeepingTheirPassword() throws {
        try withTestApp { t in
            let first = try t.app.identity.createUser(email: "ada@acme.test", password: testPassword, companyName: "Acme", role: .owner)
            let second = try t.app.identity.createUser(email: "ADA@acme.test", password: "another long password",
                                                       companyName: "Globex", role: .viewer)
            #expect(second.user.id == first.user.id)
            #expect(second.companyWasCreated)
            #expect(try t.count("users") == 1)
            #expect(try t.count("memberships") == 2)
            let stored = try #require(try t.read { try IdentityQueries.user($0, email: "ada@acme.test") })
            #expect(stored.passwordHash == first.user.passwordHash)
            #expect(fastHasher.verify(testPassword, against: stored.passwordHash))
        }
    }

    @Test func aPasswordShorterThan12CharactersIsRefused() throws {
        try withTestApp { t throws in
            let errors = invalidErrors {
                try t.app.identity.createUser(email: "ada@acme.test", password: "elevenchars", companyName: "Acme", role: .owner)
            }
            #expect(errors?["password"] == "Passwords must be at least 12 characters.")
            #expect(errors?.messages.count == 1)
            #expect(try t.app.identity.isEmpty())
            #expect(try t.tableCounts().values.allSatisfy { $0 == 0 })
            #expect(try t.app.identity.createUser(email: "ada@acme.test", password: "twelve chars", companyName: "Acme",
                                                  role: .owner).user.id != nil)
        }
    }

    @Test func badEmailAndCompanyNameAreRefusedInFieldOrder() throws {
        try withTestApp { t throws in
            let errors = invalidErrors {
                try t.app.identity.createUser(email: "not-an-email", password: "short", companyName: "   ", role: .owner)
            }
            #expect(errors?.messages.map(\.field) == ["email", "company", "password"])
            #expect(errors?["email"] == "Enter an email address like name@example.com.")
            #expect(errors?["company"] == "A company name of 1 to 200 characters is required.")
            let tooLong = invalidErrors {
                try t.app.identity.createUser(email: "a@b.c", password: testPassword,
                                              companyName: String(repeating: "c", count: 201), role: .owner)
            }
            #expect(tooLong?.messages.map(\.field) == ["company"])
            #expect(try t.tableCounts().values.allSatisfy { $0 == 0 })
        }
    }

    /// Same rule as for client names: what validation accepts (200 characters as Swift counts
    /// them), the companies table must store, or the service must refuse it as invalid input.
    @Test func aCompanyNameValidationAcceptsIsStoredOrRefusedAsInvalid() throws {
        try withTestApp { t in
            let name = String(repeating: "e\u{301}", count: 200)
            do {
                let created = try t.app.identity.createUser(email: "a@b.c", password: testPassword, companyName: name, role: .owner)
                #expect(created.company.name == name)
            } catch AppError.invalid(let errors) {
                #expect(errors["company"] != nil)
            } catch {
                Issue.record("createUser failed with \(error) instead of creating the company or reporting invalid input")
            }
        }
    }

    @Test func aDuplicateMembershipIsAConflictAndWritesNothing() throws {
        try withTestApp { t in
            _ = try t.app.identity.createUser(email: "ada@acme.test", password: testPassword, companyName: "Acme", role: .owner)
            let before = try t.tableCounts()
            #expect(throws: AppError.conflict("ada@acme.test is already a member of Acme.")) {
                try t.app.identity.createUser(email: "Ada@Acme.test", password: testPassword, companyName: "acme", role: .viewer)
            }
            #expect(try t.tableCounts() == before)
        }
    }

    @Test func reachingTheSeatLimitIsAConflictWithAClearMessage() throws {
        try withTestApp { t in
            _ = try t.app.identity.createUser(email: "ada@acme.test", password: testPassword, companyName: "Acme", role: .owner)
            _ = try t.app.identity.createUser(email: "bob@acme.test", password: testPassword, companyName: "Acme", role: .staff)
            _ = try t.app.identity.setSeats(companyName: "Acme", seats: 2)
            let before = try t.tableCounts()
            #expect(throws: AppError.conflict("Acme has used all 2 seats; raise them with `ez360 company set --seats`.")) {
                try t.app.identity.createUser(email: "cy@acme.test", password: testPassword, companyName: "Acme", role: .viewer)
            }
            #expect(try t.tableCounts() == before, "the refused user must not be left behind without a membership")
            #expect(try t.read { try IdentityQueries.user($0, email: "cy@acme.test") } == nil)

            _ = try t.app.identity.setSeats(companyName: "Acme", seats: 3)
            #expect(try t.app.identity.createUser(email: "cy@acme.test", password: testPassword, companyName: "Acme",
                                                  role: .viewer).role == .viewer)
        }
    }

    @Test func setSeatsChangesTheLimitAndIsAudited() throws {
        try withTestApp { t in
            let created = try t.app.identity.createUser(email: "ada@acme.test", password: testPassword, companyName: "Acme", role: .owner)
            t.clock.advance(by: 10)
            let company = try t.app.identity.setSeats(companyName: "acme", seats: 25, requestId: "req-seats")
            #expect(company.seatLimit == 25 && company.id == created.company.id)
            let companyId = try #require(created.company.id)
            let stored = try #require(try t.read { try IdentityQueries.company($0, id: companyId) })
            #expect(stored.seatLimit == 25 && stored.updatedAt == t.clock.now)
            let event = try #require(try t.auditEvents(action: "company.seats_changed").first)
            #expect(event.companyId == created.company.id && event.userId == nil && event.requestId == "req-seats")
            #expect(event.objectType == "company" && event.objectId == created.company.id)
            #expect(try auditDetails(event) == ["seat_limit": ["before": "10", "after": "25"]])
        }
    }

    @Test(arguments: [0, -1, 10_001, Int.max, Int.min])
    func setSeatsRefusesOutOfBoundsCounts(seats: Int) throws {
        try withTestApp { t in
            _ = try t.app.identity.createUser(email: "ada@acme.test", password: testPassword, companyName: "Acme", role: .owner)
            let before = try t.tableCounts()
            let errors = invalidErrors { try t.app.identity.setSeats(companyName: "Acme", seats: seats) }
            #expect(errors?["seats"] == "Seats must be between 1 and 10000.")
            #expect(try t.tableCounts() == before)
        }
    }

    @Test(arguments: [1, 10_000])
    func setSeatsAcceptsTheBounds(seats: Int) throws {
        try withTestApp { t in
            _ = try t.app.identity.createUser(email: "ada@acme.test", password: testPassword, companyName: "Acme", role: .owner)
            #expect(try t.app.identity.setSeats(companyName: "Acme", seats: seats).seatLimit == seats)
        }
    }

    @Test func setSeatsOnAnUnknownCompanyIsNotFound() throws {
        try withTestApp { t throws in
            #expect(throws: AppError.notFound) { try t.app.identity.setSeats(companyName: "Nowhere", seats: 5) }
            #expect(try t.count("audit_events") == 0)
        }
    }

    @Test func companiesAreListedByNameIgnoringCase() throws {
        try withTestApp { t in
            #expect(try t.app.identity.isEmpty())
            for name in ["globex", "Acme", "Initech"] {
                _ = try t.app.identity.createUser(email: "owner@\(name.lowercased()).test", password: testPassword,
                                                  companyName: name, role: .owner)
            }
            #expect(try t.app.identity.companies().map(\.name) == ["Acme", "globex", "Initech"])
        }
    }
}
