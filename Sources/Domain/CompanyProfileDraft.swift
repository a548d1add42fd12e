/// What the company settings form holds: how the firm appears on its invoices and
/// estimates (address, contact, tax id, payment instructions) and the default validity of an
/// estimate. The logo is a file and is checked where files are.
public struct CompanyProfileDraft: Sendable, Equatable {
    public var address: String
    public var email: String
    public var phone: String
    public var taxId: String
    public var paymentInstructions: String
    public var estimateValidDays: String

    public static let addressLimit = 500
    public static let shortFieldLimit = 100
    public static let paymentInstructionsLimit = 1_000
    public static let maxEstimateValidDays = 365

    public init(address: String = "", email: String = "", phone: String = "", taxId: String = "",
                paymentInstructions: String = "", estimateValidDays: String = "30") {
        self.address = address
        self.email = email
        self.phone = phone
        self.taxId = taxId
        self.paymentInstructions = paymentInstructions
        self.estimateValidDays = estimateValidDays
    }

    /// The trimmed draft and the validity in days, or a message per field.
    public func validated() -> Result<(draft: CompanyProfileDraft, estimateValidDays: Int), ValidationErrors> {
        var clean = self
        clean.address = address.trimmingWhitespace()
        clean.email = EmailAddress.normalized(email)
        clean.phone = phone.trimmingWhitespace()
        clean.taxId = taxId.trimmingWhitespace()
        clean.paymentInstructions = paymentInstructions.trimmingWhitespace()
        clean.estimateValidDays = estimateValidDays.trimmingWhitespace()

        var errors = ValidationErrors()
        func limit(_ field: String, _ value: String, _ max: Int) {
            if value.unicodeScalars.count > max { errors.add(field, "Use at most \(max) characters.") }
        }
        limit("address", clean.address, Self.addressLimit)
        limit("phone", clean.phone, Self.shortFieldLimit)
        limit("tax_id", clean.taxId, Self.shortFieldLimit)
        limit("payment_instructions", clean.paymentInstructions, Self.paymentInstructionsLimit)
        if !clean.email.isEmpty && !EmailAddress.isValid(clean.email) {
            errors.add("email", "Enter an email address like billing@example.com.")
        }
        let days = clean.estimateValidDays.utf8.allSatisfy { (48...57).contains($0) } && clean.estimateValidDays.utf8.count <= 3
            ? Int(clean.estimateValidDays) : nil
        if days == nil || days! > Self.maxEstimateValidDays {
            errors.add("estimate_valid_days", "Enter a whole number of days from 0 to \(Self.maxEstimateValidDays).")
        }
        guard errors.isEmpty, let days else { return .failure(errors) }
        return .success((clean, days))
    }
}
