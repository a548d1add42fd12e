import Foundation
import Testing

/// The whole stack over loopback: nginx (nginx/dev.conf) → FastCGI → ez360-fcgi → SQLite.
/// One stack for the suite (see `Stack`); serialized, because several tests check that a
/// refused request wrote nothing by counting rows before and after.
@Suite(.serialized)
struct LiveStackTests {
    let stack: Stack

    init() throws {
        stack = try Stack.get()
    }

    /// A short random tag that makes this test's data unique.
    func tag() -> String {
        String(UUID().uuidString.lowercased().prefix(8))
    }

    /// A browser signed in as `user` (the sign-in must succeed).
    func signedIn(_ user: TestUser, sourceLocation: SourceLocation = #_sourceLocation) throws -> Browser {
        let browser = stack.browser(user.email)
        let response = try browser.signIn(user, sourceLocation: sourceLocation)
        guard response.status == 303, browser.cookie("ez360_session") != nil else {
            throw HarnessError("signing in as \(user.email) failed:\n\(response.summary)")
        }
        return browser
    }

    static let securityHeaders = ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"]

    // MARK: - 1. Sign in

    @Test("Sign in: the form's token is the double-submit cookie; success is 303 → / with an HttpOnly, SameSite=Lax session")
    func signIn() throws {
        let browser = stack.browser()
        let form = try browser.get("/login")
        #expect(form.status == 200)
        #expect(form.isHTML)
        let token = try #require(Scrape.csrfToken(form.text), "no _csrf field in the sign-in form")
        let csrfCookie = try #require(form.setCookie(named: "ez360_csrf"), "GET /login set no ez360_csrf cookie")
        #expect(browser.cookie("ez360_csrf") == token, "the form's _csrf must equal the ez360_csrf cookie (double submit)")
        #expect(csrfCookie.contains("HttpOnly"))
        #expect(csrfCookie.contains("SameSite=Lax"))

        let response = try browser.post("/login", [("_csrf", token), ("email", Stack.ownerA.email),
                                                   ("password", Stack.ownerA.password), ("next", "")])
        #expect(response.status == 303, "\(response.summary)")
        #expect(response.location == "/")
        let session = try #require(response.setCookie(named: "ez360_session"), "no session cookie:\n\(response.summary)")
        let attributes = session.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(attributes.contains("HttpOnly"), "\(session)")
        #expect(attributes.contains("SameSite=Lax"), "\(session)")
        #expect(attributes.contains("Path=/"), "\(session)")
        #expect((browser.cookie("ez360_session") ?? "").count >= 32, "the session token looks too short: \(session)")

        let home = try browser.get("/")
        #expect(home.status == 200)
        #expect(home.text.contains(Stack.ownerA.company))
        #expect(home.text.contains(Stack.ownerA.email))
    }

    @Test("Sign in with a wrong password: 422, a message, the email kept, and no session")
    func signInWrongPassword() throws {
        let browser = stack.browser()
        let response = try browser.signIn(Stack.ownerA, password: "not-the-password-at-all")
        #expect(response.status == 422, "\(response.summary)")
        #expect(response.isHTML)
        #expect(response.text.contains("That email and password do not match an account."))
        #expect(response.text.contains("value=\"\(Stack.ownerA.email)\""), "the email typed should be kept in the form")
        #expect(response.setCookies.allSatisfy { !$0.hasPrefix("ez360_session=") || $0.hasPrefix("ez360_session=;") },
                "a failed sign-in must not set a session: \(response.setCookies)")
        #expect(browser.cookie("ez360_session") == nil)
        let clients = try browser.get("/clients")
        #expect(clients.status == 303)
    }

    @Test("Sign in honours a local `next` and ignores an off-site one")
    func signInNext() throws {
        let local = stack.browser()
        let response = try local.signIn(Stack.ownerA, next: "/clients?q=ava")
        #expect(response.status == 303)
        #expect(response.location == "/clients?q=ava")

        let offsite = stack.browser()
        let hostile = try offsite.signIn(Stack.ownerA, next: "//evil.example/x")
        #expect(hostile.status == 303)
        #expect(hostile.location == "/", "an off-site next must not become an open redirect")
    }

    @Test("The sign-in form refuses a missing or mismatched double-submit cookie")
    func signInDoubleSubmit() throws {
        let browser = stack.browser()
        let token = try #require(Scrape.csrfToken(try browser.get("/login").text))
        let credentials = [("email", Stack.ownerA.email), ("password", Stack.ownerA.password)]

        browser.removeCookie("ez360_csrf")
        let noCookie = try browser.post("/login", [("_csrf", token)] + credentials)
        #expect(noCookie.status == 403, "\(noCookie.summary)")
        #expect(noCookie.setCookie(named: "ez360_session") == nil)

        browser.setCookie("ez360_csrf", String(repeating: "x", count: 43))
        let mismatched = try browser.post("/login", [("_csrf", token)] + credentials)
        #expect(mismatched.status == 403, "\(mismatched.summary)")
        #expect(mismatched.setCookie(named: "ez360_session") == nil)
    }

    // MARK: - 2. Clients end to end

    @Test("Create a client: 303 to its page, which shows every field escaped; the list shows it")
    func createAndShowClient() throws {
        let a = try signedIn(Stack.ownerA)
        let tag = tag()
        let name = "Aaron Created \(tag)"
        let notes = "Likes <b>bold</b> & \"quotes\" + 100% 'of' it"
        let id = try a.createClient([("name", name), ("email", "aaron.\(tag)@example.org"),
                                     ("company_name", "Quokka & Sons \(tag)"), ("phone", "+1 555 0100"),
                                     ("address", "1 Main St\nSpringfield"), ("notes", notes)])

        let page = try a.get("/clients/\(id)")
        #expect(page.status == 200)
        #expect(page.text.contains("<h1>\(name)"))
        #expect(page.text.contains(Scrape.escaped("Quokka & Sons \(tag)")))
        #expect(page.text.contains("aaron.\(tag)@example.org"))
        #expect(page.text.contains("+1 555 0100"))
        #expect(page.text.contains(Scrape.escaped(notes)), "notes must round-trip (+, %, &, quotes) and be escaped")
        #expect(!page.text.contains("<b>bold</b>"))
        #expect(page.text.contains("added"), "a flash message should confirm the new client")

        let list = try a.get("/clients")
        #expect(list.status == 200)
        #expect(Scrape.clientIds(list.text).contains(id))
        #expect(list.text.contains(name))

        let json = try a.get("/api/clients/\(id)")
        #expect(json.status == 200)
        #expect(json.contentType.hasPrefix("application/json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.body)) as? [String: Any])
        #expect(object["name"] as? String == name)
        #expect(object["notes"] as? String == notes)
        #expect(object["address"] as? String == "1 Main St\nSpringfield")
    }

    @Test("Search finds a client by name, email or company name (any case), and a non-matching search does not")
    func searchClients() throws {
        let a = try signedIn(Stack.ownerA)
        let tag = tag()
        let id = try a.createClient([("name", "Aaron Searchable \(tag)"), ("email", "finder.\(tag)@example.org"),
                                     ("company_name", "Wombat Holdings \(tag)")])

        for query in ["Searchable \(tag)", "finder.\(tag)@", "Wombat Holdings \(tag)", "WOMBAT HOLDINGS \(tag.uppercased())"] {
            let ids = try a.listedClientIds("?q=" + RawHTTP.percentEncode(query))
            #expect(ids == [id], "search \(query.debugDescription) should find exactly the new client, found \(ids)")
        }
        let miss = try a.get("/clients?q=" + RawHTTP.percentEncode("no such client \(tag)"))
        #expect(miss.status == 200)
        #expect(Scrape.clientIds(miss.text).isEmpty)
        #expect(miss.text.contains("No clients match"))
        #expect(Scrape.clientCount(miss.text) == 0)
        // The search box keeps what was typed, escaped.
        let hostile = try a.get("/clients?q=" + RawHTTP.percentEncode("\"><script>x</script>"))
        #expect(hostile.status == 200)
        #expect(!hostile.text.contains("<script>x</script>"))
        #expect(hostile.text.contains(Scrape.escaped("\"><script>x</script>")))
    }

    @Test("Edit a client: the form shows its values, saving changes it everywhere")
    func editClient() throws {
        let a = try signedIn(Stack.ownerA)
        let tag = tag()
        let oldName = "Aaron Before \(tag)"
        let newName = "Aaron After \(tag)"
        let id = try a.createClient([("name", oldName), ("email", "before.\(tag)@example.org")])

        let form = try a.get("/clients/\(id)/edit")
        #expect(form.status == 200)
        #expect(form.text.contains("value=\"\(oldName)\""))
        #expect(form.text.contains("action=\"/clients/\(id)/edit\""))
        let token = try #require(Scrape.csrfToken(form.text))

        let saved = try a.post("/clients/\(id)/edit", [("_csrf", token), ("name", newName), ("email", "after.\(tag)@example.org"),
                                                      ("company_name", "After Co"), ("phone", ""), ("address", ""), ("notes", "")])
        #expect(saved.status == 303, "\(saved.summary)")
        #expect(saved.location == "/clients/\(id)")

        let page = try a.get("/clients/\(id)")
        #expect(page.text.contains(newName))
        #expect(!page.text.contains(oldName))
        #expect(page.text.contains("after.\(tag)@example.org"))
        #expect(try a.listedClientIds("?q=" + RawHTTP.percentEncode(oldName)).isEmpty)
        #expect(try a.listedClientIds("?q=" + RawHTTP.percentEncode(newName)) == [id])
    }

    @Test("Invalid new client: 422, the input echoed (escaped), a message per field, nothing written")
    func invalidCreate() throws {
        let a = try signedIn(Stack.ownerA)
        let tag = tag()
        let before = try a.clientCount()
        let token = try a.formToken("/clients/new")
        let company = "Echo <i>\"Quoted\"</i> & 'Co' \(tag)"
        let notes = "kept + 100% \(tag)"
        let response = try a.post("/clients", [("_csrf", token), ("name", "   "), ("email", "not-an-email"),
                                               ("company_name", company), ("phone", "555"), ("address", ""), ("notes", notes)])
        #expect(response.status == 422, "\(response.summary)")
        #expect(response.isHTML)
        let html = response.text
        #expect(html.contains("Name is required."))
        #expect(html.contains("Enter an email address like name@example.com."))
        #expect(html.contains("id=\"name-error\""))
        #expect(html.contains("id=\"email-error\""))
        #expect(html.components(separatedBy: "aria-invalid=\"true\"").count - 1 == 2, "exactly the two bad fields are marked")
        #expect(html.contains("value=\"not-an-email\""))
        #expect(html.contains("value=\"\(Scrape.escaped(company))\""))
        #expect(html.contains(">\(Scrape.escaped(notes))</textarea>"))
        #expect(html.contains("value=\"555\""))
        #expect(!html.contains("<i>\"Quoted\"</i>"))
        #expect(Scrape.csrfToken(html) != nil, "the re-rendered form must carry the token again")

        #expect(try a.clientCount() == before, "a refused form must write nothing")
        #expect(try a.clientCount("?q=\(tag)") == 0)
    }

    @Test("Invalid edit: 422 with the input echoed, and the client unchanged")
    func invalidEdit() throws {
        let a = try signedIn(Stack.ownerA)
        let tag = tag()
        let name = "Aaron Stable \(tag)"
        let id = try a.createClient([("name", name), ("email", "stable.\(tag)@example.org")])
        let before = try a.get("/api/clients/\(id)").text

        let token = try a.formToken("/clients/\(id)/edit")
        let response = try a.post("/clients/\(id)/edit", [("_csrf", token), ("name", ""), ("email", "broken@"),
                                                         ("company_name", "Typed \(tag)")])
        #expect(response.status == 422, "\(response.summary)")
        #expect(response.text.contains("Name is required."))
        #expect(response.text.contains("Enter an email address like name@example.com."))
        #expect(response.text.contains("value=\"broken@\""))
        #expect(response.text.contains("value=\"Typed \(tag)\""))
        #expect(response.text.contains("action=\"/clients/\(id)/edit\""))

        #expect(try a.get("/api/clients/\(id)").text == before, "a refused edit must write nothing")
    }

    @Test("Delete hides a client from the list and shows it under deleted; restore brings it back")
    func deleteAndRestore() throws {
        let a = try signedIn(Stack.ownerA)
        let tag = tag()
        let name = "Aaron Deletable \(tag)"
        let id = try a.createClient([("name", name)])
        let liveBefore = try a.clientCount()
        let deletedBefore = try a.clientCount("?status=deleted")

        let page = try a.get("/clients/\(id)")
        #expect(page.text.contains("action=\"/clients/\(id)/delete\""))
        let token = try #require(Scrape.csrfToken(page.text))
        let deleted = try a.post("/clients/\(id)/delete", [("_csrf", token)])
        #expect(deleted.status == 303, "\(deleted.summary)")
        #expect(deleted.location == "/clients")

        let list = try a.get("/clients")
        #expect(!Scrape.clientIds(list.text).contains(id))
        #expect(list.text.contains("deleted"), "a flash should say the client was deleted")
        #expect(Scrape.clientCount(list.text) == liveBefore - 1)
        #expect(try a.listedClientIds("?q=" + RawHTTP.percentEncode(name)).isEmpty)
        let deletedList = try a.get("/clients?status=deleted")
        #expect(deletedList.status == 200)
        #expect(Scrape.clientIds(deletedList.text).contains(id))
        #expect(Scrape.clientCount(deletedList.text) == deletedBefore + 1)
        #expect(try a.listedClientIds("?status=deleted&q=" + RawHTTP.percentEncode(name)) == [id])

        let tombstone = try a.get("/clients/\(id)")
        #expect(tombstone.status == 200)
        #expect(tombstone.text.contains("Deleted"))
        #expect(tombstone.text.contains("action=\"/clients/\(id)/restore\""))
        #expect(!tombstone.text.contains("action=\"/clients/\(id)/delete\""))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(a.get("/api/clients/\(id)").body)) as? [String: Any])
        #expect(json["deleted_at"] is String)

        let restored = try a.post("/clients/\(id)/restore", [("_csrf", token)])
        #expect(restored.status == 303, "\(restored.summary)")
        #expect(restored.location == "/clients/\(id)")
        #expect(try a.listedClientIds().contains(id))
        #expect(try a.clientCount() == liveBefore)
        #expect(!(try a.listedClientIds("?status=deleted").contains(id)))
    }

    @Test("The list is paginated: page 2 exists and holds other clients than page 1")
    func pagination() throws {
        let a = try signedIn(Stack.ownerA)
        let first = try a.get("/clients")
        #expect(first.status == 200)
        let total = try #require(Scrape.clientCount(first.text))
        #expect(total >= Stack.seededClientsInA)
        #expect(first.text.contains("Page 1 of "))
        let firstIds = Scrape.clientIds(first.text)
        #expect(firstIds.count == 50)
        // The Next link carries a cursor (the last row's id) so the database seeks.
        let lastId = try #require(firstIds.last)
        #expect(first.text.contains("rel=\"next\" href=\"/clients?page=2&amp;after=\(lastId)\""))
        let byNumber = try a.get("/clients?page=2")

        let second = try a.get("/clients?page=2&after=\(lastId)")
        #expect(Scrape.clientIds(byNumber.text) == Scrape.clientIds(second.text), "a cursor and a page number agree")
        #expect(second.status == 200)
        #expect(second.text.contains("Page 2 of "))
        #expect(second.text.contains("rel=\"prev\""))
        let secondIds = Scrape.clientIds(second.text)
        #expect(!secondIds.isEmpty)
        #expect(Set(firstIds).isDisjoint(with: secondIds), "page 2 repeats clients of page 1")
        #expect(firstIds.count + secondIds.count == min(total, 100))

        let junk = try a.get("/clients?page=banana")
        #expect(junk.status == 200)
        #expect(Scrape.clientIds(junk.text) == firstIds, "a malformed page number is page 1")
    }

    // MARK: - 3. CSRF

    @Test("CSRF: no token, a wrong token, or a foreign Origin → 403 and nothing written")
    func csrf() throws {
        let a = try signedIn(Stack.ownerA)
        let tag = tag()
        let token = try a.formToken()
        let before = try a.clientCount()
        let fields = [("name", "Aaron Forged \(tag)"), ("email", "forged.\(tag)@example.org")]

        let missing = try a.post("/clients", fields)
        #expect(missing.status == 403, "\(missing.summary)")
        #expect(missing.text.contains("Security check failed"))
        let wrongToken = String(token.reversed())
        let wrong = try a.post("/clients", [("_csrf", wrongToken)] + fields)
        #expect(wrong.status == 403, "\(wrong.summary)")
        let foreign = try a.post("/clients", [("_csrf", token)] + fields, headers: [("Origin", "https://evil.example")])
        #expect(foreign.status == 403, "\(foreign.summary)")
        let null = try a.post("/clients", [("_csrf", token)] + fields, headers: [("Origin", "null")])
        #expect(null.status == 403, "Origin: null (sandboxed frame, file:) must be refused: \(null.summary)")

        #expect(try a.clientCount() == before)
        #expect(try a.clientCount("?q=\(tag)") == 0)

        // Unsafe actions on an existing client are guarded the same way.
        let id = try a.createClient([("name", "Aaron Guarded \(tag)")])
        let deleteWithoutToken = try a.post("/clients/\(id)/delete", [])
        #expect(deleteWithoutToken.status == 403)
        #expect(try a.listedClientIds("?q=" + RawHTTP.percentEncode("Guarded \(tag)")) == [id])

        // The control: the same request from our own origin with the token is accepted.
        let sameOrigin = try a.post("/clients", [("_csrf", token)] + fields, headers: [("Origin", "http://127.0.0.1:\(stack.port)")])
        #expect(sameOrigin.status == 303, "\(sameOrigin.summary)")
        #expect(try a.clientCount() == before + 2)
    }

    // MARK: - 4. Security headers

    @Test("Security headers, each exactly once, on static files and on dynamic pages")
    func securityHeaders() throws {
        let anonymous = stack.browser()
        let a = try signedIn(Stack.ownerA)
        let responses: [(String, HTTPResponse)] = [
            ("GET /assets/app.css", try anonymous.get("/assets/app.css")),
            ("GET /robots.txt", try anonymous.get("/robots.txt")),
            ("GET /login", try anonymous.get("/login")),
            ("GET /healthz", try anonymous.get("/healthz")),
            ("GET /clients", try a.get("/clients")),
            ("GET /no-such-page", try a.get("/no-such-page")),
        ]
        #expect(responses[0].1.status == 200)
        #expect(responses[0].1.contentType.hasPrefix("text/css"))
        for (what, response) in responses {
            for name in Self.securityHeaders + ["Permissions-Policy", "Cross-Origin-Opener-Policy"] {
                let values = response.values(name)
                #expect(values.count == 1, "\(what): \(name) sent \(values.count) times: \(values)")
            }
            #expect(response.header("Content-Security-Policy")?.contains("default-src 'self'") == true, "\(what)")
            #expect(response.header("Content-Security-Policy")?.contains("unsafe-inline") == false, "\(what)")
            #expect(response.header("X-Content-Type-Options") == "nosniff", "\(what)")
            #expect(response.header("X-Frame-Options") == "DENY", "\(what)")
            #expect(!(response.header("Referrer-Policy") ?? "").isEmpty, "\(what)")
        }
        // nginx/security-headers.conf and the app's middleware must stay in step.
        let staticFile = responses[0].1
        for (what, response) in responses.dropFirst() {
            for name in Self.securityHeaders {
                #expect(response.header(name) == staticFile.header(name), "\(what): \(name) differs from the static file's")
            }
        }
        // Dynamic pages show a firm's data: never cached.
        #expect(responses[4].1.header("Cache-Control") == "no-store")
    }

    @Test("nginx's own error answers (400, 413, 414) carry the security headers too (DESIGN §5: every response)")
    func nginxErrorAnswersCarrySecurityHeaders() throws {
        let browser = stack.browser()
        // HTTP/1.1 without Host: nginx refuses it before choosing a location.
        let noHost = try RawHTTP.exchange(port: stack.port, request: Array("GET /login HTTP/1.1\r\nConnection: close\r\n\r\n".utf8))
        #expect(noHost.status == 400)
        let longURI = try browser.get("/clients?q=" + String(repeating: "a", count: 10_000))
        #expect(longURI.status == 414)
        let tooLarge = try browser.postMultipart("/clients", fields: [],
                                                 files: [("file", "big.bin", "application/octet-stream", [UInt8](repeating: 0x63, count: 13 << 20))])
        #expect(tooLarge.status == 413)
        for (what, response) in [("400 (no Host)", noHost), ("414 (long URI)", longURI), ("413 (13 MB body)", tooLarge)] {
            let wrong = Self.securityHeaders.filter { response.values($0).count != 1 }
            #expect(wrong.isEmpty, "nginx's \(what) answer lacks (or repeats) \(wrong.joined(separator: ", "))")
        }
    }

    // MARK: - 5. Health

    @Test("/healthz answers 200 JSON with status ok, db ok and a version")
    func healthz() throws {
        let response = try stack.browser().get("/healthz")
        #expect(response.status == 200)
        #expect(response.contentType.hasPrefix("application/json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                                  "not a JSON object: \(response.text)")
        #expect(object["status"] as? String == "ok")
        #expect(object["db"] as? String == "ok")
        #expect(!((object["version"] as? String) ?? "").isEmpty)
        #expect(response.text.contains("\"status\":\"ok\""))
        #expect(response.text.contains("\"db\":\"ok\""))
    }

    // MARK: - 6. Request id

    @Test("X-Request-ID: a good one is kept, a malformed one replaced, a missing one made; each is logged")
    func requestId() throws {
        let browser = stack.browser()
        func isWellFormed(_ id: String) -> Bool {
            (8...128).contains(id.utf8.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }
        }

        let kept = try browser.get("/healthz", headers: [("X-Request-ID", "test-abc-12345")])
        #expect(kept.values("X-Request-ID") == ["test-abc-12345"])
        let entry = try #require(stack.accessLogEntry(rid: "test-abc-12345"), "no log line for test-abc-12345")
        #expect(entry["method"] as? String == "GET")
        #expect(entry["route"] as? String == "/healthz")
        #expect(entry["status"] as? Int == 200)
        #expect(entry["ms"] is Double || entry["ms"] is Int)
        #expect(entry["ts"] is String)

        for malformed in ["has spaces in it", String(repeating: "a", count: 300), "short", "semi;colon<x>"] {
            let response = try browser.get("/healthz", headers: [("X-Request-ID", malformed)])
            let ids = response.values("X-Request-ID")
            #expect(ids.count == 1)
            let id = try #require(ids.first)
            #expect(id != malformed, "malformed id \(malformed.prefix(20)) was echoed back")
            #expect(isWellFormed(id), "generated id \(id) is not well-formed")
            #expect(stack.accessLogEntry(rid: id) != nil, "no log line for the generated id \(id)")
            #expect(stack.accessLogEntries(rid: malformed).isEmpty)
        }

        let first = try browser.get("/healthz")
        let second = try browser.get("/healthz")
        let firstId = try #require(first.header("X-Request-ID"))
        let secondId = try #require(second.header("X-Request-ID"))
        #expect(isWellFormed(firstId))
        #expect(firstId != secondId)
        #expect(stack.accessLogEntry(rid: firstId)?["status"] as? Int == 200)

        // A signed-in request's line names the company and the user.
        let a = try signedIn(Stack.ownerA)
        let rid = "signed-in-\(tag())"
        let clients = try a.get("/clients", headers: [("X-Request-ID", rid)])
        #expect(clients.header("X-Request-ID") == rid)
        let signedInEntry = try #require(stack.accessLogEntry(rid: rid))
        #expect(signedInEntry["route"] as? String == "/clients")
        #expect(signedInEntry["company"] is Int)
        #expect(signedInEntry["user"] is Int)
    }

    // MARK: - 7. Body size

    @Test("A 13 MB body is refused by nginx with 413 and never reaches the app")
    func bodyTooLarge() throws {
        let a = try signedIn(Stack.ownerA)
        let token = try a.formToken()
        let tag = tag()

        // The control: a 1 MB upload passes nginx and reaches the app (which logs it).
        let smallRid = "small-body-\(tag)"
        let small = try a.postMultipart("/clients", fields: [("_csrf", "not-the-token")],
                                        files: [("file", "small.bin", "application/octet-stream", [UInt8](repeating: 0x61, count: 1 << 20))],
                                        headers: [("X-Request-ID", smallRid)])
        #expect(small.status != 413, "1 MB is under client_max_body_size: \(small.summary)")
        #expect(stack.accessLogEntry(rid: smallRid) != nil, "the 1 MB request did not reach ez360-fcgi")

        let bigRid = "big-body-\(tag)"
        let linesBefore = stack.accessLogEntries().count
        let big = try a.postMultipart("/clients", fields: [("_csrf", token), ("name", "Aaron Huge \(tag)")],
                                      files: [("file", "big.bin", "application/octet-stream", [UInt8](repeating: 0x62, count: 13 << 20))],
                                      headers: [("X-Request-ID", bigRid)])
        #expect(big.status == 413, "\(big.summary)")
        #expect(big.header("X-Request-ID") == nil, "the 413 should come from nginx, not the app")
        usleep(500_000)
        #expect(stack.accessLogEntries(rid: bigRid).isEmpty, "ez360-fcgi logged the 13 MB request")
        #expect(stack.accessLogEntries().count == linesBefore, "ez360-fcgi handled a request during the 13 MB POST")
        #expect(try a.clientCount("?q=\(tag)") == 0)
    }

    // MARK: - 8. Tenant isolation

    @Test("Another company's client is a 404 for every verb, and stays unchanged")
    func tenantIsolation() throws {
        let a = try signedIn(Stack.ownerA)
        let tag = tag()
        let liveName = "Aaron Tenant Live \(tag)"
        let live = try a.createClient([("name", liveName), ("email", "tenant.\(tag)@example.org")])
        let deleted = try a.createClient([("name", "Aaron Tenant Deleted \(tag)")])
        let tokenA = try a.formToken()
        #expect(try a.post("/clients/\(deleted)/delete", [("_csrf", tokenA)]).status == 303)
        let before = [live: try a.get("/api/clients/\(live)").text, deleted: try a.get("/api/clients/\(deleted)").text]

        let b = try signedIn(Stack.ownerB)
        let tokenB = try b.formToken()
        func stripRequestId(_ html: String) -> String {
            html.replacingOccurrences(of: #"<code>[^<]*</code>"#, with: "<code></code>", options: .regularExpression)
        }
        let missing = try b.get("/clients/999999999")
        #expect(missing.status == 404)

        for id in [live, deleted] {
            let attempts: [(String, HTTPResponse)] = [
                ("GET /clients/\(id)", try b.get("/clients/\(id)")),
                ("GET /clients/\(id)/edit", try b.get("/clients/\(id)/edit")),
                ("POST /clients/\(id)/edit", try b.post("/clients/\(id)/edit", [("_csrf", tokenB), ("name", "Hijacked \(tag)"),
                                                                               ("email", "hijack@example.org")])),
                ("POST /clients/\(id)/edit (invalid)", try b.post("/clients/\(id)/edit", [("_csrf", tokenB), ("name", "")])),
                ("POST /clients/\(id)/delete", try b.post("/clients/\(id)/delete", [("_csrf", tokenB)])),
                ("POST /clients/\(id)/restore", try b.post("/clients/\(id)/restore", [("_csrf", tokenB)])),
            ]
            for (what, response) in attempts {
                #expect(response.status == 404, "\(what) as company B: \(response.summary)")
                #expect(!response.text.contains("Aaron Tenant"), "\(what) leaks the client's name")
            }
            #expect(stripRequestId(attempts[0].1.text) == stripRequestId(missing.text),
                    "a foreign id must look exactly like a missing one")

            let api = try b.get("/api/clients/\(id)")
            #expect(api.status == 404)
            #expect(api.contentType.hasPrefix("application/problem+json"), "\(api.summary)")
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(api.body)) as? [String: Any])
            #expect(problem["status"] as? Int == 404)
            #expect(!api.text.contains("Aaron Tenant"))
        }
        #expect(try b.listedClientIds("?q=" + RawHTTP.percentEncode("Aaron Tenant")).isEmpty)
        #expect(try b.listedClientIds("?status=deleted&q=" + RawHTTP.percentEncode("Aaron Tenant")).isEmpty)

        for id in [live, deleted] {
            #expect(try a.get("/api/clients/\(id)").text == before[id], "company B changed company A's client \(id)")
        }
        let page = try a.get("/clients/\(live)")
        #expect(page.status == 200)
        #expect(page.text.contains(liveName))
        #expect(!page.text.contains("Hijacked"))
    }

    // MARK: - 9. Anonymous

    @Test("Anonymous: pages redirect to sign in, writes are refused and write nothing")
    func anonymous() throws {
        let anonymous = stack.browser()
        let tag = tag()
        let list = try anonymous.get("/clients")
        #expect(list.status == 303)
        #expect(list.location == "/login?next=%2Fclients")
        let edit = try anonymous.get("/clients/1/edit")
        #expect(edit.status == 303)
        #expect(edit.location?.hasPrefix("/login?next=") == true)

        let name = "Aaron Anonymous \(tag)"
        let bare = try anonymous.post("/clients", [("name", name)])
        #expect([401, 403].contains(bare.status), "\(bare.summary)")
        // Even with the sign-in form's double-submit token and cookie.
        let token = try #require(Scrape.csrfToken(try anonymous.get("/login").text))
        let withToken = try anonymous.post("/clients", [("_csrf", token), ("name", name)])
        #expect([401, 403].contains(withToken.status), "\(withToken.summary)")
        #expect(anonymous.cookie("ez360_session") == nil)

        let api = try anonymous.get("/api/clients/1")
        #expect(api.status == 401)
        #expect(api.contentType.hasPrefix("application/problem+json"))

        let a = try signedIn(Stack.ownerA)
        #expect(try a.clientCount("?q=" + RawHTTP.percentEncode(name)) == 0)
    }

    // MARK: - 10. Routing errors and HEAD

    @Test("Unknown path → 404 page; wrong method → 405 with Allow; HEAD → 200 without a body")
    func routing() throws {
        let browser = stack.browser()
        let missing = try browser.get("/no-such-page-\(tag())")
        #expect(missing.status == 404)
        #expect(missing.isHTML)
        #expect(missing.text.contains("Page not found"))
        let missingAPI = try browser.get("/api/no-such-thing")
        #expect(missingAPI.status == 404)
        #expect(missingAPI.contentType.hasPrefix("application/problem+json"))

        let put = try browser.request("PUT", "/clients", body: [])
        #expect(put.status == 405, "\(put.summary)")
        let allowed = Set((put.header("Allow") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(allowed.isSuperset(of: ["GET", "POST"]), "Allow: \(put.header("Allow") ?? "(none)")")
        #expect(!allowed.contains("PUT"))

        let logout = try browser.get("/logout")
        #expect(logout.status == 405)
        #expect(logout.header("Allow") == "POST")

        let head = try browser.request("HEAD", "/login")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.contentType.hasPrefix("text/html"))
    }

    // MARK: - 11. Sign out

    @Test("Sign out: 303 to /login, and the old session cookie no longer works")
    func signOut() throws {
        let a = try signedIn(Stack.ownerA)
        let oldSession = try #require(a.cookie("ez360_session"))
        let token = try a.formToken("/")

        let response = try a.post("/logout", [("_csrf", token)])
        #expect(response.status == 303, "\(response.summary)")
        #expect(response.location == "/login")
        let removal = try #require(response.setCookie(named: "ez360_session"))
        #expect(removal.contains("Max-Age=0"))
        #expect(a.cookie("ez360_session") == nil)
        let login = try a.get("/login")
        #expect(login.text.contains("You have signed out."))
        let after = try a.get("/clients")
        #expect(after.status == 303)

        let replay = stack.browser("replay")
        replay.setCookie("ez360_session", oldSession)
        let page = try replay.get("/clients")
        #expect(page.status == 303, "the old session still works: \(page.summary)")
        #expect(page.location == "/login?next=%2Fclients")
        let write = try replay.post("/clients", [("_csrf", token), ("name", "Aaron Replayed")])
        #expect([401, 403].contains(write.status))
    }
}
