import Testing
@testable import Domain

@Suite("Expense drafts")
struct ExpenseDraftTests {
    func errors(_ draft: ExpenseDraft, currency: Currency = .usd) -> ValidationErrors {
        guard case .failure(let errors) = draft.validated(currency: currency) else {
            Issue.record("\(draft) accepted")
            return ValidationErrors()
        }
        return errors
    }

    @Test func aValidDraftIsTrimmedAndParsed() throws {
        let draft = ExpenseDraft(spentOn: " 2026-11-03 ", vendor: "  Hotel Lux ", category: " Travel ", amount: "$1,234.50",
                                 tax: "98.76", clientId: "4", projectId: "9", billable: true, markup: "12.5%", notes: " Two nights ")
        let valid = try draft.validated(currency: .usd).get()
        #expect(valid == ExpenseDraft.Valid(spentOn: try #require(CalendarDate(year: 2026, month: 11, day: 3)), vendor: "Hotel Lux",
                                            category: "Travel", amountCents: 123_450, taxCents: 9_876, clientId: 4, projectId: 9,
                                            billable: true, markupMilliPercent: 12_500, notes: "Two nights"))
    }

    @Test func optionalFieldsMayBeLeftOut() throws {
        let valid = try ExpenseDraft(spentOn: "2026-11-03", vendor: "Cafe", amount: "12").validated(currency: .usd).get()
        #expect(valid.taxCents == 0 && valid.clientId == nil && valid.projectId == nil && !valid.billable
                && valid.markupMilliPercent == 0 && valid.category.isEmpty)
    }

    @Test func dateAndVendorAreRequired() {
        let empty = errors(ExpenseDraft())
        #expect(empty["spent_on"] == "Enter the date of the expense.")
        #expect(empty["vendor"] == "Vendor is required.")
        #expect(empty["amount"] == "Enter the amount spent.")
        for bad in ["2026-02-30", "30/11/2026", "yesterday", "2026-13-01"] {
            #expect(errors(ExpenseDraft(spentOn: bad, vendor: "X", amount: "1"))["spent_on"] == "Enter a date like 2026-11-30.", "\(bad)")
        }
    }

    @Test(arguments: [("12.345", "Use at most 2 decimal places."), ("-0", "Enter 0 without a minus sign."),
                      ("-5", "Enter a number that is not negative."), ("0", "Enter a number greater than zero."),
                      ("1,2345", "Put a comma every three digits, like 1,234,567, or leave the commas out."),
                      ("€5", "Enter an amount in USD."), ("abc", "Enter a number like 1,234.50."),
                      ("1000000000000", "Enter at most $999,999,999,999.99.")])
    func amountsAreParsedStrictly(amount: String, message: String) {
        #expect(errors(ExpenseDraft(spentOn: "2026-11-03", vendor: "X", amount: amount))["amount"] == message)
    }

    @Test func taxIsParsedStrictlyAndMayBeZero() throws {
        #expect(errors(ExpenseDraft(spentOn: "2026-11-03", vendor: "X", amount: "10", tax: "1.005"))["tax"] == "Use at most 2 decimal places.")
        #expect(errors(ExpenseDraft(spentOn: "2026-11-03", vendor: "X", amount: "10", tax: "-1"))["tax"] == "Enter a number that is not negative.")
        #expect(try ExpenseDraft(spentOn: "2026-11-03", vendor: "X", amount: "10", tax: "0").validated(currency: .usd).get().taxCents == 0)
        // Yen has no minor unit.
        #expect(errors(ExpenseDraft(spentOn: "2026-11-03", vendor: "X", amount: "10.5"), currency: .jpy)["amount"]
            == "Enter a whole number, without decimals.")
    }

    @Test func markupIsAPercentageOnBillableExpensesOnly() {
        let base = ExpenseDraft(spentOn: "2026-11-03", vendor: "X", amount: "10", clientId: "1", billable: true)
        var draft = base
        draft.markup = "10.0005"
        #expect(errors(draft)["markup"] == "Use at most 3 decimal places.")
        draft.markup = "150"
        #expect(errors(draft)["markup"] == "Enter at most 100%.")
        draft.markup = "-1"
        #expect(errors(draft)["markup"] == "Enter a number that is not negative.")
        draft.markup = "10"
        draft.billable = false
        #expect(errors(draft)["markup"]?.contains("billable") == true)
        draft.markup = "0"
        #expect((try? draft.validated(currency: .usd).get().markupMilliPercent) == 0)
    }

    @Test func aBillableExpenseNeedsAClientOrProject() {
        let draft = ExpenseDraft(spentOn: "2026-11-03", vendor: "X", amount: "10", billable: true)
        #expect(errors(draft)["client_id"] == "Choose the client (or project) to bill this expense to.")
        var withProject = draft
        withProject.projectId = "3"
        #expect((try? withProject.validated(currency: .usd).get().projectId) == 3)
        #expect(errors(ExpenseDraft(spentOn: "2026-11-03", vendor: "X", amount: "1", clientId: "abc"))["client_id"] == "Choose one of the options.")
    }

    @Test func textLimits() {
        let long = errors(ExpenseDraft(spentOn: "2026-11-03", vendor: String(repeating: "v", count: 201), category: String(repeating: "c", count: 61),
                                       amount: "1", notes: String(repeating: "n", count: 5_001)))
        #expect(long["vendor"] == "Vendor must be at most 200 characters.")
        #expect(long["category"] == "Category must be at most 60 characters.")
        #expect(long["notes"] == "Notes must be at most 5000 characters.")
        #expect(ExpenseDraft.suggestedCategories == ["Travel", "Meals", "Software", "Hardware", "Subcontractors", "Office", "Other"])
    }
}
