/// What a user typed into the expense form. Amounts are in the company's currency through
/// `MoneyInput` (strict: "12.345", "-0" and amounts past the maximum are refused with a
/// message); the markup through `PercentInput` (0–100 %, up to three decimals).
public struct ExpenseDraft: Sendable, Equatable {
    public var spentOn: String
    public var vendor: String
    public var category: String
    public var amount: String
    public var tax: String
    public var clientId: String
    public var projectId: String
    public var billable: Bool
    public var markup: String
    public var notes: String

    public static let vendorLimit = 200
    public static let categoryLimit = 60
    /// Offered in the category field (free text: a firm may type its own).
    public static let suggestedCategories = ["Travel", "Meals", "Software", "Hardware", "Subcontractors", "Office", "Other"]

    public struct Valid: Sendable, Equatable {
        public let spentOn: CalendarDate
        public let vendor: String
        public let category: String
        public let amountCents: Int64
        public let taxCents: Int64
        public let clientId: Int64?
        public let projectId: Int64?
        public let billable: Bool
        /// Thousandths of a percent; 0 when not billable.
        public let markupMilliPercent: Int
        public let notes: String
    }

    public init(spentOn: String = "", vendor: String = "", category: String = "", amount: String = "", tax: String = "",
                clientId: String = "", projectId: String = "", billable: Bool = false, markup: String = "", notes: String = "") {
        self.spentOn = spentOn
        self.vendor = vendor
        self.category = category
        self.amount = amount
        self.tax = tax
        self.clientId = clientId
        self.projectId = projectId
        self.billable = billable
        self.markup = markup
        self.notes = notes
    }

    /// Field checks that need no database. The client and project ids are only checked for
    /// shape here; that they are the company's, and that the project is the client's, is the
    /// service's business.
    public func validated(currency: Currency) -> Result<Valid, ValidationErrors> {
        var errors = ValidationErrors()
        let dateText = spentOn.trimmingWhitespace()
        let date = CalendarDate(parsing: dateText)
        if dateText.isEmpty {
            errors.add("spent_on", "Enter the date of the expense.")
        } else if date == nil {
            errors.add("spent_on", "Enter a date like 2026-11-30.")
        }
        let cleanVendor = vendor.trimmingWhitespace()
        DraftChecks.name(cleanVendor, field: "vendor", label: "Vendor", limit: Self.vendorLimit, into: &errors)
        let cleanCategory = category.trimmingWhitespace()
        DraftChecks.name(cleanCategory, field: "category", label: "Category", limit: Self.categoryLimit, required: false, into: &errors)

        var amountCents: Int64?
        if amount.trimmingWhitespace().isEmpty {
            errors.add("amount", "Enter the amount spent.")
        } else if let cents = DraftChecks.money(amount, field: "amount", currency: currency, required: true, into: &errors) {
            if cents == 0 { errors.add("amount", NumberInputError.zeroNotAllowed.message) } else { amountCents = cents }
        }
        let taxCents = DraftChecks.money(tax, field: "tax", currency: currency, required: false, into: &errors)

        var client: Int64?
        switch DraftChecks.id(clientId, field: "client_id", into: &errors) {
        case .some(let id): client = id
        case .none: break
        }
        var project: Int64?
        switch DraftChecks.id(projectId, field: "project_id", into: &errors) {
        case .some(let id): project = id
        case .none: break
        }
        if billable && client == nil && project == nil && errors["client_id"] == nil && errors["project_id"] == nil {
            errors.add("client_id", "Choose the client (or project) to bill this expense to.")
        }

        var markupMilliPercent = 0
        let markupText = markup.trimmingWhitespace()
        if !markupText.isEmpty {
            do throws(NumberInputError) {
                markupMilliPercent = try PercentInput.parseMilliPercent(markupText)
                if markupMilliPercent > 0 && !billable {
                    errors.add("markup", "A markup applies only to a billable expense; tick Billable or clear the markup.")
                }
            } catch {
                errors.add("markup", error.message)
            }
        }
        let cleanNotes = notes.trimmingWhitespace()
        DraftChecks.long(cleanNotes, field: "notes", label: "Notes", into: &errors)

        guard errors.isEmpty, let date, let amountCents else { return .failure(errors) }
        return .success(Valid(spentOn: date, vendor: cleanVendor, category: cleanCategory, amountCents: amountCents,
                              taxCents: taxCents ?? 0, clientId: client, projectId: project, billable: billable,
                              markupMilliPercent: billable ? markupMilliPercent : 0, notes: cleanNotes))
    }
}
