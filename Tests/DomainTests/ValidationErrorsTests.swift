import Testing
@testable import Domain

@Suite("ValidationErrors")
struct ValidationErrorsTests {
    @Test func startsEmpty() {
        let errors = ValidationErrors()
        #expect(errors.isEmpty)
        #expect(errors.messages.isEmpty)
        #expect(errors["name"] == nil)
    }

    @Test func keepsTheOrderFieldsWereChecked() {
        var errors = ValidationErrors()
        errors.add("name", "Name is required.")
        errors.add("email", "Bad email.")
        errors.add("notes", "Too long.")
        #expect(!errors.isEmpty)
        #expect(errors.messages.map(\.field) == ["name", "email", "notes"])
        #expect(errors.messages.map(\.message) == ["Name is required.", "Bad email.", "Too long."])
    }

    @Test func theFirstMessageForAFieldWins() {
        var errors = ValidationErrors()
        errors.add("name", "first")
        errors.add("email", "other")
        errors.add("name", "second")
        #expect(errors["name"] == "first")
        #expect(errors.messages.count == 2)
        #expect(errors.messages.map(\.field) == ["name", "email"])
    }

    @Test func fieldNamesAreExact() {
        var errors = ValidationErrors()
        errors.add("name", "x")
        #expect(errors["Name"] == nil)
        #expect(errors["name "] == nil)
    }

    @Test func equalityComparesFieldsMessagesAndOrder() {
        var a = ValidationErrors()
        a.add("name", "x")
        a.add("email", "y")
        var b = ValidationErrors()
        b.add("name", "x")
        b.add("email", "y")
        #expect(a == b)

        var reordered = ValidationErrors()
        reordered.add("email", "y")
        reordered.add("name", "x")
        #expect(a != reordered)

        var otherMessage = ValidationErrors()
        otherMessage.add("name", "x")
        otherMessage.add("email", "z")
        #expect(a != otherMessage)

        // The separator keeps ("a", "bc") apart from ("ab", "c").
        var split1 = ValidationErrors()
        split1.add("a", "bc")
        var split2 = ValidationErrors()
        split2.add("ab", "c")
        #expect(split1 != split2)
        #expect(ValidationErrors() == ValidationErrors())
    }
}
