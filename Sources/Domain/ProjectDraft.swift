/// What a user typed into the project form. Amounts are in the company's currency through
/// `MoneyInput`; the hour budget is decimal hours ("40", "12.5") stored as whole minutes.
public struct ProjectDraft: Sendable, Equatable {
    public var clientId: String
    public var name: String
    public var code: String
    public var billingType: String
    public var hourlyRate: String
    public var fixedFee: String
    public var budgetHours: String
    public var budgetAmount: String
    public var status: String
    public var memberIds: [String]
    public var notes: String

    public static let nameLimit = 200
    public static let codeLimit = 20
    /// 100,000 hours: far beyond any one project, small enough that sums never overflow.
    public static let maxBudgetMinutes: Int64 = 100_000 * 60

    public struct Valid: Sendable, Equatable {
        public let clientId: Int64
        public let name: String
        /// nil when left empty; stored upper-cased so "web-1" and "WEB-1" are one code.
        public let code: String?
        public let billingType: ProjectBillingType
        public let hourlyRateCents: Int64?
        public let fixedFeeCents: Int64?
        public let budgetMinutes: Int64?
        public let budgetAmountCents: Int64?
        public let status: ProjectStatus
        public let memberIds: [Int64]
        public let notes: String
    }

    public init(clientId: String = "", name: String = "", code: String = "",
                billingType: String = ProjectBillingType.hourly.rawValue, hourlyRate: String = "", fixedFee: String = "",
                budgetHours: String = "", budgetAmount: String = "", status: String = ProjectStatus.active.rawValue,
                memberIds: [String] = [], notes: String = "") {
        self.clientId = clientId
        self.name = name
        self.code = code
        self.billingType = billingType
        self.hourlyRate = hourlyRate
        self.fixedFee = fixedFee
        self.budgetHours = budgetHours
        self.budgetAmount = budgetAmount
        self.status = status
        self.memberIds = memberIds
        self.notes = notes
    }

    public func validated(currency: Currency) -> Result<Valid, ValidationErrors> {
        var errors = ValidationErrors()
        var client: Int64?
        switch DraftChecks.id(clientId, field: "client_id", into: &errors) {
        case .some(.some(let id)): client = id
        case .some(.none): errors.add("client_id", "Choose the client.")
        case .none: break
        }
        let cleanName = name.trimmingWhitespace()
        DraftChecks.name(cleanName, field: "name", label: "Name", limit: Self.nameLimit, into: &errors)
        let cleanCode = code.trimmingWhitespace().uppercased()
        if !cleanCode.isEmpty {
            let allowed = cleanCode.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
            if cleanCode.unicodeScalars.count > Self.codeLimit {
                errors.add("code", "Code must be at most \(Self.codeLimit) characters.")
            } else if !allowed {
                errors.add("code", "Use letters, digits, - and _ only, like WEB-01.")
            }
        }
        let billing = ProjectBillingType(rawValue: billingType)
        var hourly: Int64?
        var fee: Int64?
        switch billing {
        case .hourly: hourly = DraftChecks.money(hourlyRate, field: "hourly_rate", currency: currency, required: true, into: &errors)
        case .fixedFee: fee = DraftChecks.money(fixedFee, field: "fixed_fee", currency: currency, required: true, into: &errors)
        case .nonBillable: break
        case nil: errors.add("billing_type", "Choose how the project is billed.")
        }
        let minutes = Self.budgetMinutes(budgetHours, into: &errors)
        let amount = DraftChecks.money(budgetAmount, field: "budget_amount", currency: currency, required: false, into: &errors)
        if amount == 0 { errors.add("budget_amount", NumberInputError.zeroNotAllowed.message) }
        let status = ProjectStatus(rawValue: status)
        if status == nil { errors.add("status", "Choose a status.") }
        var members: [Int64] = []
        for text in memberIds {
            guard let id = Int64(text.trimmingWhitespace()), id > 0 else {
                errors.add("member_ids", "Choose people from the list.")
                break
            }
            if !members.contains(id) { members.append(id) }
        }
        let cleanNotes = notes.trimmingWhitespace()
        DraftChecks.long(cleanNotes, field: "notes", label: "Notes", into: &errors)
        guard errors.isEmpty, let client, let billing, let status, let minutes else { return .failure(errors) }
        return .success(Valid(clientId: client, name: cleanName, code: cleanCode.isEmpty ? nil : cleanCode,
                              billingType: billing, hourlyRateCents: hourly, fixedFeeCents: fee,
                              budgetMinutes: minutes, budgetAmountCents: amount, status: status,
                              memberIds: members.sorted(), notes: cleanNotes))
    }

    /// Decimal hours with at most two decimals, to the nearest minute; `.some(nil)` when empty.
    static func budgetMinutes(_ text: String, into errors: inout ValidationErrors) -> Int64?? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return .some(nil) }
        do throws(NumberInputError) {
            let hundredths = try DecimalText.parse(Substring(trimmed), allowGrouping: true)
                .scaled(decimals: 2, limit: maxBudgetMinutes / 60 * 100, limitText: "100,000 hours")
            guard hundredths > 0 else { throw .zeroNotAllowed }
            return .some((hundredths * 60 + 50) / 100)
        } catch {
            errors.add("budget_hours", trimmed.hasPrefix("-") ? NumberInputError.negativeNotAllowed.message : error.message)
            return nil
        }
    }

    /// "40", "12.5": how a stored minute budget is shown back in the form.
    public static func hoursText(minutes: Int64) -> String {
        let hundredths = (minutes * 100 + 30) / 60
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        return String(whole) + "." + (fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction))
    }
}
