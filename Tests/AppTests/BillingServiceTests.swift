import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("Tax rate, catalog and project services")
struct BillingServiceTests {
    func clientId(_ t: TestApp, _ seed: TwoCompanies, in company: IdentityService.CreatedUser? = nil, name: String = "Harbor") throws -> Int64 {
        try #require(try t.app.clients.create(ClientDraft(name: name), by: seed.actor(.owner, in: company)).id)
    }

    // MARK: tax rates

    @Test func aNewDefaultRateTakesOverFromTheOldOneWithOneAuditEventEach() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let admin = seed.actor(.admin)
            let gst = try t.app.taxRates.create(TaxRateDraft(name: "GST", rate: "5", isDefault: true), by: admin)
            let hst = try t.app.taxRates.create(TaxRateDraft(name: "HST", rate: "13", isDefault: true), by: admin)
            let rates = try t.app.taxRates.list(for: seed.actor(.viewer))
            #expect(rates.filter(\.isDefault).map(\.id) == [hst.id])
            #expect(try t.app.taxRates.get(try #require(gst.id), for: admin).isDefault == false)
            let events = try t.auditEvents(action: "tax_rate.created")
            #expect(events.count == 2)
            #expect(try auditDetails(events[1])["rate"] == ["before": nil, "after": "13%"])
            // Archiving the default leaves the company without one.
            let archived = try t.app.taxRates.archive(try #require(hst.id), by: admin)
            #expect(archived.isArchived && !archived.isDefault)
            #expect(try t.app.taxRates.list(for: admin).map(\.name) == ["GST"])
            #expect(try t.app.taxRates.list(for: admin, includeArchived: true).count == 2)
            #expect(try t.auditEvents(action: "tax_rate.archived").count == 1)
            #expect(throws: AppError.conflict("Restore this tax rate before editing it.")) {
                try t.app.taxRates.update(try #require(hst.id), with: TaxRateDraft(name: "HST", rate: "15"), by: admin)
            }
        }
    }

    @Test func taxRatesAreManagedByAdminsAndScopedToTheCompany() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            #expect(throws: AppError.forbidden) { try t.app.taxRates.create(TaxRateDraft(name: "GST", rate: "5"), by: seed.actor(.manager)) }
            let rate = try t.app.taxRates.create(TaxRateDraft(name: "GST", rate: "5"), by: seed.actor(.owner))
            let id = try #require(rate.id)
            let globex = seed.actor(.owner, in: seed.globex)
            #expect(throws: AppError.notFound) { try t.app.taxRates.get(id, for: globex) }
            #expect(throws: AppError.notFound) { try t.app.taxRates.update(id, with: TaxRateDraft(name: "X", rate: "1"), by: globex) }
            #expect(throws: AppError.notFound) { try t.app.taxRates.archive(id, by: globex) }
            #expect(try t.app.taxRates.list(for: globex).isEmpty)
            guard case .invalid(let errors) = thrownError({ try t.app.taxRates.create(TaxRateDraft(name: "", rate: "8.2555"), by: seed.actor(.admin)) }) as? AppError
            else { Issue.record("not invalid"); return }
            #expect(errors["rate"] == "Use at most 3 decimal places.")
        }
    }

    // MARK: catalog

    @Test func catalogItemsCheckNameAndTaxRateInsideTheCompany() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let admin = seed.actor(.admin)
            let rate = try t.app.taxRates.create(TaxRateDraft(name: "GST", rate: "5"), by: admin)
            let design = try t.app.catalog.create(CatalogItemDraft(name: "Design", unit: "hour", unitPrice: "120.00",
                                                                   taxRateId: String(rate.id ?? 0)), by: admin)
            #expect(design.unitPriceCents == 12_000 && design.taxRateId == rate.id && design.companyId == seed.acmeId)
            let event = try #require(try t.auditEvents(action: "catalog_item.created").first)
            #expect(try auditDetails(event)["unit_price_cents"] == ["before": nil, "after": "12000"])

            guard case .invalid(let errors) = thrownError({
                try t.app.catalog.create(CatalogItemDraft(name: "design", unitPrice: "12.345"), by: admin)
            }) as? AppError else { Issue.record("not invalid"); return }
            #expect(errors["name"] == "An item called “design” already exists.")
            #expect(errors["unit_price"] == "Use at most 2 decimal places.")

            // Another company's tax rate is a 404, and nothing is written.
            let foreignRate = try t.app.taxRates.create(TaxRateDraft(name: "VAT", rate: "20"), by: seed.actor(.owner, in: seed.globex))
            let before = try t.auditEvents().count
            #expect(throws: AppError.notFound) {
                try t.app.catalog.create(CatalogItemDraft(name: "Dev", unitPrice: "1", taxRateId: String(foreignRate.id ?? 0)), by: admin)
            }
            #expect(try t.auditEvents().count == before)

            #expect(throws: AppError.forbidden) { try t.app.catalog.create(CatalogItemDraft(name: "X", unitPrice: "1"), by: seed.actor(.manager)) }
            #expect(throws: AppError.notFound) { try t.app.catalog.get(try #require(design.id), for: seed.actor(.owner, in: seed.globex)) }
            #expect(try t.app.catalog.list(for: seed.actor(.viewer), search: "des", filter: .live, page: PageRequest(number: 1)).totalCount == 1)
        }
    }

    @Test func archivedItemsFreeTheirNameAndRestoreOnlyIfItIsStillFree() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let admin = seed.actor(.admin)
            let first = try t.app.catalog.create(CatalogItemDraft(name: "Design", unitPrice: "100"), by: admin)
            _ = try t.app.catalog.archive(try #require(first.id), by: admin)
            let second = try t.app.catalog.create(CatalogItemDraft(name: "DESIGN", unitPrice: "150"), by: admin)
            #expect(second.name == "DESIGN")
            #expect(throws: AppError.self) { try t.app.catalog.restore(try #require(first.id), by: admin) }
            #expect(throws: AppError.conflict("Restore this item before editing it.")) {
                try t.app.catalog.update(try #require(first.id), with: CatalogItemDraft(name: "Old", unitPrice: "1"), by: admin)
            }
            let renamed = try t.app.catalog.update(try #require(second.id), with: CatalogItemDraft(name: "Design v2", unitPrice: "150"), by: admin)
            #expect(renamed.name == "Design v2")
            #expect(try t.app.catalog.restore(try #require(first.id), by: admin).isArchived == false)
            #expect(try t.auditEvents(action: "catalog_item.restored").count == 1)
            #expect(try t.auditEvents(action: "catalog_item.updated").count == 1)
        }
    }

    // MARK: projects

    @Test func projectsBelongToALiveClientAndCompanyMembers() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let manager = seed.actor(.manager)
            let harbor = try clientId(t, seed)
            let ownerId = try #require(seed.acme.user.id)
            let project = try t.app.projects.create(ProjectDraft(clientId: String(harbor), name: "Website", code: "web-1",
                                                                 billingType: "hourly", hourlyRate: "150", budgetHours: "40",
                                                                 memberIds: [String(ownerId)]), by: manager)
            let id = try #require(project.id)
            #expect(project.code == "WEB-1" && project.hourlyRateCents == 15_000 && project.budgetMinutes == 2_400)
            let detail = try t.app.projects.detail(id, for: seed.actor(.viewer))
            #expect(detail.members.map(\.userId) == [ownerId] && detail.client.name == "Harbor")
            #expect(detail.usage == ProjectBudgetUsage(minutesLogged: 0, billableAmountCents: 0, expenseCents: 0))
            let event = try #require(try t.auditEvents(action: "project.created").first)
            #expect(try auditDetails(event)["member_ids"] == ["before": nil, "after": String(ownerId)])
            #expect(event.objectId == id && event.companyId == seed.acmeId)

            // Another company's client or user: 404, nothing written.
            let initech = try clientId(t, seed, in: seed.globex, name: "Initech")
            let globexOwner = try #require(seed.globex.user.id)
            let before = try t.tableCounts()
            #expect(throws: AppError.notFound) {
                try t.app.projects.create(ProjectDraft(clientId: String(initech), name: "X", billingType: "non_billable"), by: manager)
            }
            #expect(throws: AppError.notFound) {
                try t.app.projects.create(ProjectDraft(clientId: String(harbor), name: "X", billingType: "non_billable",
                                                       memberIds: [String(globexOwner)]), by: manager)
            }
            #expect(throws: AppError.notFound) { try t.app.projects.get(id, for: seed.actor(.owner, in: seed.globex)) }
            #expect(throws: AppError.notFound) {
                try t.app.projects.update(id, with: ProjectDraft(clientId: String(initech), name: "X", billingType: "non_billable"),
                                          by: seed.actor(.owner, in: seed.globex))
            }
            #expect(try t.tableCounts() == before)

            // A taken code and a deleted client are field messages.
            _ = try t.app.clients.delete(harbor, by: seed.actor(.owner))
            guard case .invalid(let errors) = thrownError({
                try t.app.projects.create(ProjectDraft(clientId: String(harbor), name: "Again", code: "WEB-1", billingType: "non_billable"), by: manager)
            }) as? AppError else { Issue.record("not invalid"); return }
            #expect(errors["code"] == "Another project already has the code WEB-1.")
            #expect(errors["client_id"] == "That client is deleted; restore it or choose another.")
            // The project itself can still be edited while its client is deleted.
            let edited = try t.app.projects.update(id, with: ProjectDraft(clientId: String(harbor), name: "Website 2", code: "WEB-1",
                                                                          billingType: "fixed_fee", fixedFee: "5000"), by: manager)
            #expect(edited.billingType == .fixedFee && edited.fixedFeeCents == 500_000 && edited.hourlyRateCents == nil)
            #expect(try t.app.projects.members(of: id, for: manager).isEmpty)
            let update = try #require(try t.auditEvents(action: "project.updated").first)
            #expect(try auditDetails(update)["member_ids"] == ["before": String(ownerId), "after": ""])
        }
    }

    @Test func statusMovesFollowTheStateMachine() throws {
        try withTestApp { t in
            let seed = try seedTwoCompanies(t)
            let manager = seed.actor(.manager)
            let harbor = try clientId(t, seed)
            let id = try #require(try t.app.projects.create(ProjectDraft(clientId: String(harbor), name: "Site", billingType: "non_billable"),
                                                            by: manager).id)
            #expect(try t.app.projects.setStatus(id, to: .done, by: manager).status == .done)
            #expect(throws: AppError.self) { try t.app.projects.setStatus(id, to: .onHold, by: manager) }
            #expect(try t.app.projects.setStatus(id, to: .archived, by: manager).status == .archived)
            #expect(try t.app.projects.setStatus(id, to: .archived, by: manager).status == .archived, "same status: no-op")
            #expect(try t.app.projects.setStatus(id, to: .active, by: manager).status == .active)
            let moves = try t.auditEvents(action: "project.status_changed").map { try auditDetails($0)["status"]?["after"] ?? nil }
            #expect(moves == ["done", "archived", "active"])
            #expect(throws: AppError.forbidden) { try t.app.projects.setStatus(id, to: .done, by: seed.actor(.staff)) }
            #expect(throws: AppError.forbidden) {
                try t.app.projects.create(ProjectDraft(clientId: String(harbor), name: "S", billingType: "non_billable"), by: seed.actor(.staff))
            }
            guard case .invalid(let errors) = thrownError({
                try t.app.projects.create(ProjectDraft(clientId: String(harbor), name: "Late", billingType: "non_billable", status: "done"), by: manager)
            }) as? AppError else { Issue.record("not invalid"); return }
            #expect(errors["status"] == "A new project starts active or on hold.")
        }
    }
}
