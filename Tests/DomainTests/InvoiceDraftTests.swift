import Testing
@testable import Domain

@Suite("InvoiceDraft")
struct InvoiceDraftTests {
    static func draft(_ lines: [InvoiceDraft.Line] = [.init(description: "Design", quantity: "2", unitPrice: "150.00",
                                                            taxName: "Sales tax", taxPercent: "8.25")]) -> InvoiceDraft {
        InvoiceDraft(clientId: "7", issueDate: "2026-11-30", paymentTermsDays: "30", lines: lines)
    }

    func errors(_ draft: InvoiceDraft, currency: Currency = .usd) -> ValidationErrors {
        guard case .failure(let errors) = draft.validated(currency: currency) else { return ValidationErrors() }
        return errors
    }

    @Test func aValidDraftHasTypedValuesAndTotals() throws {
        let valid = try Self.draft().validated(currency: .usd).get()
        #expect(valid.clientId == 7)
        #expect(valid.issueDate == CalendarDate(year: 2026, month: 11, day: 30))
        #expect(valid.dueDate == CalendarDate(year: 2026, month: 12, day: 30), "Net 30 from the issue date")
        #expect(valid.lines == [ValidInvoice.Line(description: "Design", quantityThousandths: 2_000, unitPriceCents: 15_000,
                                                  tax: TaxRate(name: "Sales tax", milliPercent: 8_250))])
        #expect(valid.totals.subtotal.cents == 30_000)
        #expect(valid.totals.taxTotal.cents == 2_475)
        #expect(valid.totals.total.cents == 32_475)
        #expect(valid.sendingErrors.isEmpty)
    }

    @Test func requiredFieldsAndDates() {
        let errors = errors(InvoiceDraft(clientId: "", issueDate: "2026-02-30", dueDate: "soon", paymentTermsDays: "400"))
        #expect(errors["client_id"] == "Choose a client.")
        #expect(errors["issue_date"] == "Enter a date like 2026-11-30.")
        #expect(errors["payment_terms_days"] == "Enter a number of days from 0 to 365.")
        #expect(errors["due_date"]?.hasPrefix("Enter a date like") == true)
        #expect(self.errors(InvoiceDraft(clientId: "x", issueDate: ""))["client_id"] == "Choose a client from the list.")
        #expect(self.errors(InvoiceDraft(clientId: "1", issueDate: ""))["issue_date"] == "Enter the issue date.")
        var early = Self.draft()
        early.dueDate = "2026-11-29"
        #expect(self.errors(early)["due_date"] == "The due date cannot be before the issue date.")
    }

    @Test(arguments: [("12.345", "Use at most 2 decimal places."), ("1.2.3", "Enter a number like 1,234.50."),
                      ("-0", "Enter 0 without a minus sign."), ("1000000000000", "Enter at most $999,999,999,999.99."),
                      ("-5", "Enter a number that is not negative."), ("", "Enter a value."), ("€5", "Enter an amount in USD.")])
    func unitPricesAreStrict(text: String, message: String) {
        let errors = errors(Self.draft([.init(description: "Work", quantity: "1", unitPrice: text)]))
        #expect(errors["line_1_unit_price"] == message)
    }

    @Test(arguments: [("1.2345", "Use at most 3 decimal places."), ("1.2.3", "Enter a number like 1,234.50."),
                      ("-0", "Enter 0 without a minus sign."), ("0", "Enter a number greater than zero."),
                      ("2000000", "Enter at most 1,000,000.")])
    func quantitiesAreStrict(text: String, message: String) {
        let errors = errors(Self.draft([.init(description: "Work", quantity: text, unitPrice: "10")]))
        #expect(errors["line_1_quantity"] == message)
    }

    @Test func taxNeedsANameAndAValidRate() {
        #expect(errors(Self.draft([.init(description: "A", quantity: "1", unitPrice: "1", taxPercent: "5")]))["line_1_tax_name"]
                == "Name the tax, e.g. Sales tax or GST.")
        #expect(errors(Self.draft([.init(description: "A", quantity: "1", unitPrice: "1", taxName: "GST")]))["line_1_tax_percent"]
                == "Enter the rate of GST, e.g. 8.25.")
        #expect(errors(Self.draft([.init(description: "A", quantity: "1", unitPrice: "1", taxName: "GST", taxPercent: "101")]))["line_1_tax_percent"]
                == "Enter at most 100%.")
        let zeroRated = try? Self.draft([.init(description: "A", quantity: "1", unitPrice: "1", taxName: "GST", taxPercent: "0")])
            .validated(currency: .usd).get()
        #expect(zeroRated?.lines.first?.tax == TaxRate(name: "GST", milliPercent: 0))
    }

    @Test func blankRowsAreIgnoredButDescriptionsAreRequired() throws {
        let valid = try Self.draft([.init(), .init(description: "Real", quantity: "1", unitPrice: "10"), .init()])
            .validated(currency: .usd).get()
        #expect(valid.lines.count == 1)
        let errors = errors(Self.draft([.init(), .init(description: "  ", quantity: "1", unitPrice: "10")]))
        #expect(errors["line_2_description"] == "Describe this line.", "messages name the row as the form shows it")
        let long = self.errors(Self.draft([.init(description: String(repeating: "d", count: 2_001), quantity: "1", unitPrice: "1")]))
        #expect(long["line_1_description"] == "A description has at most 2000 characters.")
    }

    @Test func sendingNeedsALine() throws {
        let empty = try InvoiceDraft(clientId: "1", issueDate: "2026-11-30").validated(currency: .usd).get()
        #expect(empty.sendingErrors["lines"] == "Add at least one line before sending the invoice.")
    }

    @Test func discounts() throws {
        var percent = Self.draft()
        percent.discountKind = "percentage"
        percent.discountValue = "10"
        let valid = try percent.validated(currency: .usd).get()
        #expect(valid.discount == .percentage(milliPercent: 10_000))
        #expect(valid.totals.discount.cents == 3_000)
        var fixed = Self.draft()
        fixed.discountKind = "fixed"
        fixed.discountValue = "400"
        #expect(errors(fixed)["discount_value"] == "The discount cannot be more than the subtotal.")
        fixed.discountValue = "1.234"
        #expect(errors(fixed)["discount_value"] == "Use at most 2 decimal places.")
        fixed.discountKind = "bogus"
        #expect(errors(fixed)["discount_kind"] == "Choose no discount, a percentage or a fixed amount.")
    }

    @Test func textLimits() {
        var draft = Self.draft()
        draft.notes = String(repeating: "n", count: 5_001)
        draft.terms = String(repeating: "t", count: 5_001)
        let errors = self.errors(draft)
        #expect(errors["notes"] == "Notes must be at most 5000 characters.")
        #expect(errors["terms"] == "Terms must be at most 5000 characters.")
        let many = Self.draft(Array(repeating: .init(description: "x", quantity: "1", unitPrice: "1"), count: 201))
        #expect(self.errors(many)["lines"] == "An invoice has at most 200 lines.")
    }

    @Test func aValidInvoiceRoundTripsThroughTheForm() throws {
        var draft = Self.draft([.init(description: "Hours", quantity: "1.5", unitPrice: "1,234.50", taxName: "QST", taxPercent: "9.975%"),
                                .init(description: "Flat", quantity: "3", unitPrice: "$12")])
        draft.discountKind = "fixed"
        draft.discountValue = "5"
        let valid = try draft.validated(currency: .usd).get()
        let again = try InvoiceDraft(valid, currency: .usd).validated(currency: .usd).get()
        #expect(again == valid)
        #expect(InvoiceDraft.quantityText(1_500) == "1.5")
        #expect(InvoiceDraft.quantityText(3_000) == "3")
        #expect(InvoiceDraft.percentText(9_975) == "9.975")
    }

    @Test func postingsBalanceAndReverse() throws {
        var draft = Self.draft([.init(description: "A", quantity: "1", unitPrice: "100", taxName: "GST", taxPercent: "5"),
                                .init(description: "B", quantity: "1", unitPrice: "50", taxName: "PST", taxPercent: "7")])
        draft.discountKind = "percentage"
        draft.discountValue = "10"
        let totals = try draft.validated(currency: .cad).get().totals
        let postings = InvoicePostings.sent(totals)
        let (debits, credits) = InvoicePostings.sides(postings)
        #expect(debits == credits)
        #expect(debits == totals.total.cents)
        #expect(postings.map(\.account) == [.accountsReceivable, .revenue, .salesTaxPayable, .salesTaxPayable])
        let reversed = InvoicePostings.reversing(postings)
        #expect(InvoicePostings.sides(reversed) == (credits, debits))
        #expect(reversed[0].creditCents == totals.total.cents)
        #expect(Posting.Account.revenue.code == "4000" && Posting.Account.accountsReceivable.name == "Accounts receivable")
    }
}
