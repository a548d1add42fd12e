/// The recurring-template form as typed: the schedule fields, plus an invoice form whose
/// client, payment terms, discount, notes, terms and lines are validated exactly as an
/// invoice's are (`InvoiceDraft.validated`), so a template can never produce an invoice
/// that would not validate.
public struct RecurringTemplateDraft: Sendable, Equatable {
    public var name: String
    public var frequency: String
    public var startDate: String
    /// Blank: no end.
    public var endDate: String
    /// `draft` or `send`.
    public var mode: String
    /// Client, payment terms, discount, notes, terms and lines (its dates are ignored).
    public var invoice: InvoiceDraft

    public static let nameLimit = 200

    public init(name: String = "", frequency: String = "monthly", startDate: String = "", endDate: String = "",
                mode: String = "draft", invoice: InvoiceDraft = InvoiceDraft()) {
        self.name = name
        self.frequency = frequency
        self.startDate = startDate
        self.endDate = endDate
        self.mode = mode
        self.invoice = invoice
    }

    public func validated(currency: Currency) -> Result<ValidRecurringTemplate, ValidationErrors> {
        var errors = ValidationErrors()
        let cleanName = name.trimmingWhitespace()
        if cleanName.isEmpty {
            errors.add("name", "Name the template, e.g. Monthly retainer.")
        } else if cleanName.unicodeScalars.count > Self.nameLimit {
            errors.add("name", "A name has at most \(Self.nameLimit) characters.")
        }
        let parsedFrequency = RecurrenceFrequency(rawValue: frequency.trimmingWhitespace())
        if parsedFrequency == nil { errors.add("frequency", "Choose weekly, monthly, quarterly or yearly.") }
        let start = CalendarDate(parsing: startDate.trimmingWhitespace())
        if startDate.trimmingWhitespace().isEmpty {
            errors.add("start_date", "Enter the date of the first invoice.")
        } else if start == nil {
            errors.add("start_date", "Enter a date like 2026-12-01.")
        }
        var end: CalendarDate?
        let endText = endDate.trimmingWhitespace()
        if !endText.isEmpty {
            if let parsed = CalendarDate(parsing: endText) {
                end = parsed
                if let start, parsed < start { errors.add("end_date", "The end date cannot be before the start date.") }
            } else {
                errors.add("end_date", "Enter a date like 2027-12-01, or leave it empty for no end.")
            }
        }
        let sendMode = mode.trimmingWhitespace()
        if sendMode != "draft" && sendMode != "send" { errors.add("mode", "Choose to create drafts or to send automatically.") }

        // The invoice part, validated as an invoice issued on the start date.
        var invoiceForm = invoice
        invoiceForm.issueDate = (start ?? CalendarDate(daysSinceEpoch: 0)).description
        invoiceForm.dueDate = ""
        var clean: ValidInvoice?
        switch invoiceForm.validated(currency: currency) {
        case .success(let valid): clean = valid
        case .failure(let invoiceErrors):
            for (field, message) in invoiceErrors.messages where field != "issue_date" && field != "due_date" {
                errors.add(field, message)
            }
        }
        if let clean, clean.lines.isEmpty { errors.add("lines", "Add at least one line: every invoice needs one.") }

        guard errors.isEmpty, let clean, let parsedFrequency, let start else { return .failure(errors) }
        return .success(ValidRecurringTemplate(name: cleanName, frequency: parsedFrequency, start: start, end: end,
                                               sendsAutomatically: sendMode == "send", invoice: clean))
    }
}

/// A template that passed validation.
public struct ValidRecurringTemplate: Sendable, Equatable {
    public let name: String
    public let frequency: RecurrenceFrequency
    public let start: CalendarDate
    public let end: CalendarDate?
    public let sendsAutomatically: Bool
    /// Client, terms, discount, notes, terms and lines (its issue date is `start`).
    public let invoice: ValidInvoice

    public var schedule: RecurrenceSchedule { RecurrenceSchedule(frequency: frequency, start: start, end: end) }
}
