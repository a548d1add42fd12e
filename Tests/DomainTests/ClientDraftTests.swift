import Testing
@testable import Domain

@Suite("ClientDraft.validated")
struct ClientDraftTests {
    private func clean(_ draft: ClientDraft, sourceLocation: SourceLocation = #_sourceLocation) throws -> ClientDraft {
        switch draft.validated() {
        case .success(let clean): return clean
        case .failure(let errors):
            Issue.record("expected a valid draft, got \(errors.messages)", sourceLocation: sourceLocation)
            throw errors
        }
    }

    private func errors(_ draft: ClientDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationErrors {
        switch draft.validated() {
        case .success(let clean):
            Issue.record("expected validation errors, got the valid draft \(clean)", sourceLocation: sourceLocation)
            return ValidationErrors()
        case .failure(let errors): return errors
        }
    }

    @Test func trimsEveryFieldAndLowercasesTheEmail() throws {
        let draft = ClientDraft(name: "  Ada Lovelace \n", email: "  ADA@Example.COM\t", companyName: " Analytical Engines ",
                                phone: "\t+1 555 0100 ", address: "\n 12 St James's Square\nLondon \n", notes: "  first line\nsecond  ")
        let result = try clean(draft)
        #expect(result == ClientDraft(name: "Ada Lovelace", email: "ada@example.com", companyName: "Analytical Engines",
                                      phone: "+1 555 0100", address: "12 St James's Square\nLondon",
                                      notes: "first line\nsecond"))
    }

    @Test func aDraftWithOnlyANameIsValidAndUnchanged() throws {
        #expect(try clean(ClientDraft(name: "Acme")) == ClientDraft(name: "Acme"))
    }

    @Test(arguments: ["", " ", "   \t\n  ", "\u{A0}\u{2003}"])
    func emptyOrBlankNameIsRequired(name: String) {
        let errors = errors(ClientDraft(name: name))
        #expect(errors["name"] == "Name is required.")
        #expect(errors.messages.count == 1)
    }

    @Test func nameOf200CharactersIsAcceptedAnd201Refused() throws {
        let exactly200 = String(repeating: "a", count: 200)
        #expect(try clean(ClientDraft(name: exactly200)).name == exactly200)

        let errors = errors(ClientDraft(name: String(repeating: "a", count: 201)))
        #expect(errors["name"] == "Name must be at most 200 characters.")
        #expect(errors.messages.map(\.field) == ["name"])
    }

    @Test func theLengthLimitAppliesAfterTrimming() throws {
        let padded = "   " + String(repeating: "b", count: 200) + "   "
        #expect(try clean(ClientDraft(name: padded)).name.count == 200)
    }

    @Test(arguments: ["a@b", "a b@c.d", "@x.y", "a@@b.c", "a@b.", "a@.b", "a@b..c", "a<b@c.d", "no-at-sign.example"])
    func badEmailsAreRefused(email: String) {
        let errors = errors(ClientDraft(name: "Acme", email: email))
        #expect(errors["email"] == "Enter an email address like name@example.com.")
        #expect(errors["name"] == nil)
    }

    @Test func emailIsOptional() throws {
        #expect(try clean(ClientDraft(name: "Acme", email: "   ")).email == "")
    }

    @Test(arguments: ["Acme\u{0}", "Ac\tme", "Ac\nme", "Ac\rme", "\u{1B}[31mAcme", "Acme\u{7}Corp", "Acme\u{1F}"])
    func controlCharactersAreRefusedInName(name: String) {
        let errors = errors(ClientDraft(name: name))
        #expect(errors["name"] == "Remove the control characters from this field.")
    }

    @Test func controlCharactersAreRefusedInCompanyNameAndPhone() {
        let errors = errors(ClientDraft(name: "Acme", companyName: "Big\u{0}Co", phone: "555\u{8}0100"))
        #expect(errors["company_name"] == "Remove the control characters from this field.")
        #expect(errors["phone"] == "Remove the control characters from this field.")
        #expect(errors["name"] == nil)
    }

    /// DEL (U+007F) is a control character (Unicode general category Cc) like those below
    /// U+0020; EmailAddress already refuses it. A client name must not hold it either.
    @Test func deleteCharacterIsRefusedInName() {
        let errors = errors(ClientDraft(name: "Acme\u{7F}"))
        #expect(errors["name"] == "Remove the control characters from this field.")
    }

    @Test func addressAndNotesMayHoldLineBreaks() throws {
        let result = try clean(ClientDraft(name: "Acme", address: "1 Road\r\nTown", notes: "a\nb\tc"))
        #expect(result.address == "1 Road\r\nTown")
        #expect(result.notes == "a\nb\tc")
    }

    @Test func longFieldsAtTheirLimitsAreAccepted() throws {
        let result = try clean(ClientDraft(name: "Acme", companyName: String(repeating: "c", count: 200),
                                           phone: String(repeating: "5", count: 50),
                                           address: String(repeating: "x", count: 5_000),
                                           notes: String(repeating: "n", count: 5_000)))
        #expect(result.notes.count == 5_000)
        #expect(result.address.count == 5_000)
    }

    @Test func fieldsOverTheirLimitsAreRefusedInFieldOrder() {
        let errors = errors(ClientDraft(name: String(repeating: "a", count: 201), email: "a@b",
                                        companyName: String(repeating: "c", count: 201),
                                        phone: String(repeating: "5", count: 51),
                                        address: String(repeating: "x", count: 5_001),
                                        notes: String(repeating: "n", count: 5_001)))
        #expect(errors.messages.map(\.field) == ["name", "email", "company_name", "phone", "address", "notes"])
        #expect(errors["company_name"] == "Company must be at most 200 characters.")
        #expect(errors["phone"] == "Phone must be at most 50 characters.")
        #expect(errors["address"] == "Address must be at most 5000 characters.")
        #expect(errors["notes"] == "Notes must be at most 5000 characters.")
    }

    @Test func hugeNotesAreRefusedWithoutFailingOtherwise() {
        let errors = errors(ClientDraft(name: "Acme", notes: String(repeating: "🙂", count: 1_000_000)))
        #expect(errors.messages.map(\.field) == ["notes"])
    }

    @Test(arguments: ["Zoë Ünal", "株式会社トヨタ", "Ørsted A/S", "Müller & Söhne GmbH", "👩‍💻 Studio", "O'Brien-Smith"])
    func unicodeNamesAreAcceptedUnchanged(name: String) throws {
        #expect(try clean(ClientDraft(name: name)).name == name)
    }

    @Test func aControlCharacterInAnOverlongNameReportsOnlyTheFirstMessage() {
        let errors = errors(ClientDraft(name: String(repeating: "a", count: 201) + "\u{0}"))
        #expect(errors["name"] == "Name must be at most 200 characters.")
        #expect(errors.messages.count == 1)
    }
}
