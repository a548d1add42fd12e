import Domain
import Foundation
import Testing
@testable import App
@testable import Store

@Suite("ClientService.importClients")
struct ClientImportTests {
    @Test func importsEveryRowWithOneEventEach() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let drafts = [ClientDraft(name: " Zulu ", email: "Z@Zulu.test"), ClientDraft(name: "alpha"), ClientDraft(name: "Mike")]
            let before = try t.tableCounts()
            #expect(try t.app.clients.importClients(drafts, by: seed.actor(.staff, requestId: "req-import")) == 3)

            let page = try t.app.clients.list(for: seed.actor(.viewer), search: "", filter: .live, page: PageRequest(number: 1))
            #expect(page.items.map(\.name) == ["alpha", "Mike", "Zulu"])
            #expect(page.items.first { $0.name == "Zulu" }?.email == "z@zulu.test")
            let records = try page.items.map { try t.app.clients.get($0.id, for: seed.actor(.viewer)) }
            #expect(records.allSatisfy { $0.companyId == seed.acmeId && $0.createdAt == t.clock.now })

            let events = try t.auditEvents(action: "client.imported")
            #expect(events.count == 3)
            #expect(Set(events.compactMap(\.objectId)) == Set(page.items.map(\.id)))
            #expect(events.allSatisfy { $0.companyId == seed.acmeId && $0.userId == seed.acme.user.id
                && $0.requestId == "req-import" && $0.objectType == "client" })
            #expect(try events.map { try auditDetails($0)["name"]?["after"] ?? nil } == ["Zulu", "alpha", "Mike"])
            #expect(try t.count("clients") == before["clients"]! + 3)
            #expect(try t.count("audit_events") == before["audit_events"]! + 3)
        }
    }

    @Test func oneInvalidRowRefusesTheWholeImport() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let before = try t.tableCounts()
            let drafts = [ClientDraft(name: "Fine"), ClientDraft(name: "Also fine"), ClientDraft(name: " ", email: "bad@"),
                          ClientDraft(name: String(repeating: "x", count: 201))]
            let error = thrownError { try t.app.clients.importClients(drafts, by: seed.actor(.owner)) }
            guard case AppError.invalid(let errors) = try #require(error) else {
                Issue.record("expected AppError.invalid, got \(String(describing: error))")
                return
            }
            // The first invalid row is reported, every message of it, prefixed with its 1-based row number.
            #expect(errors.messages.map(\.field) == ["row 3 name", "row 3 email"])
            #expect(errors["row 3 name"] == "Row 3: Name is required.")
            #expect(errors["row 3 email"] == "Row 3: Enter an email address like name@example.com.")
            #expect(try t.tableCounts() == before)
        }
    }

    @Test func importIsRefusedToViewers() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let before = try t.tableCounts()
            #expect(throws: AppError.forbidden) {
                try t.app.clients.importClients([ClientDraft(name: "X")], by: seed.actor(.viewer))
            }
            #expect(try t.tableCounts() == before)
        }
    }

    @Test func anEmptyImportWritesNothing() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let before = try t.tableCounts()
            #expect(try t.app.clients.importClients([], by: seed.actor(.owner)) == 0)
            #expect(try t.tableCounts() == before)
        }
    }
}
