import Domain
import Foundation
import Store
import Testing
@testable import Web

@Suite struct ClientPagesTests {
    func signedIn(_ role: Role = .owner) throws -> (WebHarness, Browser, Int64) {
        let harness = try WebHarness()
        try harness.member("\(role.rawValue)@a.example", company: "A", role: role)
        let browser = Browser(harness)
        #expect(browser.signIn("\(role.rawValue)@a.example").status == 303)
        return (harness, browser, try harness.companyId("A"))
    }

    func createdId(_ response: Response) throws -> Int64 {
        #expect(response.status == 303)
        return try #require(Int64(response.location?.split(separator: "/").last ?? ""))
    }

    @Test func createShowsTheClientWithAFlashAndAnAuditEvent() throws {
        let (harness, browser, company) = try signedIn()
        let id = try createdId(browser.post("/clients", [("name", "  Harbor <Coffee>  "), ("email", "AP@Harbor.example"),
                                                         ("company_name", "Harbor LLC")]))
        let page = browser.get("/clients/\(id)")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Harbor &lt;Coffee&gt;"))
        #expect(page.bodyText.contains("ap@harbor.example"))
        #expect(page.bodyText.contains("flash-success"))
        #expect(!browser.get("/clients/\(id)").bodyText.contains("flash-success"), "a flash shows once")
        #expect(try harness.auditCount("client.created", company: company) == 1)
    }

    @Test func invalidInputReRendersTheFormWithMessagesAndWritesNothing() throws {
        let (harness, browser, company) = try signedIn()
        let response = browser.post("/clients", [("name", "   "), ("email", "not-an-email"), ("notes", "keep <me>")])
        #expect(response.status == 422)
        let html = response.bodyText
        #expect(html.contains("Name is required."))
        #expect(html.contains("Enter an email address like name@example.com."))
        #expect(html.contains("value=\"not-an-email\""), "the user's input comes back")
        #expect(html.contains("keep &lt;me&gt;"))
        #expect(html.contains("aria-invalid=\"true\""))
        #expect(try harness.auditCount("client.created", company: company) == 0)
        #expect(browser.get("/clients").bodyText.contains("No clients yet."))
    }

    @Test func hugeAndMalformedBodiesAreRefusedCleanly() throws {
        let (harness, browser, company) = try signedIn()
        let longName = String(repeating: "x", count: 201)
        #expect(browser.post("/clients", [("name", longName)]).status == 422)
        let huge = browser.post("/clients", [("name", "A"), ("notes", String(repeating: "n", count: 2 << 20))])
        #expect(huge.status == 413)
        let malformed = browser.send("POST", "/clients", body: Array("name=%zz&_csrf=x".utf8))
        #expect(malformed.status == 400)
        let wrongType = browser.send("POST", "/clients", headers: ["content-type": "application/json"], body: Array("{}".utf8))
        #expect(wrongType.status == 415)
        #expect(try harness.auditCount("client.created", company: company) == 0)
    }

    @Test func editDeleteAndRestore() throws {
        let (harness, browser, company) = try signedIn()
        let id = try createdId(browser.post("/clients", [("name", "Kestrel")]))
        #expect(browser.get("/clients/\(id)/edit").bodyText.contains("value=\"Kestrel\""))
        #expect(browser.post("/clients/\(id)/edit", [("name", "Kestrel Gear"), ("phone", "+1 303")]).location == "/clients/\(id)")
        #expect(browser.get("/clients/\(id)").bodyText.contains("Kestrel Gear"))
        #expect(browser.post("/clients/\(id)/edit", [("name", "")]).status == 422)

        #expect(browser.post("/clients/\(id)/delete").location == "/clients")
        #expect(!browser.get("/clients").bodyText.contains(">Kestrel Gear</a>"))
        #expect(browser.get("/clients?status=deleted").bodyText.contains(">Kestrel Gear</a>"))
        #expect(browser.post("/clients/\(id)/edit", [("name", "Ghost")]).status == 409, "a deleted client is not edited")
        #expect(browser.post("/clients/\(id)/restore").location == "/clients/\(id)")
        #expect(browser.get("/clients").bodyText.contains(">Kestrel Gear</a>"))
        for action in ["client.created", "client.updated", "client.deleted", "client.restored"] {
            #expect(try harness.auditCount(action, company: company) == 1, "\(action)")
        }
    }

    @Test func doubleSubmittedDeleteDoesTheWorkOnce() throws {
        let (harness, browser, company) = try signedIn()
        let id = try createdId(browser.post("/clients", [("name", "Twice")]))
        #expect(browser.post("/clients/\(id)/delete").status == 303)
        #expect(browser.post("/clients/\(id)/delete").status == 303)
        #expect(try harness.auditCount("client.deleted", company: company) == 1)
    }

    @Test func searchAndPagination() throws {
        let (harness, browser, company) = try signedIn()
        var drafts = GeneratedDrafts.make(count: 120)
        drafts.append(ClientDraft(name: "Zed Special", email: "zed@unique.example", companyName: "Quux 100% Widgets"))
        _ = try harness.app.clients.importClients(drafts, by: .system(companyId: company))

        let first = browser.get("/clients").bodyText
        #expect(first.contains("Page 1 of 3"))
        #expect(first.contains("121 clients"))
        let third = browser.get("/clients?page=3").bodyText
        #expect(third.contains("Page 3 of 3"))
        #expect(third.contains("Zed Special"))
        #expect(browser.get("/clients?page=abc").bodyText.contains("Page 1 of 3"))
        #expect(browser.get("/clients?page=99").bodyText.contains("No clients match") == false)

        for term in ["zed spec", "ZED@UNIQUE", "100% widgets"] {
            let found = browser.get("/clients?q=\(URLQuery.encode(term))").bodyText
            #expect(found.contains("Zed Special"), "search \(term)")
            #expect(found.contains("1 client"), "search \(term)")
        }
        #expect(browser.get("/clients?q=%25").bodyText.contains("Zed Special"), "% is literal: only the name with a % matches")
        #expect(browser.get("/clients?q=%25").bodyText.contains("1 client"))
        #expect(browser.get("/clients?q=nobody-here").bodyText.contains("No clients match"))
    }

    @Test func anotherCompanysClientIsNotFoundForEveryVerb() throws {
        let (harness, browserA, companyA) = try signedIn()
        let id = try createdId(browserA.post("/clients", [("name", "Private Client")]))
        try harness.member("owner@b.example", company: "B", role: .owner)
        let browserB = Browser(harness)
        browserB.signIn("owner@b.example")
        let companyB = try harness.companyId("B")
        let auditBefore = try harness.auditCount(company: companyA)

        for path in ["/clients/\(id)", "/clients/\(id)/edit"] {
            #expect(browserB.get(path).status == 404, "GET \(path)")
        }
        for path in ["/clients/\(id)/edit", "/clients/\(id)/delete", "/clients/\(id)/restore"] {
            let response = browserB.post(path, [("name", "Stolen")])
            #expect(response.status == 404, "POST \(path)")
            #expect(!response.bodyText.contains("Private Client"))
        }
        let api = browserB.get("/api/clients/\(id)")
        #expect(api.status == 404)
        #expect(api.header("Content-Type") == "application/problem+json")
        #expect(api.bodyText.contains("\"status\":404"))
        #expect(try harness.auditCount(company: companyA) == auditBefore)
        #expect(try harness.auditCount("client.updated", company: companyB) == 0)
        #expect(browserA.get("/clients/\(id)").bodyText.contains("Private Client"))
        #expect(!browserB.get("/clients").bodyText.contains("Private Client"))
    }

    @Test func rolesBelowAPermissionAreRefused() throws {
        let (harness, owner, _) = try signedIn()
        let id = try createdId(owner.post("/clients", [("name", "Guarded")]))
        try harness.member("viewer@a.example", company: "A", role: .viewer)
        try harness.member("staff@a.example", company: "A", role: .staff)
        let viewer = Browser(harness)
        viewer.signIn("viewer@a.example")
        let staff = Browser(harness)
        staff.signIn("staff@a.example")

        #expect(viewer.get("/clients/\(id)").status == 200)
        #expect(viewer.get("/clients/new").status == 403)
        #expect(viewer.post("/clients", [("name", "Nope")]).status == 403)
        #expect(!viewer.get("/clients/\(id)").bodyText.contains(">Edit<"), "no buttons for what the role cannot do")
        #expect(staff.post("/clients/\(id)/edit", [("name", "Guarded 2")]).status == 303)
        #expect(staff.post("/clients/\(id)/delete").status == 403)
        #expect(owner.get("/clients/\(id)").bodyText.contains("Guarded 2"))
    }

    @Test func jsonRouteAnswersTheClient() throws {
        let (_, browser, _) = try signedIn()
        let id = try createdId(browser.post("/clients", [("name", "Api Co"), ("email", "api@co.example")]))
        let response = browser.get("/api/clients/\(id)")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.bodyText.contains("\"name\":\"Api Co\""))
        #expect(Browser(browser.harness).get("/api/clients/\(id)").status == 401)
    }
}

enum GeneratedDrafts {
    static func make(count: Int) -> [ClientDraft] {
        (0..<count).map { ClientDraft(name: "Client \(String(format: "%03d", $0))", email: "c\($0)@example.com") }
    }
}
