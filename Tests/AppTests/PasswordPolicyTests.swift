import Domain
import Foundation
import Testing
@testable import App

@Suite struct PasswordPolicyTests {
    @Test func theShippedListIsLoadedAndHoldsTheUsualSuspects() {
        #expect(CommonPasswords.count > 10_000)
        for common in ["password", "123456", "qwerty", "1qaz2wsx3edc", "qwerty123456", "qwertyuiop123"] {
            #expect(CommonPasswords.contains(common), "\(common)")
        }
    }

    @Test(arguments: ["1qaz2wsx3edc", "QWERTY123456", "Qwertyuiop123", "passwordpassword", "aaaaaaaaaaaa", "monkeymonkey"])
    func commonPasswordsOfTwelveOrMoreAreRefused(password: String) {
        #expect(password.count >= 12)
        #expect(PasswordPolicy.problem(with: password)?.contains("common or leaked") == true, "\(password)")
    }

    @Test(arguments: ["correct horse battery staple", "tEa-kettle-on-the-moon-7", "twelve chars"])
    func uncommonPasswordsOfTwelveOrMorePass(password: String) {
        #expect(PasswordPolicy.problem(with: password) == nil)
    }

    @Test func lengthIsCountedInCharactersBothWays() {
        #expect(PasswordPolicy.problem(with: "elevenchars") == "Passwords must be at least 12 characters.")
        #expect(PasswordPolicy.problem(with: "ééééééé-ünï") != nil, "11 characters, more bytes")
        #expect(PasswordPolicy.problem(with: String(repeating: "ab3", count: 400)) == "Passwords can be at most 1024 characters.")
    }

    @Test func theEmailIsNotAPassword() {
        #expect(PasswordPolicy.problem(with: "Ada.Lovelace@acme.test", email: "ada.lovelace@acme.test")
                == "Your password cannot be your email address.")
    }

    @Test func createUserRefusesACommonPasswordAndWritesNothing() throws {
        try withTestApp { t throws in
            let error = thrownError {
                try t.app.identity.createUser(email: "ada@acme.test", password: "1q2w3e4r5t6y", companyName: "Acme", role: .owner)
            }
            guard case AppError.invalid(let errors)? = error as? AppError else {
                Issue.record("expected .invalid, got \(String(describing: error))")
                return
            }
            #expect(errors["password"]?.hasPrefix("That password is on a list of common or leaked passwords") == true)
            #expect(try t.tableCounts().values.allSatisfy { $0 == 0 })
        }
    }
}
