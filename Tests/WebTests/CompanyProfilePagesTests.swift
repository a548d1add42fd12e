import App
import Documents
import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct CompanyProfilePagesTests {
    static func fields(days: String = "45", email: String = "billing@a.example") -> [(String, String)] {
        [("address", "1 Harbour Road\nPortland"), ("email", email), ("phone", "+1 503 555 0100"), ("tax_id", "EIN 12-345"),
         ("payment_instructions", "Bank transfer, quote the invoice number."), ("estimate_valid_days", days)]
    }

    @Test func anAdminSavesTheDetailsAndALogoAndBadInputComesBackWithMessages() throws {
        let harness = try WebHarness()
        try harness.member("admin@a.example", company: "A", role: .admin)
        try harness.member("manager@a.example", company: "A", role: .manager)
        let a = try harness.companyId("A")
        let admin = Browser(harness)
        #expect(admin.signIn("admin@a.example").status == 303)
        let form = admin.get("/settings/company")
        #expect(form.status == 200 && form.bodyText.contains("enctype=\"multipart/form-data\"")
            && form.bodyText.contains("accept=\"image/png\"") && form.bodyText.contains("href=\"/settings/company\""))

        let logo = GreyPNG.encode(width: 8, height: 4) { x, y in UInt8((x * 31 + y * 17) % 256) }
        let saved = ExpensePagesTests.multipart(admin, "/settings/company", fields: Self.fields(),
                                                file: (name: "logo", filename: "logo.png", type: "image/png", content: logo))
        #expect(saved.status == 303 && saved.location == "/settings/company", "\(saved.bodyText)")
        let stored = try harness.app.companyProfile.get(for: .system(companyId: a))
        #expect(stored.profile.address == "1 Harbour Road\nPortland" && stored.profile.logoPNG == logo && stored.estimateValidDays == 45)
        #expect(admin.get("/settings/company").bodyText.contains("Remove the logo"))

        // A text file named .png and an impossible validity: 422, the form as typed, nothing saved.
        let refused = ExpensePagesTests.multipart(admin, "/settings/company", fields: Self.fields(days: "999", email: "nope"),
                                                  file: (name: "logo", filename: "logo.png", type: "image/png",
                                                         content: Array("not a picture".utf8)))
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains("Upload a PNG image of at most 512 KB.")
            && refused.bodyText.contains("Enter a whole number of days from 0 to 365.")
            && refused.bodyText.contains("value=\"999\""))
        #expect(try harness.app.companyProfile.get(for: .system(companyId: a)).estimateValidDays == 45)

        // Managers may not change it (the route's permission), and do not see the link.
        let manager = Browser(harness)
        #expect(manager.signIn("manager@a.example").status == 303)
        #expect(manager.get("/settings/company").status == 403)
        #expect(!manager.get("/").bodyText.contains("href=\"/settings/company\""))
    }
}
