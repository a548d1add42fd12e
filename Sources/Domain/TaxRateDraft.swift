/// What a user typed into the tax-rate form. `validated()` trims and parses it: the rate goes
/// through `PercentInput` (thousandths of a percent, 0…100 %).
public struct TaxRateDraft: Sendable, Equatable {
    public var name: String
    public var rate: String
    public var isDefault: Bool

    public static let nameLimit = 100

    /// A checked draft: what gets stored.
    public struct Valid: Sendable, Equatable {
        public let name: String
        public let milliPercent: Int
        public let isDefault: Bool
        public var taxRate: TaxRate { TaxRate(name: name, milliPercent: milliPercent) }
    }

    public init(name: String = "", rate: String = "", isDefault: Bool = false) {
        self.name = name
        self.rate = rate
        self.isDefault = isDefault
    }

    public func validated() -> Result<Valid, ValidationErrors> {
        let cleanName = name.trimmingWhitespace()
        var errors = ValidationErrors()
        DraftChecks.name(cleanName, field: "name", label: "Name", limit: Self.nameLimit, into: &errors)
        var milliPercent = 0
        do throws(NumberInputError) {
            milliPercent = try PercentInput.parseMilliPercent(rate)
        } catch {
            errors.add("rate", error == .empty ? "Enter the rate, like 8.25." : error.message)
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Valid(name: cleanName, milliPercent: milliPercent, isDefault: isDefault))
    }
}

/// Checks the drafts of this slice share.
enum DraftChecks {
    static func name(_ value: String, field: String, label: String, limit: Int, required: Bool = true,
                     into errors: inout ValidationErrors) {
        if value.isEmpty {
            if required { errors.add(field, "\(label) is required.") }
        } else if value.unicodeScalars.count > limit {
            errors.add(field, "\(label) must be at most \(limit) characters.")
        } else if value.unicodeScalars.contains(where: ClientDraft.isControl) {
            errors.add(field, "Remove the control characters from this field.")
        }
    }

    static func long(_ value: String, field: String, label: String, into errors: inout ValidationErrors) {
        if value.unicodeScalars.count > ClientDraft.longFieldLimit {
            errors.add(field, "\(label) must be at most \(ClientDraft.longFieldLimit) characters.")
        }
    }

    /// An amount field through `MoneyInput` (strict: "12.345" is refused, not rounded).
    static func money(_ text: String, field: String, currency: Currency, required: Bool,
                      into errors: inout ValidationErrors) -> Int64? {
        do throws(NumberInputError) {
            if required { return try MoneyInput.parse(text, currency: currency) }
            return try MoneyInput.parseOptional(text, currency: currency)
        } catch {
            errors.add(field, error.message)
            return nil
        }
    }

    /// An id chosen in a select: empty is none; anything but a positive integer is refused.
    static func id(_ text: String, field: String, into errors: inout ValidationErrors) -> Int64?? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return .some(nil) }
        guard let value = Int64(trimmed), value > 0 else {
            errors.add(field, "Choose one of the options.")
            return nil
        }
        return .some(value)
    }
}
