import Documents
import Domain
import Foundation
import Testing
@testable import App
@testable import Store

@Suite("CompanyProfileService")
struct CompanyProfileServiceTests {
    static let profile = CompanyProfileDraft(address: "1 Harbour Road\nŁódź 90-001", email: "Billing@Acme.example", phone: "+48 42 555 0100",
                                             taxId: "PL 1234567890", paymentInstructions: "IBAN PL61 1090 1014 0000 0712 1981 2874",
                                             estimateValidDays: "45")

    func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ez360-logo-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A small grey PNG, the kind a renderer must accept.
    static let validPNG: [UInt8] = GreyPNG.encode(width: 8, height: 4) { x, y in UInt8((x * 31 + y * 17) % 256) }

    @Test func savesTheProfileWithOneAuditEventAndTheEstimateValidity() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let admin = companies.actor(.admin)
            let saved = try t.app.companyProfile.update(Self.profile, logo: .file(path: try file(Self.validPNG)), by: admin)
            #expect(saved.email == "billing@acme.example" && saved.logoPNG == Self.validPNG)
            let read = try t.app.companyProfile.get(for: companies.actor(.viewer))
            #expect(read.profile.address == "1 Harbour Road\nŁódź 90-001" && read.estimateValidDays == 45)
            let events = try t.auditEvents(action: "company.profile_updated")
            #expect(events.count == 1 && events[0].companyId == companies.acmeId)
            // Saving again without a file keeps the logo; removeLogo drops it.
            #expect(try t.app.companyProfile.update(Self.profile, by: admin).logoPNG == Self.validPNG)
            #expect(try t.app.companyProfile.update(Self.profile, removeLogo: true, by: admin).logoPNG == nil)
            // The other company's profile is its own (empty).
            #expect(try t.app.companyProfile.get(for: companies.actor(.owner, in: companies.globex)).profile.address.isEmpty)
        }
    }

    @Test func refusesBadInputWithFieldMessagesAndWritesNothing() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let admin = companies.actor(.admin)
            var draft = Self.profile
            draft.email = "not an email"
            draft.estimateValidDays = "400"
            draft.address = String(repeating: "x", count: 501)
            let text = try file(Array("just text, named logo.png".utf8))
            #expect {
                try t.app.companyProfile.update(draft, logo: .file(path: text), by: admin)
            } throws: { error in
                guard case AppError.invalid(let errors) = error else { return false }
                return errors["email"] != nil && errors["estimate_valid_days"] != nil && errors["address"] != nil
                    && errors["logo"] == "Upload a PNG image of at most 512 KB."
            }
            for days in ["", "-1", "1.5", "thirty"] {
                var bad = Self.profile
                bad.estimateValidDays = days
                #expect(throws: AppError.self) { try t.app.companyProfile.update(bad, by: admin) }
            }
            // A PNG signature followed by garbage would break every later send: refused.
            let corrupt = try file(Array(Self.validPNG.prefix(16)) + Array(repeating: 0x41, count: 64))
            #expect {
                try t.app.companyProfile.update(Self.profile, logo: .file(path: corrupt), by: admin)
            } throws: { error in
                guard case AppError.invalid(let errors) = error else { return false }
                return errors["logo"]?.contains("could not be read") == true
            }
            #expect(throws: AppError.self) { try t.app.companyProfile.update(Self.profile, logo: .tooLarge, by: admin) }
            let big = try file(Self.validPNG + Array(repeating: 0, count: CompanyProfileService.maxLogoBytes))
            #expect(throws: AppError.self) { try t.app.companyProfile.update(Self.profile, logo: .file(path: big), by: admin) }
            #expect(try t.auditEvents(action: "company.profile_updated").isEmpty)
            #expect(try t.app.companyProfile.get(for: admin).profile.address.isEmpty)
        }
    }

    @Test func onlyAdminsAndOwnersChangeIt() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            for role in [Role.viewer, .staff, .manager] {
                #expect(throws: AppError.forbidden) { try t.app.companyProfile.update(Self.profile, by: companies.actor(role)) }
            }
            #expect(throws: Never.self) { try t.app.companyProfile.update(Self.profile, by: companies.actor(.owner)) }
        }
    }

    /// What the settings hold is what a sent invoice's PDF prints: address, tax id, payment
    /// instructions, and the logo drawn as an image.
    @Test func aSentInvoicePrintsTheCompanyDetailsAndLogo() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let owner = companies.actor(.owner)
            try t.app.companyProfile.update(Self.profile, logo: .file(path: try file(Self.validPNG)), by: owner)
            let client = try #require(try t.app.clients.create(ClientDraft(name: "Harbor Coffee", email: "ap@harbor.example"), by: owner).id)
            let invoice = try #require(try t.app.invoices.create(InvoiceServiceTests.draft(client: client), by: owner).id)
            _ = try t.app.invoices.send(invoice, by: owner)
            let pdf = try t.app.invoices.pdf(invoice, for: owner).data
            let text = try PDFText.extract(pdf)
            for expected in ["1 Harbour Road", "Łódź 90-001", "PL 1234567890", "IBAN PL61 1090 1014 0000 0712 1981 2874", "billing@acme.example"] {
                #expect(text.contains(expected), "\(expected) not in:\n\(text)")
            }
            #expect(String(decoding: pdf, as: UTF8.self).contains("/Subtype /Image"))
        }
    }
}
