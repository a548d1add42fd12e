/// What a user typed into the estimate form. An estimate is an invoice's content with a
/// "valid until" date instead of a due date, so this reuses `InvoiceDraft`'s lines and its
/// validation (client, dates, lines, taxes, discount, totals) rather than repeating them:
/// `validated` runs `InvoiceDraft.validated` with the valid-until date in the due-date slot
/// and the company's default validity in the payment-terms slot, and renames the messages.
public struct EstimateDraft: Sendable, Equatable {
    public typealias Line = InvoiceDraft.Line

    public var clientId: String
    public var issueDate: String
    /// Blank: the issue date plus the company's default validity (`companies.estimate_valid_days`).
    public var validUntil: String
    public var discountKind: String
    public var discountValue: String
    public var notes: String
    public var terms: String
    public var lines: [Line]

    public static let defaultValidDays = 30

    public init(clientId: String = "", issueDate: String = "", validUntil: String = "", discountKind: String = "none",
                discountValue: String = "", notes: String = "", terms: String = "", lines: [Line] = []) {
        self.clientId = clientId
        self.issueDate = issueDate
        self.validUntil = validUntil
        self.discountKind = discountKind
        self.discountValue = discountValue
        self.notes = notes
        self.terms = terms
        self.lines = lines
    }

    /// The same content as an invoice form: what validation and conversion run through.
    public func invoiceDraft(validDays: Int) -> InvoiceDraft {
        InvoiceDraft(clientId: clientId, issueDate: issueDate, dueDate: validUntil, paymentTermsDays: String(validDays),
                     discountKind: discountKind, discountValue: discountValue, notes: notes, terms: terms, lines: lines)
    }

    /// Checks every field as `InvoiceDraft.validated` does. The result's `dueDate` is the
    /// valid-until date (blank: issue date + `validDays`); messages about the due date are
    /// reported on `valid_until` and talk about validity.
    public func validated(currency: Currency, validDays: Int = Self.defaultValidDays) -> Result<ValidInvoice, ValidationErrors> {
        switch invoiceDraft(validDays: validDays).validated(currency: currency) {
        case .success(let clean):
            return .success(clean)
        case .failure(let errors):
            var renamed = ValidationErrors()
            for (field, message) in errors.messages {
                switch field {
                case "due_date":
                    renamed.add("valid_until", validUntil.trimmingWhitespace().isEmpty || message.contains("before")
                                ? "The valid-until date cannot be before the issue date."
                                : "Enter a date like 2026-12-30, or leave it empty to use the company's default validity.")
                case "payment_terms_days":
                    renamed.add("valid_until", "The company's default validity is out of range (0 to \(PaymentTerms.maxNetDays) days).")
                case "lines":
                    renamed.add(field, message.replacingOccurrences(of: "invoice", with: "estimate"))
                default:
                    renamed.add(field, message)
                }
            }
            return .failure(renamed)
        }
    }

    /// The form as it would be typed for a stored valid estimate.
    public init(_ valid: ValidInvoice, currency: Currency) {
        let form = InvoiceDraft(valid, currency: currency)
        self.init(clientId: form.clientId, issueDate: form.issueDate, validUntil: form.dueDate, discountKind: form.discountKind,
                  discountValue: form.discountValue, notes: form.notes, terms: form.terms, lines: form.lines)
    }
}
