/// What a user typed into the client form, before and after validation.
public struct ClientDraft: Sendable, Equatable {
    public var name: String
    public var email: String
    public var companyName: String
    public var phone: String
    public var address: String
    public var notes: String

    public static let nameLimit = 200
    public static let shortFieldLimit = 200
    public static let longFieldLimit = 5_000

    public init(name: String = "", email: String = "", companyName: String = "", phone: String = "",
                address: String = "", notes: String = "") {
        self.name = name
        self.email = email
        self.companyName = companyName
        self.phone = phone
        self.address = address
        self.notes = notes
    }

    /// Trims every field and checks it; the normalized draft is what gets stored.
    public func validated() -> Result<ClientDraft, ValidationErrors> {
        var clean = self
        clean.name = name.trimmingWhitespace()
        clean.email = EmailAddress.normalized(email)
        clean.companyName = companyName.trimmingWhitespace()
        clean.phone = phone.trimmingWhitespace()
        clean.address = address.trimmingWhitespace()
        clean.notes = notes.trimmingWhitespace()

        var errors = ValidationErrors()
        if clean.name.isEmpty {
            errors.add("name", "Name is required.")
        } else if clean.name.unicodeScalars.count > Self.nameLimit {
            errors.add("name", "Name must be at most \(Self.nameLimit) characters.")
        }
        if !clean.email.isEmpty && !EmailAddress.isValid(clean.email) {
            errors.add("email", "Enter an email address like name@example.com.")
        }
        if clean.companyName.unicodeScalars.count > Self.shortFieldLimit {
            errors.add("company_name", "Company must be at most \(Self.shortFieldLimit) characters.")
        }
        if clean.phone.unicodeScalars.count > 50 {
            errors.add("phone", "Phone must be at most 50 characters.")
        }
        if clean.address.unicodeScalars.count > Self.longFieldLimit {
            errors.add("address", "Address must be at most \(Self.longFieldLimit) characters.")
        }
        if clean.notes.unicodeScalars.count > Self.longFieldLimit {
            errors.add("notes", "Notes must be at most \(Self.longFieldLimit) characters.")
        }
        // Lengths count Unicode scalars, as SQLite's length() does in the CHECK constraints.
        for (field, value) in [("name", clean.name), ("company_name", clean.companyName), ("phone", clean.phone)]
        where value.unicodeScalars.contains(where: Self.isControl) {
            errors.add(field, "Remove the control characters from this field.")
        }
        return errors.isEmpty ? .success(clean) : .failure(errors)
    }

    /// C0 controls, DEL and C1 controls: never part of a name or a phone number.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
