import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct SignupPageTests {
    func openHarness() throws -> WebHarness {
        try WebHarness(configure: { $0.openSignup = true })
    }

    @Test func closedByDefault() throws {
        let harness = try WebHarness()
        let browser = Browser(harness)
        #expect(browser.get("/signup").status == 404)
        #expect(browser.post("/signup", [("company_name", "Sneaky"), ("email", "a@b.example"),
                                         ("password", "correct horse battery staple")]).status == 404)
        #expect(try harness.app.identity.companies().isEmpty)
        #expect(!browser.get("/login").bodyText.contains("/signup"))
    }

    @Test func createsTheCompanyAndSignsTheOwnerIn() throws {
        let harness = try openHarness()
        let browser = Browser(harness)
        #expect(browser.get("/login").bodyText.contains("href=\"/signup\""))
        let response = browser.post("/signup", [("company_name", "Fresh Studio"), ("name", "Fay"), ("email", "Fay@Fresh.example"),
                                                ("password", "a long and unusual passphrase")])
        #expect(response.status == 303)
        #expect(response.location == "/")
        #expect(browser.get("/clients").status == 200)
        let company = try harness.companyId("Fresh Studio")
        #expect(try harness.auditCount("company.signed_up", company: company) == 1)
        let owner = try harness.app.database.pool.read { db in
            try IdentityQueries.membership(db, userId: try #require(IdentityQueries.user(db, email: "fay@fresh.example")?.id),
                                           companyId: company)
        }
        #expect(owner?.role == .owner)
    }

    @Test func refusesDuplicatesWeakPasswordsAndEmptyInputWithMessages() throws {
        let harness = try openHarness()
        try harness.member("taken@example.com", company: "Taken Co", role: .owner)
        let browser = Browser(harness)
        let duplicate = browser.post("/signup", [("company_name", "taken co"), ("email", "TAKEN@example.com"),
                                                 ("password", "a long and unusual passphrase")])
        #expect(duplicate.status == 422)
        #expect(duplicate.bodyText.contains("A company with this name already exists"))
        #expect(duplicate.bodyText.contains("An account with this email already exists"))
        let weak = browser.post("/signup", [("company_name", "New Co"), ("email", "new@example.com"), ("password", "password1234")])
        #expect(weak.status == 422)
        #expect(!weak.bodyText.contains("password1234"), "the password is never echoed")
        let empty = browser.post("/signup", [])
        #expect(empty.status == 422)
        #expect(empty.bodyText.contains("A company name of 1 to 200 characters is required."))
        #expect(try harness.app.identity.companies().map(\.name) == ["Taken Co"])
    }
}
