import Testing
@testable import Domain

@Suite("Billing drafts and project status")
struct BillingDraftTests {
    // MARK: tax rates

    @Test func taxRateDraftParsesTheRateStrictly() throws {
        let valid = try TaxRateDraft(name: "  GST ", rate: "5", isDefault: true).validated().get()
        #expect(valid == TaxRateDraft.Valid(name: "GST", milliPercent: 5_000, isDefault: true))
        #expect(try TaxRateDraft(name: "QST", rate: "9.975 %").validated().get().milliPercent == 9_975)
        #expect(try TaxRateDraft(name: "Zero", rate: "0").validated().get().milliPercent == 0)
    }

    @Test(arguments: [("", "Enter the rate, like 8.25."), ("8.2555", "Use at most 3 decimal places."),
                      ("101", "Enter at most 100%."), ("-5", "Enter a number that is not negative."),
                      ("abc", "Enter a number like 1,234.50.")])
    func taxRateDraftRefusesBadRates(rate: String, message: String) throws {
        guard case .failure(let errors) = TaxRateDraft(name: "VAT", rate: rate).validated() else {
            Issue.record("\(rate) accepted"); return
        }
        #expect(errors["rate"] == message)
    }

    @Test func taxRateDraftNeedsAName() {
        guard case .failure(let errors) = TaxRateDraft(name: "  ", rate: "5").validated() else { Issue.record("accepted"); return }
        #expect(errors["name"] == "Name is required.")
        guard case .failure(let long) = TaxRateDraft(name: String(repeating: "x", count: 101), rate: "5").validated()
        else { Issue.record("accepted"); return }
        #expect(long["name"] == "Name must be at most 100 characters.")
    }

    // MARK: catalog items

    @Test func catalogDraftParsesMoneyAndTheTaxRate() throws {
        let draft = CatalogItemDraft(kind: "service", name: " Design ", description: " Layouts ", unit: " hour ",
                                     unitPrice: "$1,234.50", taxRateId: "7")
        let valid = try draft.validated(currency: .usd).get()
        #expect(valid == CatalogItemDraft.Valid(kind: .service, name: "Design", description: "Layouts", unit: "hour",
                                                unitPriceCents: 123_450, taxRateId: 7))
        #expect(try CatalogItemDraft(kind: "product", name: "Mug", unitPrice: "12").validated(currency: .jpy).get().unitPriceCents == 12)
        #expect(try CatalogItemDraft(name: "Free", unitPrice: "0").validated(currency: .usd).get().taxRateId == nil)
    }

    @Test func catalogDraftReportsEveryFieldItCannotRead() {
        let draft = CatalogItemDraft(kind: "gadget", name: "", unit: String(repeating: "u", count: 21), unitPrice: "12.345",
                                     taxRateId: "x")
        guard case .failure(let errors) = draft.validated(currency: .usd) else { Issue.record("accepted"); return }
        #expect(errors["kind"] == "Choose service or product.")
        #expect(errors["name"] == "Name is required.")
        #expect(errors["unit"] == "Unit must be at most 20 characters.")
        #expect(errors["unit_price"] == "Use at most 2 decimal places.")
        #expect(errors["tax_rate_id"] == "Choose one of the options.")
        guard case .failure(let euro) = CatalogItemDraft(name: "A", unitPrice: "€5").validated(currency: .usd)
        else { Issue.record("accepted"); return }
        #expect(euro["unit_price"] == "Enter an amount in USD.")
        guard case .failure(let negative) = CatalogItemDraft(name: "A", unitPrice: "-5").validated(currency: .usd)
        else { Issue.record("accepted"); return }
        #expect(negative["unit_price"] == "Enter a number that is not negative.")
    }

    // MARK: projects

    @Test func projectDraftForAnHourlyProject() throws {
        let draft = ProjectDraft(clientId: "3", name: " Website ", code: " web-01 ", billingType: "hourly", hourlyRate: "150",
                                 fixedFee: "999", budgetHours: "12.5", budgetAmount: "2,000.00", status: "active",
                                 memberIds: ["4", "2", "4"], notes: " n ")
        let valid = try draft.validated(currency: .usd).get()
        #expect(valid.clientId == 3 && valid.name == "Website" && valid.code == "WEB-01")
        #expect(valid.billingType == .hourly && valid.hourlyRateCents == 15_000)
        #expect(valid.fixedFeeCents == nil, "the fee of an hourly project is ignored")
        #expect(valid.budgetMinutes == 750 && valid.budgetAmountCents == 200_000)
        #expect(valid.memberIds == [2, 4] && valid.notes == "n" && valid.status == .active)
    }

    @Test func projectDraftNeedsTheAmountItsBillingTypeUses() throws {
        let fixed = try ProjectDraft(clientId: "1", name: "Logo", billingType: "fixed_fee", fixedFee: "2500").validated(currency: .usd).get()
        #expect(fixed.fixedFeeCents == 250_000 && fixed.hourlyRateCents == nil && fixed.code == nil)
        let internalWork = try ProjectDraft(clientId: "1", name: "Admin", billingType: "non_billable").validated(currency: .usd).get()
        #expect(internalWork.hourlyRateCents == nil && internalWork.fixedFeeCents == nil && internalWork.budgetMinutes == nil)
        guard case .failure(let errors) = ProjectDraft(clientId: "1", name: "X", billingType: "hourly").validated(currency: .usd)
        else { Issue.record("accepted"); return }
        #expect(errors["hourly_rate"] == "Enter a value.")
    }

    @Test func projectDraftReportsBadFields() {
        let draft = ProjectDraft(clientId: "", name: "", code: "web 01!", billingType: "weekly", budgetHours: "0",
                                 budgetAmount: "12.345", status: "paused", memberIds: ["x"])
        guard case .failure(let errors) = draft.validated(currency: .usd) else { Issue.record("accepted"); return }
        #expect(errors["client_id"] == "Choose the client.")
        #expect(errors["name"] == "Name is required.")
        #expect(errors["code"] == "Use letters, digits, - and _ only, like WEB-01.")
        #expect(errors["billing_type"] == "Choose how the project is billed.")
        #expect(errors["budget_hours"] == "Enter a number greater than zero.")
        #expect(errors["budget_amount"] == "Use at most 2 decimal places.")
        #expect(errors["status"] == "Choose a status.")
        #expect(errors["member_ids"] == "Choose people from the list.")
        guard case .failure(let more) = ProjectDraft(clientId: "1", name: "A", billingType: "non_billable", budgetHours: "-3",
                                                     budgetAmount: "0").validated(currency: .usd)
        else { Issue.record("accepted"); return }
        #expect(more["budget_hours"] == "Enter a number that is not negative.")
        #expect(more["budget_amount"] == "Enter a number greater than zero.")
    }

    @Test func budgetHoursRoundTripThroughMinutes() throws {
        for (text, minutes) in [("40", Int64(2_400)), ("12.5", 750), ("0.25", 15), ("1,000", 60_000), ("1.33", 80)] {
            let valid = try ProjectDraft(clientId: "1", name: "A", billingType: "non_billable", budgetHours: text).validated(currency: .usd).get()
            #expect(valid.budgetMinutes == minutes, "\(text)")
        }
        #expect(ProjectDraft.hoursText(minutes: 2_400) == "40")
        #expect(ProjectDraft.hoursText(minutes: 750) == "12.5")
        #expect(ProjectDraft.hoursText(minutes: 15) == "0.25")
        #expect(ProjectDraft.hoursText(minutes: 80) == "1.33")
    }

    // MARK: status transitions

    @Test func statusTransitions() {
        #expect(ProjectStatus.active.allowedNext == [.onHold, .done, .archived])
        #expect(ProjectStatus.onHold.allowedNext == [.active, .done, .archived])
        #expect(ProjectStatus.done.allowedNext == [.active, .archived])
        #expect(ProjectStatus.archived.allowedNext == [.active])
        #expect(!ProjectStatus.archived.canMove(to: .done))
        #expect(!ProjectStatus.done.canMove(to: .onHold))
        for status in ProjectStatus.allCases {
            #expect(status.canMove(to: status), "staying put is always allowed")
            #expect(status == .archived || status.canMove(to: .archived), "anything can be archived")
            #expect(!status.allowedNext.contains(status))
        }
        #expect(ProjectStatus(rawValue: "on_hold") == .onHold)
        #expect(ProjectBillingType(rawValue: "fixed_fee") == .fixedFee)
    }
}
