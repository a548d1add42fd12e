import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

/// Issue 3, point 9: seeds two companies with one record of every kind a route takes by
/// `{id}`, then requests every `{id}` route with company B's id as company A's owner and
/// expects 404 and no write. A new `{id}` route without a fixture here fails the test.
@Suite struct TenantIsolationWalkerTests {
    /// The kind of record an `{id}` route addresses: the path segment just before `{id}`.
    static func kind(of pattern: String) -> String? {
        let segments = pattern.split(separator: "/").map(String.init)
        guard let index = segments.firstIndex(of: "{id}"), index > 0 else { return nil }
        return segments[index - 1]
    }

    struct Seeded {
        let harness: WebHarness
        let companyA: Int64
        let companyB: Int64
        /// Company B's record id for each kind.
        let idsOfB: [String: Int64]
    }

    /// One record of each id-bearing kind in each company. Add a line here for a new kind.
    static func seed() throws -> Seeded {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("owner@b.example", company: "B", role: .owner)
        let companyA = try harness.companyId("A")
        let companyB = try harness.companyId("B")
        var ids: [String: Int64] = [:]
        var estimatesToSend: [(Int64, Int64)] = []
        for company in [companyA, companyB] {
            let client = try harness.app.clients.create(ClientDraft(name: "Client of \(company)", email: "client\(company)@example.com"),
                                                        by: .system(companyId: company))
            let rate = try harness.app.taxRates.create(TaxRateDraft(name: "GST", rate: "5", isDefault: true), by: .system(companyId: company))
            let item = try harness.app.catalog.create(CatalogItemDraft(name: "Design", unitPrice: "100", taxRateId: String(rate.id ?? 0)),
                                                      by: .system(companyId: company))
            let project = try harness.app.projects.create(ProjectDraft(clientId: String(client.id ?? 0), name: "Website",
                                                                       billingType: "hourly", hourlyRate: "100"),
                                                          by: .system(companyId: company))
            let invoice = try harness.app.invoices.create(
                InvoiceDraft(clientId: String(client.id ?? 0), issueDate: "2026-11-30",
                             lines: [.init(description: "Work", quantity: "1", unitPrice: "100")]),
                by: .system(companyId: company))
            let entry = try harness.app.time.create(TimeEntryDraft(projectId: String(project.id ?? 0), serviceId: String(item.id ?? 0),
                                                                   date: "2026-11-30", duration: "1:00"),
                                                    by: Actor(userId: try harness.app.database.pool.read { db in
                                                        try IdentityQueries.user(db, email: company == companyA ? "owner@a.example" : "owner@b.example")?.id
                                                    }, companyId: company, role: .owner))
            let expense = try harness.app.expenses.create(ExpenseDraft(spentOn: "2026-11-02", vendor: "Hotel", amount: "80",
                                                                      projectId: String(project.id ?? 0), billable: true),
                                                         by: .system(companyId: company))
            let template = try harness.app.recurring.create(
                RecurringTemplateDraft(name: "Retainer", startDate: "2027-01-01",
                                       invoice: InvoiceDraft(clientId: String(client.id ?? 0),
                                                             lines: [.init(description: "Work", quantity: "1", unitPrice: "100")])),
                by: .system(companyId: company))
            let message = OutboxMessage(companyId: company, kind: .invoice, toAddress: "client@example.com", toName: "Client",
                                        subject: "Invoice", textBody: "Body")
            let messageId = try #require(try harness.app.outbox.enqueue(message, by: nil).id)
            try harness.app.database.pool.write { db in
                _ = try OutboxQueries.claimNext(db, now: Date().addingTimeInterval(60))
                try OutboxQueries.markDead(db, id: messageId, attempts: 8, error: "550", at: Date())
            }
            // Sent after both dead letters are made (its mail must not be the one claimed above).
            let estimate = try harness.app.estimates.create(
                EstimateDraft(clientId: String(client.id ?? 0), issueDate: "2026-11-30",
                              lines: [.init(description: "Work", quantity: "1", unitPrice: "100")]),
                by: .system(companyId: company))
            estimatesToSend.append((estimate.id ?? 0, company))
            if company == companyB {
                let owner = Browser(harness)
                #expect(owner.signIn("owner@b.example").status == 303)
                let sessionId = try harness.app.database.pool.read { db in
                    try SessionQueries.list(db, userId: try #require(IdentityQueries.user(db, email: "owner@b.example")?.id),
                                            companyId: companyB).first?.id
                }
                let ownerOfB = try harness.app.database.pool.read { try IdentityQueries.user($0, email: "owner@b.example")?.id }
                ids = ["clients": client.id ?? 0, "invoices": invoice.id ?? 0, "estimates": estimate.id ?? 0, "dead-letters": messageId, "sessions": try #require(sessionId),
                       "members": try #require(ownerOfB), "tax-rates": rate.id ?? 0, "catalog": item.id ?? 0,
                       "projects": project.id ?? 0, "time": entry.id ?? 0, "expenses": expense.id ?? 0,
                       "recurring": template.id ?? 0]
            }
        }
        for (estimate, company) in estimatesToSend {
            _ = try harness.app.estimates.send(estimate, by: .system(companyId: company))
        }
        return Seeded(harness: harness, companyA: companyA, companyB: companyB, idsOfB: ids)
    }

    @Test func everyIdRouteAnswers404ForAnotherCompanysRecordAndWritesNothing() throws {
        let seeded = try Self.seed()
        let harness = seeded.harness
        let owner = Browser(harness)
        #expect(owner.signIn("owner@a.example").status == 303)
        let idRoutes = Routes.all.filter { $0.pattern.contains("{id}") }
        #expect(!idRoutes.isEmpty)

        for route in idRoutes {
            guard let kind = Self.kind(of: route.pattern), let id = seeded.idsOfB[kind] else {
                Issue.record("""
                    \(route.method) \(route.pattern) takes an {id} of kind "\(Self.kind(of: route.pattern) ?? "?")" but \
                    TenantIsolationWalkerTests.seed() has no fixture for it: seed one record of that kind in each company.
                    """)
                continue
            }
            let before = (try harness.auditCount(company: seeded.companyA), try harness.auditCount(company: seeded.companyB))
            let path = route.pattern.replacingOccurrences(of: "{id}", with: String(id))
            let response = route.method == "POST" ? owner.post(path, [("name", "Hijacked")]) : owner.send(route.method, path)
            #expect(response.status == 404, "\(route.method) \(path) (company B's \(kind)) as A's owner answered \(response.status)")
            let after = (try harness.auditCount(company: seeded.companyA), try harness.auditCount(company: seeded.companyB))
            #expect(after == before, "\(route.method) \(route.pattern) wrote an audit event for another company's \(kind)")
        }
        // Company B's records are untouched.
        let client = try harness.app.clients.get(try #require(seeded.idsOfB["clients"]), for: .system(companyId: seeded.companyB))
        #expect(client.name != "Hijacked" && client.deletedAt == nil)
        let actorB = Actor.system(companyId: seeded.companyB)
        let rate = try harness.app.taxRates.get(try #require(seeded.idsOfB["tax-rates"]), for: actorB)
        #expect(rate.name == "GST" && !rate.isArchived && rate.isDefault)
        let item = try harness.app.catalog.get(try #require(seeded.idsOfB["catalog"]), for: actorB)
        #expect(item.name == "Design" && !item.isArchived)
        let project = try harness.app.projects.get(try #require(seeded.idsOfB["projects"]), for: actorB)
        #expect(project.name == "Website" && project.status == .active)
        let expense = try harness.app.expenses.get(try #require(seeded.idsOfB["expenses"]), for: actorB)
        #expect(expense.vendor == "Hotel" && !expense.isDeleted && expense.amountCents == 8_000)
        let template = try harness.app.recurring.get(try #require(seeded.idsOfB["recurring"]), for: actorB)
        #expect(template.template.name == "Retainer" && template.template.status == .active)
        let dead = try harness.app.database.pool.read { try OutboxQueries.opsFind($0, id: seeded.idsOfB["dead-letters"] ?? 0) }
        #expect(dead?.status == .dead)
        let sessions = try harness.app.database.pool.read { db in
            try SessionQueries.list(db, userId: try #require(IdentityQueries.user(db, email: "owner@b.example")?.id),
                                    companyId: seeded.companyB)
        }
        #expect(sessions.contains { $0.id == seeded.idsOfB["sessions"] })
        let invoiceOfB = try harness.app.invoices.get(try #require(seeded.idsOfB["invoices"]), for: .system(companyId: seeded.companyB))
        #expect(invoiceOfB.invoice.status == .draft && invoiceOfB.invoice.number == nil)
        let estimateOfB = try harness.app.estimates.get(try #require(seeded.idsOfB["estimates"]), for: .system(companyId: seeded.companyB))
        #expect(estimateOfB.estimate.status == .sent && estimateOfB.convertedInvoice == nil)
    }

    @Test func aRouteWithoutAFixtureIsReported() {
        #expect(Self.kind(of: "/invoices/{id}/send") == "invoices")
        #expect(Self.kind(of: "/clients/{id}") == "clients")
        #expect(Self.kind(of: "/mail/dead-letters/{id}/replay") == "dead-letters")
        #expect(Self.kind(of: "/invitations/{token}") == nil)
    }
}
