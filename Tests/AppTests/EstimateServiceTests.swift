import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

/// The test clock's day is 2027-01-15: these estimates are issued a few days before it.
@Suite("EstimateService")
struct EstimateServiceTests {
    static func draft(client: Int64, issued: String = "2027-01-10", validUntil: String = "") -> EstimateDraft {
        EstimateDraft(clientId: String(client), issueDate: issued, validUntil: validUntil, discountKind: "percentage",
                      discountValue: "10", notes: "Thanks!", terms: "50% upfront",
                      lines: [.init(description: "Design sprint", quantity: "2", unitPrice: "1,250.00",
                                    taxName: "Sales tax", taxPercent: "8.25"),
                              .init(description: "Hosting", quantity: "1", unitPrice: "49.99")])
    }

    func client(_ t: TestApp, _ actor: Actor, email: String = "ap@harbor.example") throws -> Int64 {
        try #require(try t.app.clients.create(ClientDraft(name: "Harbor Coffee", email: email), by: actor).id)
    }

    func sent(_ t: TestApp, _ actor: Actor, issued: String = "2027-01-10", validUntil: String = "") throws -> EstimateRecord {
        let estimate = try t.app.estimates.create(Self.draft(client: try client(t, actor), issued: issued, validUntil: validUntil),
                                                  by: actor)
        return try t.app.estimates.send(try #require(estimate.id), by: actor).estimate
    }

    @Test func draftsTakeValidityFromTheCompanyDefaultAndAreEditableAndDeletable() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.staff)
            let clientId = try client(t, actor)
            let estimate = try t.app.estimates.create(Self.draft(client: clientId), by: actor)
            #expect(estimate.validUntil == "2027-02-09" && estimate.status == .draft && estimate.number == nil)
            #expect(estimate.subtotalCents == 254_999 && estimate.discountCents == 25_500)
            try t.database.pool.write { try EstimateQueries.setValidDays($0, companyId: companies.acmeId, days: 7) }
            let shorter = try t.app.estimates.create(Self.draft(client: clientId), by: actor)
            #expect(shorter.validUntil == "2027-01-17")
            var edited = Self.draft(client: clientId, validUntil: "2027-03-01")
            edited.notes = "Edited"
            let updated = try t.app.estimates.update(try #require(estimate.id), with: edited, by: actor)
            #expect(updated.validUntil == "2027-03-01" && updated.notes == "Edited")
            try t.app.estimates.delete(try #require(shorter.id), by: actor)
            #expect(thrownError { try t.app.estimates.get(shorter.id ?? 0, for: actor) } as? AppError == .notFound)
            #expect(try t.auditEvents().map(\.action).filter { $0.hasPrefix("estimate.") }
                    == ["estimate.created", "estimate.created", "estimate.updated", "estimate.deleted"])
        }
    }

    @Test func aValidUntilBeforeTheIssueDateIsAFieldMessage() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let error = thrownError { try t.app.estimates.create(Self.draft(client: try client(t, actor), validUntil: "2027-01-01"), by: actor) }
            guard case .invalid(let errors) = error as? AppError else { Issue.record("\(String(describing: error))"); return }
            #expect(errors["valid_until"] == "The valid-until date cannot be before the issue date.")
            #expect(try t.count("estimates") == 0)
        }
    }

    @Test func sendingNumbersEstimatesOnTheirOwnSequenceMailsOnceAndLocks() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.manager)
            let clientId = try client(t, actor)
            let invoice = try t.app.invoices.create(InvoiceDraft(clientId: String(clientId), issueDate: "2027-01-10",
                                                                 lines: [.init(description: "X", quantity: "1", unitPrice: "1")]), by: actor)
            _ = try t.app.invoices.send(try #require(invoice.id), by: actor)
            let estimate = try t.app.estimates.create(Self.draft(client: clientId), by: actor)
            let id = try #require(estimate.id)
            let first = try t.app.estimates.send(id, by: actor)
            #expect(first.sentNow && first.emailed && first.estimate.number == "EST-202701-0001")
            let again = try t.app.estimates.send(id, by: actor)
            #expect(!again.sentNow && again.estimate.number == "EST-202701-0001")
            #expect(try t.auditEvents(action: "estimate.sent").count == 1)
            let mails = try t.read { try OutboxMessageRecord.fetchAll($0, sql: "SELECT * FROM outbox_messages WHERE kind = 'estimate'") }
            #expect(mails.count == 1)
            #expect(mails.first?.textBody.contains("/e/\(first.estimate.publicToken)") == true)
            #expect(try t.count("estimate_documents") == 1)
            #expect(try t.count("outbox_attachments") == 2)  // the invoice's PDF and the estimate's
            let pdf = try t.app.estimates.pdf(id, for: actor)
            #expect(pdf.filename == "EST-202701-0001.pdf" && pdf.data.starts(with: Array("%PDF".utf8)))
            #expect(thrownError { try t.app.estimates.update(id, with: Self.draft(client: clientId), by: actor) }
                    as? AppError == .conflict(EstimateService.lockedMessage))
            #expect(thrownError { try t.app.estimates.delete(id, by: actor) } as? AppError != nil)
            // Globex's first estimate is its own EST-…-0001.
            let globex = companies.actor(.owner, in: companies.globex)
            #expect(try sent(t, globex).number == "EST-202701-0001")
        }
    }

    @Test func theClientAcceptsOnceWithANameRecordedWithTimeAndIP() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let estimate = try sent(t, companies.actor(.owner))
            let token = estimate.publicToken
            let blank = thrownError { try t.app.estimates.respond(token: token, .accept, name: "  ", requestId: "r", ip: "203.0.113.9") }
            guard case .invalid(let errors) = blank as? AppError else { Issue.record("\(String(describing: blank))"); return }
            #expect(errors["name"] != nil)
            let accepted = try t.app.estimates.respond(token: token, .accept, name: "Grace Hopper", requestId: "r", ip: "203.0.113.9")
            #expect(accepted.status == .accepted && accepted.acceptedName == "Grace Hopper" && accepted.responderIp == "203.0.113.9")
            #expect(accepted.respondedAt == t.clock.now)
            let event = try #require(try t.auditEvents(action: "estimate.accepted").first)
            #expect(event.userId == nil && event.ip == "203.0.113.9")
            #expect(thrownError { try t.app.estimates.respond(token: token, .decline, name: "Mallory", requestId: "r", ip: "x") }
                    as? AppError == .conflict("This estimate has already been accepted."))
            #expect(thrownError { try t.app.estimates.respond(token: String(repeating: "x", count: 43), .accept, name: "A",
                                                              requestId: "r", ip: "x") } as? AppError == .notFound)
        }
    }

    @Test func anExpiredOrDraftEstimateCannotBeAnswered() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let expired = try sent(t, actor, issued: "2026-12-01", validUntil: "2027-01-14")
            let error = thrownError { try t.app.estimates.respond(token: expired.publicToken, .accept, name: "Late", requestId: "r", ip: "x") }
            guard case .conflict(let message) = error as? AppError else { Issue.record("\(String(describing: error))"); return }
            #expect(message.contains("expired"))
            // Valid through its last day.
            let lastDay = try sent(t, actor, issued: "2026-12-01", validUntil: "2027-01-15")
            #expect(try t.app.estimates.respond(token: lastDay.publicToken, .decline, name: "Ann", requestId: "r", ip: "x").status == .declined)
            let draft = try t.app.estimates.create(Self.draft(client: try client(t, actor)), by: actor)
            #expect(thrownError { try t.app.estimates.respond(token: draft.publicToken, .accept, name: "A", requestId: "r", ip: "x") }
                    as? AppError == .notFound)
            #expect(thrownError { try t.app.estimates.publicEstimate(token: draft.publicToken) } as? AppError == .notFound)
        }
    }

    @Test func convertingCreatesOneInvoiceDraftWithTheEstimatesContent() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.staff)
            let manager = companies.actor(.manager)
            let estimate = try sent(t, manager)
            _ = try t.app.estimates.respond(token: estimate.publicToken, .accept, name: "Grace", requestId: "r", ip: "x")
            let id = try #require(estimate.id)
            let first = try t.app.estimates.convert(id, by: actor)
            #expect(first.convertedNow && first.estimate.status == .converted)
            #expect(first.invoice.status == .draft && first.invoice.totalCents == estimate.totalCents)
            #expect(first.invoice.discountKind == "percentage" && first.invoice.notes == "Thanks!" && first.invoice.terms == "50% upfront")
            #expect(first.invoice.issueDate == "2027-01-15")
            let lines = try t.app.invoices.get(try #require(first.invoice.id), for: actor).lines
            #expect(lines.map(\.description) == ["Design sprint", "Hosting"] && lines.first?.taxName == "Sales tax")
            let second = try t.app.estimates.convert(id, by: actor)
            #expect(!second.convertedNow && second.invoice.id == first.invoice.id)
            #expect(try t.count("invoices") == 1)
            #expect(try t.auditEvents(action: "estimate.converted").count == 1)
            #expect(try t.app.estimates.get(id, for: actor).convertedInvoice?.id == first.invoice.id)
        }
    }

    @Test func draftsAndDeclinedEstimatesAreNotConverted() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let draft = try t.app.estimates.create(Self.draft(client: try client(t, actor)), by: actor)
            #expect(thrownError { try t.app.estimates.convert(draft.id ?? 0, by: actor) } as? AppError
                    == .conflict("Send the estimate before converting it into an invoice."))
            let declined = try sent(t, actor)
            _ = try t.app.estimates.respond(token: declined.publicToken, .decline, name: "No", requestId: "r", ip: "x")
            #expect(thrownError { try t.app.estimates.convert(declined.id ?? 0, by: actor) } is AppError)
            #expect(try t.count("invoices") == 0)
            // A sent estimate the client accepted by phone converts directly.
            let sentOnly = try sent(t, actor)
            #expect(try t.app.estimates.convert(sentOnly.id ?? 0, by: actor).convertedNow)
        }
    }

    @Test func anotherCompanysEstimateIsNotFoundAndRolesAreEnforced() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let theirs = try sent(t, companies.actor(.owner, in: companies.globex))
            let ours = companies.actor(.owner)
            let id = try #require(theirs.id)
            #expect(thrownError { try t.app.estimates.get(id, for: ours) } as? AppError == .notFound)
            #expect(thrownError { try t.app.estimates.send(id, by: ours) } as? AppError == .notFound)
            #expect(thrownError { try t.app.estimates.convert(id, by: ours) } as? AppError == .notFound)
            #expect(thrownError { try t.app.estimates.delete(id, by: ours) } as? AppError == .notFound)
            #expect(thrownError { try t.app.estimates.pdf(id, for: ours) } as? AppError == .notFound)

            let clientId = try client(t, ours)
            #expect(thrownError { try t.app.estimates.create(Self.draft(client: clientId), by: companies.actor(.viewer)) }
                    as? AppError == .forbidden)
            let draft = try t.app.estimates.create(Self.draft(client: clientId), by: companies.actor(.staff))
            #expect(thrownError { try t.app.estimates.send(draft.id ?? 0, by: companies.actor(.staff)) } as? AppError == .forbidden)
            #expect(thrownError { try t.app.estimates.convert(draft.id ?? 0, by: companies.actor(.viewer)) } as? AppError == .forbidden)
            // A client of another company cannot be put on an estimate.
            let foreignClient = try client(t, companies.actor(.owner, in: companies.globex), email: "x@globex.example")
            #expect(thrownError { try t.app.estimates.create(Self.draft(client: foreignClient), by: ours) } as? AppError == .notFound)
        }
    }

    /// Point 11: concurrent submits of send and convert (four at once, as a double click and
    /// retries would) do the work once: one number, one mail, one invoice.
    @Test func concurrentSendsAndConvertsDoTheWorkOnce() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let estimate = try t.app.estimates.create(Self.draft(client: try client(t, actor)), by: actor)
            let id = try #require(estimate.id)
            let app = t.app
            DispatchQueue.concurrentPerform(iterations: 4) { _ in _ = try? app.estimates.send(id, by: actor) }
            #expect(try t.auditEvents(action: "estimate.sent").count == 1)
            #expect(try t.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outbox_messages WHERE kind = 'estimate'") } == 1)
            #expect(try t.read { try DocumentSequences.peek($0, companyId: companies.acmeId, kind: .estimate) } == 2)
            DispatchQueue.concurrentPerform(iterations: 4) { _ in _ = try? app.estimates.convert(id, by: actor) }
            #expect(try t.count("invoices") == 1)
            #expect(try t.auditEvents(action: "estimate.converted").count == 1)
        }
    }
}
