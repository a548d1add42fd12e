import Testing
@testable import Domain

@Suite("EstimateDraft")
struct EstimateDraftTests {
    static func draft(validUntil: String = "", lines: [EstimateDraft.Line] = [.init(description: "Design", quantity: "2", unitPrice: "150.00",
                                                                                   taxName: "Sales tax", taxPercent: "8.25")]) -> EstimateDraft {
        EstimateDraft(clientId: "7", issueDate: "2026-11-30", validUntil: validUntil, lines: lines)
    }

    func errors(_ draft: EstimateDraft, validDays: Int = 30) -> ValidationErrors {
        guard case .failure(let errors) = draft.validated(currency: .usd, validDays: validDays) else { return ValidationErrors() }
        return errors
    }

    @Test func aBlankValidUntilCountsTheCompanyDefaultFromTheIssueDate() throws {
        #expect(try Self.draft().validated(currency: .usd).get().dueDate == CalendarDate(year: 2026, month: 12, day: 30))
        #expect(try Self.draft().validated(currency: .usd, validDays: 14).get().dueDate == CalendarDate(year: 2026, month: 12, day: 14))
        #expect(try Self.draft(validUntil: "2027-01-31").validated(currency: .usd, validDays: 14).get().dueDate
                == CalendarDate(year: 2027, month: 1, day: 31))
    }

    @Test func theInvoiceChecksApplyAndDueDateMessagesAreAboutValidity() {
        #expect(errors(Self.draft(validUntil: "2026-11-01"))["valid_until"] == "The valid-until date cannot be before the issue date.")
        #expect(errors(Self.draft(validUntil: "soon"))["valid_until"]?.contains("Enter a date") == true)
        #expect(errors(Self.draft(), validDays: 400)["valid_until"] != nil)
        #expect(errors(Self.draft())["due_date"] == nil)
        let badLine = errors(Self.draft(lines: [.init(description: "", quantity: "x", unitPrice: "1")]))
        #expect(badLine["line_1_description"] != nil && badLine["line_1_quantity"] != nil)
        var tooMuchOff = Self.draft()
        tooMuchOff.discountKind = "fixed"
        tooMuchOff.discountValue = "1,000.00"
        #expect(errors(tooMuchOff)["discount_value"] == "The discount cannot be more than the subtotal.")
    }

    @Test func aValidEstimateReadsBackAsTheSameForm() throws {
        var form = Self.draft(validUntil: "2026-12-15")
        form.discountKind = "percentage"
        form.discountValue = "10"
        form.notes = "Thanks"
        let valid = try form.validated(currency: .usd).get()
        let again = EstimateDraft(valid, currency: .usd)
        #expect(again.validUntil == "2026-12-15" && again.discountValue == "10" && again.notes == "Thanks")
        #expect(try again.validated(currency: .usd).get() == valid)
    }
}
