import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("ClientService")
struct ClientServiceTests {
    static let fullDraft = ClientDraft(name: "  Wile E. Coyote ", email: " Wile@Desert.TEST ", companyName: "Acme Corp",
                                       phone: "555 0100", address: "1 Mesa Road", notes: "Pays late")

    // MARK: create

    @Test func createStoresTheCleanDraftAndWritesOneAuditEvent() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let before = try t.tableCounts()
            let client = try t.app.clients.create(Self.fullDraft, by: seed.actor(.staff, requestId: "req-create"))

            let id = try #require(client.id)
            #expect(client.companyId == seed.acmeId)
            #expect(client.name == "Wile E. Coyote")
            #expect(client.email == "wile@desert.test")
            #expect(client.companyName == "Acme Corp")
            #expect(client.phone == "555 0100" && client.address == "1 Mesa Road" && client.notes == "Pays late")
            #expect(client.createdAt == t.clock.now && client.updatedAt == t.clock.now && client.deletedAt == nil)
            #expect(try t.read { try ClientQueries.find($0, companyId: seed.acmeId, id: id) } == client)

            var after = before
            after["clients", default: 0] += 1
            after["audit_events", default: 0] += 1
            #expect(try t.tableCounts() == after)

            let event = try #require(try t.auditEvents().last)
            #expect(event.action == "client.created")
            #expect(event.objectType == "client")
            #expect(event.objectId == id)
            #expect(event.companyId == seed.acmeId)
            #expect(event.userId == seed.acme.user.id)
            #expect(event.requestId == "req-create")
            #expect(event.ip == "192.0.2.10")
            #expect(event.createdAt == t.clock.now)
            #expect(try auditDetails(event) == ["name": ["before": nil, "after": "Wile E. Coyote"]])
            #expect(event.details == #"{"name":{"after":"Wile E. Coyote","before":null}}"#)
        }
    }

    @Test func createIsRefusedToViewers() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let before = try t.tableCounts()
            #expect(throws: AppError.forbidden) { try t.app.clients.create(ClientDraft(name: "Nope"), by: seed.actor(.viewer)) }
            #expect(try t.tableCounts() == before)
        }
    }

    @Test(arguments: [Role.staff, .manager, .admin, .owner])
    func createIsAllowedFromStaffUp(role: Role) throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            #expect(try t.app.clients.create(ClientDraft(name: "Yes"), by: seed.actor(role)).id != nil)
        }
    }

    @Test func anInvalidDraftIsRefusedWithFieldMessagesAndNothingWritten() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let before = try t.tableCounts()
            let error = thrownError { try t.app.clients.create(ClientDraft(name: "  ", email: "a@b"), by: seed.actor(.owner)) }
            guard case AppError.invalid(let errors) = try #require(error) else {
                Issue.record("expected AppError.invalid, got \(String(describing: error))")
                return
            }
            #expect(errors.messages.map(\.field) == ["name", "email"])
            #expect(errors["name"] == "Name is required.")
            #expect(errors["email"] == "Enter an email address like name@example.com.")
            #expect(try t.tableCounts() == before)
        }
    }

    /// Whatever validation accepts, the database must store: a name of 200 characters as a person
    /// counts them (ClientDraft.nameLimit, Swift `count`) can be more than 200 code points, which
    /// is what SQLite's `length(name) BETWEEN 1 AND 200` counts. The service must either store it
    /// or refuse it as invalid input — never fail with a raw constraint error (a 500).
    @Test(arguments: [LongName("e\u{301}", 200, "200 × e + U+0301 (400 code points)"),
                      LongName("👩‍💻", 200, "200 × 👩‍💻 (600 code points)"),
                      LongName("🇫🇷", 150, "150 × 🇫🇷 (300 code points)")])
    func aNameValidationAcceptsIsStoredOrRefusedAsInvalid(longName: LongName) throws {
        let name = longName.value
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            guard case .success = ClientDraft(name: name).validated() else { return }   // validation refuses: fine
            do {
                let client = try t.app.clients.create(ClientDraft(name: name), by: seed.actor(.owner))
                #expect(client.name == name)
            } catch AppError.invalid(let errors) {
                #expect(errors["name"] != nil)
            } catch {
                Issue.record("create failed with \(error) instead of storing the client or reporting invalid input")
            }
        }
    }

    // MARK: get and list

    @Test func getReturnsOwnClientsDeletedOrNot() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let client = try t.app.clients.create(ClientDraft(name: "Acme Client"), by: seed.actor(.owner))
            let id = try #require(client.id)
            #expect(try t.app.clients.get(id, for: seed.actor(.viewer)) == client)
            _ = try t.app.clients.delete(id, by: seed.actor(.owner))
            #expect(try t.app.clients.get(id, for: seed.actor(.viewer)).isDeleted)
            #expect(throws: AppError.notFound) { try t.app.clients.get(987_654, for: seed.actor(.owner)) }
        }
    }

    @Test func listIsScopedToTheActorsCompany() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            _ = try t.app.clients.create(ClientDraft(name: "Acme One"), by: seed.actor(.owner))
            _ = try t.app.clients.create(ClientDraft(name: "Globex One"), by: seed.actor(.owner, in: seed.globex))
            let page = try t.app.clients.list(for: seed.actor(.viewer), search: "", filter: .live, page: PageRequest(number: 1))
            #expect(page.items.map(\.name) == ["Acme One"])
            #expect(page.totalCount == 1)
        }
    }

    // MARK: update

    @Test func updateWritesOnlyChangedFieldsToTheAuditEvent() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let created = try t.app.clients.create(Self.fullDraft, by: seed.actor(.owner))
            let id = try #require(created.id)
            t.clock.advance(by: 90)

            var draft = Self.fullDraft
            draft.email = "coyote@desert.test"
            draft.notes = ""
            draft.name = "Wile E. Coyote   "          // same after trimming: not a change
            let updated = try t.app.clients.update(id, with: draft, by: seed.actor(.staff, requestId: "req-update"))

            #expect(updated.email == "coyote@desert.test" && updated.notes == "" && updated.name == "Wile E. Coyote")
            #expect(updated.createdAt == created.createdAt)
            #expect(updated.updatedAt == t.clock.now)
            #expect(try t.read { try ClientQueries.find($0, companyId: seed.acmeId, id: id) } == updated)

            let events = try t.auditEvents(action: "client.updated")
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.objectType == "client" && event.objectId == id)
            #expect(event.companyId == seed.acmeId && event.userId == seed.acme.user.id)
            #expect(event.requestId == "req-update")
            #expect(event.createdAt == t.clock.now)
            #expect(try auditDetails(event) == [
                "email": ["before": "wile@desert.test", "after": "coyote@desert.test"],
                "notes": ["before": "Pays late", "after": ""],
            ])
        }
    }

    @Test func updateWithNoChangesWritesNothing() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let created = try t.app.clients.create(Self.fullDraft, by: seed.actor(.owner))
            t.clock.advance(by: 90)
            let before = try t.tableCounts()
            let same = try t.app.clients.update(try #require(created.id), with: Self.fullDraft, by: seed.actor(.owner))
            #expect(same == created)
            #expect(same.updatedAt == created.updatedAt)
            #expect(try t.tableCounts() == before)
            #expect(try t.auditEvents(action: "client.updated").isEmpty)
        }
    }

    @Test func editingADeletedClientIsAConflict() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let id = try #require(try t.app.clients.create(ClientDraft(name: "Gone"), by: seed.actor(.owner)).id)
            _ = try t.app.clients.delete(id, by: seed.actor(.owner))
            let before = try t.tableCounts()
            #expect(throws: AppError.conflict("Restore this client before editing it.")) {
                try t.app.clients.update(id, with: ClientDraft(name: "Back"), by: seed.actor(.owner))
            }
            #expect(try t.tableCounts() == before)
            #expect(try t.app.clients.get(id, for: seed.actor(.owner)).name == "Gone")
        }
    }

    @Test func updateIsRefusedToViewersAndInvalidDraftsWriteNothing() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let id = try #require(try t.app.clients.create(ClientDraft(name: "Acme Client"), by: seed.actor(.owner)).id)
            let before = try t.tableCounts()
            #expect(throws: AppError.forbidden) {
                try t.app.clients.update(id, with: ClientDraft(name: "Viewer Edit"), by: seed.actor(.viewer))
            }
            let error = thrownError { try t.app.clients.update(id, with: ClientDraft(name: ""), by: seed.actor(.owner)) }
            guard case AppError.invalid(let errors) = try #require(error) else {
                Issue.record("expected AppError.invalid, got \(String(describing: error))")
                return
            }
            #expect(errors["name"] == "Name is required.")
            #expect(try t.tableCounts() == before)
            #expect(try t.app.clients.get(id, for: seed.actor(.owner)).name == "Acme Client")
        }
    }

    // MARK: delete and restore

    @Test func deleteAndRestoreEachWriteOneAuditEvent() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let created = try t.app.clients.create(ClientDraft(name: "Acme Client"), by: seed.actor(.owner))
            let id = try #require(created.id)

            t.clock.advance(by: 60)
            let deletedAt = t.clock.now
            let deleted = try t.app.clients.delete(id, by: seed.actor(.manager, requestId: "req-delete"))
            #expect(deleted.deletedAt == deletedAt && deleted.updatedAt == deletedAt)
            #expect(try t.app.clients.get(id, for: seed.actor(.owner)) == deleted)
            #expect(try t.read { try ClientQueries.liveCount($0, companyId: seed.acmeId) } == 0)

            let deleteEvents = try t.auditEvents(action: "client.deleted")
            #expect(deleteEvents.count == 1)
            let deleteEvent = try #require(deleteEvents.first)
            #expect(deleteEvent.objectType == "client" && deleteEvent.objectId == id)
            #expect(deleteEvent.companyId == seed.acmeId && deleteEvent.userId == seed.acme.user.id)
            #expect(deleteEvent.requestId == "req-delete" && deleteEvent.createdAt == deletedAt)
            #expect(deleteEvent.details.contains("\"deleted_at\":{\"after\":\"20"))
            #expect(deleteEvent.details.contains("\"before\":null"))

            t.clock.advance(by: 60)
            let restored = try t.app.clients.restore(id, by: seed.actor(.manager, requestId: "req-restore"))
            #expect(restored.deletedAt == nil && restored.updatedAt == t.clock.now)
            #expect(try t.read { try ClientQueries.liveCount($0, companyId: seed.acmeId) } == 1)

            let restoreEvents = try t.auditEvents(action: "client.restored")
            #expect(restoreEvents.count == 1)
            let restoreEvent = try #require(restoreEvents.first)
            #expect(restoreEvent.objectId == id && restoreEvent.companyId == seed.acmeId)
            #expect(restoreEvent.userId == seed.acme.user.id && restoreEvent.requestId == "req-restore")
            #expect(restoreEvent.createdAt == t.clock.now)

            #expect(try t.auditEvents().map(\.action).filter { $0.hasPrefix("client.") }
                    == ["client.created", "client.deleted", "client.restored"])
        }
    }

    @Test func deletingTwiceIsANoOpWithOneEvent() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let id = try #require(try t.app.clients.create(ClientDraft(name: "Acme Client"), by: seed.actor(.owner)).id)
            let first = try t.app.clients.delete(id, by: seed.actor(.owner))
            t.clock.advance(by: 300)
            let before = try t.tableCounts()
            let second = try t.app.clients.delete(id, by: seed.actor(.owner))
            #expect(second == first)
            #expect(second.deletedAt == first.deletedAt)
            #expect(try t.tableCounts() == before)
            #expect(try t.auditEvents(action: "client.deleted").count == 1)
        }
    }

    @Test func restoringALiveClientIsANoOp() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let created = try t.app.clients.create(ClientDraft(name: "Acme Client"), by: seed.actor(.owner))
            let before = try t.tableCounts()
            #expect(try t.app.clients.restore(try #require(created.id), by: seed.actor(.owner)) == created)
            #expect(try t.tableCounts() == before)
        }
    }

    @Test func staffCannotDeleteOrRestoreButManagersCan() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let id = try #require(try t.app.clients.create(ClientDraft(name: "Acme Client"), by: seed.actor(.owner)).id)
            let before = try t.tableCounts()
            for role in [Role.viewer, .staff] {
                #expect(throws: AppError.forbidden) { try t.app.clients.delete(id, by: seed.actor(role)) }
            }
            #expect(try t.tableCounts() == before)
            #expect(try t.app.clients.delete(id, by: seed.actor(.manager)).isDeleted)
            for role in [Role.viewer, .staff] {
                #expect(throws: AppError.forbidden) { try t.app.clients.restore(id, by: seed.actor(role)) }
            }
            #expect(try !t.app.clients.restore(id, by: seed.actor(.manager)).isDeleted)
        }
    }

    // MARK: tenant isolation

    @Test func anotherCompanysClientIsNotFoundAndNothingIsWritten() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let globexClient = try t.app.clients.create(ClientDraft(name: "Globex Client", email: "g@globex.test"),
                                                        by: seed.actor(.owner, in: seed.globex))
            let id = try #require(globexClient.id)
            let acmeOwner = seed.actor(.owner)
            let before = try t.tableCounts()

            #expect(throws: AppError.notFound) { try t.app.clients.get(id, for: acmeOwner) }
            #expect(throws: AppError.notFound) { try t.app.clients.update(id, with: ClientDraft(name: "Hijacked"), by: acmeOwner) }
            #expect(throws: AppError.notFound) { try t.app.clients.delete(id, by: acmeOwner) }

            #expect(try t.tableCounts() == before)
            #expect(try t.app.clients.get(id, for: seed.actor(.owner, in: seed.globex)) == globexClient)
        }
    }

    @Test func anotherCompanysDeletedClientCannotBeRestored() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let globexOwner = seed.actor(.owner, in: seed.globex)
            let id = try #require(try t.app.clients.create(ClientDraft(name: "Globex Client"), by: globexOwner).id)
            let deleted = try t.app.clients.delete(id, by: globexOwner)
            let before = try t.tableCounts()
            #expect(throws: AppError.notFound) { try t.app.clients.restore(id, by: seed.actor(.owner)) }
            #expect(try t.tableCounts() == before)
            #expect(try t.app.clients.get(id, for: globexOwner) == deleted)
            #expect(try t.app.clients.list(for: seed.actor(.owner), search: "", filter: .deleted, page: PageRequest(number: 1))
                .items.isEmpty)
        }
    }

    @Test func auditEventsOfOneCompanyAreNotCountedForTheOther() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            _ = try t.app.clients.create(ClientDraft(name: "A"), by: seed.actor(.owner))
            _ = try t.app.clients.create(ClientDraft(name: "B"), by: seed.actor(.owner))
            _ = try t.app.clients.create(ClientDraft(name: "G"), by: seed.actor(.owner, in: seed.globex))
            #expect(try t.read { try AuditLog.count($0, companyId: seed.acmeId, action: "client.created") } == 2)
            #expect(try t.read { try AuditLog.count($0, companyId: seed.globexId, action: "client.created") } == 1)
        }
    }

    // MARK: changes

    @Test func changesListsEachDifferingFieldWithBeforeAndAfter() {
        let base = ClientRecord(id: 1, companyId: 1, name: "A", email: "a@x.test", companyName: "Co", phone: "1",
                                address: "addr", notes: "n", createdAt: Date(timeIntervalSince1970: 0),
                                updatedAt: Date(timeIntervalSince1970: 0))
        #expect(ClientService.changes(from: base, to: base).isEmpty)
        var other = base
        other.name = "B"
        other.companyName = ""
        other.phone = "2"
        other.address = "new"
        other.updatedAt = Date(timeIntervalSince1970: 99)       // not a user field
        let changes = ClientService.changes(from: base, to: other)
        #expect(Set(changes.keys) == ["name", "company_name", "phone", "address"])
        #expect(changes["name"]?.before == "A" && changes["name"]?.after == "B")
        #expect(changes["company_name"]?.before == "Co" && changes["company_name"]?.after == "")
    }

    @Test func auditJSONIsSortedAndEscaped() {
        #expect(Audit.json([:]) == "{}")
        #expect(Audit.json(["b": ("1", "2"), "a": (nil, "x\"y")])
                == #"{"a":{"after":"x\"y","before":null},"b":{"after":"2","before":"1"}}"#)
    }
}

/// A long test name, shown by its description instead of its hundreds of characters.
struct LongName: Sendable, CustomTestStringConvertible {
    let value: String
    let testDescription: String
    init(_ unit: String, _ count: Int, _ description: String) {
        value = String(repeating: unit, count: count)
        testDescription = description
    }
}
