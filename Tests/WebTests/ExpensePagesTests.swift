import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct ExpensePagesTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 40)

    struct Seeded {
        let harness: WebHarness
        let companyA: Int64
        let companyB: Int64
        let client: Int64
        let project: Int64
    }

    static func seed() throws -> Seeded {
        let harness = try WebHarness()
        try harness.member("owner@a.example", company: "A", role: .owner)
        try harness.member("staff@a.example", company: "A", role: .staff)
        try harness.member("viewer@a.example", company: "A", role: .viewer)
        try harness.member("owner@b.example", company: "B", role: .owner)
        let a = try harness.companyId("A")
        let client = try #require(try harness.app.clients.create(ClientDraft(name: "Harbor"), by: .system(companyId: a)).id)
        let project = try #require(try harness.app.projects.create(ProjectDraft(clientId: String(client), name: "Site", billingType: "hourly",
                                                                                 hourlyRate: "100"), by: .system(companyId: a)).id)
        return Seeded(harness: harness, companyA: a, companyB: try harness.companyId("B"), client: client, project: project)
    }

    /// A multipart/form-data body with the browser's CSRF token added.
    static func multipart(_ browser: Browser, _ path: String, fields: [(String, String)],
                          file: (name: String, filename: String, type: String, content: [UInt8])?) -> Response {
        let boundary = "----ez360test\(UUID().uuidString.prefix(8))"
        var body: [UInt8] = []
        for (name, value) in fields + [("_csrf", browser.csrfToken())] {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
            body += file.content + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return browser.send("POST", path, headers: ["content-type": "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    static func fields(_ s: Seeded, vendor: String = "Hotel Lux", amount: String = "120.00") -> [(String, String)] {
        [("spent_on", "2026-11-03"), ("vendor", vendor), ("category", "Travel"), ("amount", amount), ("tax", "9.60"),
         ("client_id", ""), ("project_id", String(s.project)), ("billable", "1"), ("markup", "10"), ("notes", "Two nights")]
    }

    @Test func createWithAReceiptThenDownloadItThroughXAccelRedirect() throws {
        let s = try Self.seed()
        let staff = Browser(s.harness)
        #expect(staff.signIn("staff@a.example").status == 303)
        let form = staff.get("/expenses/new?project=\(s.project)")
        #expect(form.status == 200)
        #expect(form.bodyText.contains("enctype=\"multipart/form-data\""))
        #expect(form.bodyText.contains("accept=\"image/jpeg,image/png,application/pdf,image/heic,.heic\""))
        #expect(form.bodyText.contains("<option value=\"Subcontractors\">"))

        let created = Self.multipart(staff, "/expenses", fields: Self.fields(s),
                                     file: (name: "receipt", filename: "hotel.png", type: "image/png", content: Self.png))
        #expect(created.status == 303, "\(created.bodyText)")
        let path = try #require(created.location)
        let id = try #require(Int64(path.replacingOccurrences(of: "/expenses/", with: "")))
        let expense = try s.harness.app.expenses.get(id, for: .system(companyId: s.companyA))
        #expect(expense.amountCents == 12_000 && expense.clientId == s.client && expense.markupMilliPercent == 10_000)
        let key = try #require(expense.receiptMediaKey)
        #expect(FileManager.default.contents(atPath: s.harness.app.media.absolutePath(for: key)).map(Array.init) == Self.png)
        #expect(try s.harness.auditCount("expense.created", company: s.companyA) == 1)

        let detail = staff.get(path)
        #expect(detail.status == 200 && detail.bodyText.contains("Hotel Lux") && detail.bodyText.contains("\(path)/receipt"))

        // A viewer may read and download; the app answers with the key, nginx sends the bytes.
        let viewer = Browser(s.harness)
        #expect(viewer.signIn("viewer@a.example").status == 303)
        let download = viewer.get("\(path)/receipt")
        #expect(download.status == 200 && download.body.isEmpty)
        #expect(download.header("X-Accel-Redirect") == "/media/_internal/\(key.value)")
        #expect(download.header("Content-Type") == "image/png")
        #expect(download.header("Content-Disposition")?.hasPrefix("inline; filename=\"hotel.png\"") == true)
        #expect(viewer.get("/expenses").bodyText.contains("Hotel Lux"))

        // Another company: 404 and no key.
        let other = Browser(s.harness)
        #expect(other.signIn("owner@b.example").status == 303)
        let foreign = other.get("\(path)/receipt")
        #expect(foreign.status == 404 && foreign.header("X-Accel-Redirect") == nil)
        #expect(other.get(path).status == 404)
        #expect(!other.get("/expenses").bodyText.contains("Hotel Lux"))

        // The project page shows the Expenses section.
        let project = staff.get("/projects/\(s.project)")
        #expect(project.status == 200 && project.bodyText.contains("<h2>Expenses</h2>") && project.bodyText.contains("$132.00"))
    }

    @Test func badInputAndBadFilesComeBackAsFieldMessagesWithTheUsersInput() throws {
        let s = try Self.seed()
        let staff = Browser(s.harness)
        #expect(staff.signIn("staff@a.example").status == 303)
        let badAmount = Self.multipart(staff, "/expenses", fields: Self.fields(s, amount: "12.345"), file: nil)
        #expect(badAmount.status == 422)
        #expect(badAmount.bodyText.contains("Use at most 2 decimal places.") && badAmount.bodyText.contains("value=\"Hotel Lux\""))

        let text = Self.multipart(staff, "/expenses", fields: Self.fields(s),
                                  file: (name: "receipt", filename: "photo.jpg", type: "image/jpeg", content: Array("hello, not a photo".utf8)))
        #expect(text.status == 422)
        #expect(text.bodyText.contains("That file is not a JPEG, PNG, PDF or HEIC file."))
        #expect(text.bodyText.contains("value=\"Hotel Lux\"") && text.bodyText.contains("Two nights"))

        // 11 MB: over the 10 MB file limit, under the 12 MB body limit — a field message, not a bare 413.
        var big = [UInt8](repeating: 0x42, count: 11 * 1024 * 1024)
        big.replaceSubrange(0..<8, with: Self.png.prefix(8))
        let tooBig = Self.multipart(staff, "/expenses", fields: Self.fields(s),
                                    file: (name: "receipt", filename: "huge.png", type: "image/png", content: big))
        #expect(tooBig.status == 422)
        #expect(tooBig.bodyText.contains("The file is larger than 10 MB."))
        #expect(tooBig.bodyText.contains("value=\"Hotel Lux\"") && tooBig.bodyText.contains("value=\"120.00\""))
        #expect(try s.harness.auditCount("expense.created", company: s.companyA) == 0)
        let receipts = s.harness.app.media.directory + "/receipts"
        #expect((try? FileManager.default.subpathsOfDirectory(atPath: receipts))?.filter { $0.contains(".") }.isEmpty ?? true)

        // A urlencoded form still works (no receipt).
        let plain = staff.post("/expenses", Self.fields(s, vendor: "Cafe"))
        #expect(plain.status == 303)
    }

    @Test func staffChangeTheirOwnOnlyAndDeleteRestore() throws {
        let s = try Self.seed()
        let staff = Browser(s.harness)
        #expect(staff.signIn("staff@a.example").status == 303)
        let mine = try #require(staff.post("/expenses", Self.fields(s, vendor: "Mine")).location)
        let owner = Browser(s.harness)
        #expect(owner.signIn("owner@a.example").status == 303)
        let theirs = try #require(owner.post("/expenses", Self.fields(s, vendor: "Owners")).location)

        #expect(staff.get("\(mine)/edit").status == 200)
        #expect(staff.get("\(theirs)/edit").status == 403)
        #expect(staff.post("\(theirs)/edit", Self.fields(s, vendor: "Hijack")).status == 403)
        #expect(staff.post("\(theirs)/delete").status == 403)
        let edited = Self.multipart(staff, "\(mine)/edit", fields: Self.fields(s, vendor: "Mine, edited"), file: nil)
        #expect(edited.status == 303 && edited.location == mine)
        #expect(staff.post("\(mine)/delete").status == 303)
        #expect(staff.get("/expenses?status=deleted").bodyText.contains("Mine, edited"))
        #expect(!staff.get("/expenses").bodyText.contains("Mine, edited"))
        #expect(owner.post("\(mine)/restore").status == 303)
        #expect(staff.get("/expenses").bodyText.contains("Mine, edited"))
        let viewer = Browser(s.harness)
        #expect(viewer.signIn("viewer@a.example").status == 303)
        #expect(viewer.post("\(mine)/delete").status == 403)
        #expect(viewer.get("/expenses/new").status == 403)
    }

    @Test func listFiltersAndPaginates() throws {
        let s = try Self.seed()
        let actor = Actor.system(companyId: s.companyA)
        for day in 1...55 {
            _ = try s.harness.app.expenses.create(ExpenseDraft(spentOn: String(format: "2026-%02d-%02d", 1 + day / 28, 1 + day % 28),
                                                               vendor: day.isMultiple(of: 5) ? "Airline \(day)" : "Cafe \(day)",
                                                               amount: "10", clientId: String(s.client), billable: day.isMultiple(of: 2)),
                                                  by: actor)
        }
        let owner = Browser(s.harness)
        #expect(owner.signIn("owner@a.example").status == 303)
        let first = owner.get("/expenses")
        #expect(first.bodyText.contains("55 expenses") && first.bodyText.contains("Page 1 of 2"))
        #expect(owner.get("/expenses?page=2").bodyText.contains("Page 2 of 2"))
        #expect(owner.get("/expenses?q=airline").bodyText.contains("11 expenses"))
        #expect(owner.get("/expenses?billing=unbilled").bodyText.contains("27 expenses"))
        #expect(owner.get("/expenses?from=2026-01-01&to=2026-01-28").bodyText.contains("27 expenses"))
        #expect(owner.get("/expenses?client=\(s.client)&billing=non_billable").bodyText.contains("28 expenses"))
        #expect(owner.get("/expenses?from=garbage").status == 200)
    }

    @Test func pdfsOpenInlineAndHEICDownloads() throws {
        let s = try Self.seed()
        let owner = Browser(s.harness)
        #expect(owner.signIn("owner@a.example").status == 303)
        let pdf = Array("%PDF-1.4\n%%EOF\n".utf8)
        let heic: [UInt8] = [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8) + [1, 2, 3]
        for (bytes, name, disposition, type) in [(pdf, "scan.pdf", "inline", "application/pdf"), (heic, "IMG_0001.HEIC", "attachment", "image/heic")] {
            let created = Self.multipart(owner, "/expenses", fields: Self.fields(s),
                                         file: (name: "receipt", filename: name, type: "application/octet-stream", content: bytes))
            let path = try #require(created.location, "\(created.status) \(created.bodyText)")
            let download = owner.get("\(path)/receipt")
            #expect(download.header("Content-Type") == type)
            #expect(download.header("Content-Disposition")?.hasPrefix("\(disposition); filename=\"\(name)\"") == true)
            #expect(download.header("X-Accel-Redirect")?.hasPrefix("/media/_internal/receipts/\(s.companyA)/") == true)
        }
        // An expense without a receipt has no download.
        let bare = try #require(owner.post("/expenses", Self.fields(s, vendor: "No receipt")).location)
        #expect(owner.get("\(bare)/receipt").status == 404)
    }

    @Test func editingKeepsAnArchivedProjectAndADeletedClient() throws {
        let s = try Self.seed()
        let owner = Browser(s.harness)
        #expect(owner.signIn("owner@a.example").status == 303)
        let path = try #require(owner.post("/expenses", Self.fields(s)).location)
        let system = Actor.system(companyId: s.companyA)
        _ = try s.harness.app.projects.setStatus(s.project, to: .archived, by: system)
        _ = try s.harness.app.clients.delete(s.client, by: system)
        let form = owner.get("\(path)/edit")
        #expect(form.status == 200)
        #expect(form.bodyText.contains("<option value=\"\(s.project)\" selected>Site (archived)</option>"))
        #expect(form.bodyText.contains("<option value=\"\(s.client)\" selected>Harbor (deleted)</option>"))
        var fields = Self.fields(s, vendor: "Renamed")
        fields.removeAll { $0.0 == "client_id" }
        fields.append(("client_id", String(s.client)))
        #expect(owner.post("\(path)/edit", fields).status == 303)
        let id = try #require(Int64(path.replacingOccurrences(of: "/expenses/", with: "")))
        let saved = try s.harness.app.expenses.get(id, for: system)
        #expect(saved.vendor == "Renamed" && saved.projectId == s.project && saved.clientId == s.client)
    }

    @Test func theParserSkipsAnOversizedFileButKeepsTheOtherFields() throws {
        let boundary = "b0undary"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"receipt\"; filename=\"x.png\"\r\n\r\n".utf8)
        body += [UInt8](repeating: 1, count: 2_000) + Array("\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ntwo\r\n--\(boundary)--\r\n".utf8)
        var stream = BytesBodyStream(body)
        let directory = NSTemporaryDirectory()
        let form = try MultipartFormParser.parse(contentType: "multipart/form-data; boundary=\(boundary)", body: &stream,
                                                 temporaryDirectory: directory,
                                                 limits: MultipartLimits(maxFileBytes: 1_000, skipsOversizedFiles: true))
        #expect(form.fields["a"] == "one" && form.fields["b"] == "two")
        #expect(form.files.isEmpty && form.oversizedFileFields == ["receipt"])
        var strict = BytesBodyStream(body)
        #expect(throws: MultipartError.fileTooLarge(fieldName: "receipt")) {
            try MultipartFormParser.parse(contentType: "multipart/form-data; boundary=\(boundary)", body: &strict,
                                          temporaryDirectory: directory, limits: MultipartLimits(maxFileBytes: 1_000))
        }
    }
}
