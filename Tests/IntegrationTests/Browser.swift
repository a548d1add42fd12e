import Foundation
import Testing

/// A simulated browser: a cookie jar in front of `RawHTTP`. Every HTML page it receives is
/// checked with `tidy -errors` (a test fails on errors, with tidy's report).
final class Browser {
    let stack: Stack
    let name: String
    /// name → value, in the order first set.
    private(set) var cookies: [(name: String, value: String)] = []
    /// The loopback address requests come from (default 127.0.0.1).
    var sourceAddress: String?

    init(stack: Stack, name: String) {
        self.stack = stack
        self.name = name
    }

    func cookie(_ name: String) -> String? {
        cookies.first { $0.name == name }?.value
    }

    func setCookie(_ name: String, _ value: String) {
        if let index = cookies.firstIndex(where: { $0.name == name }) {
            cookies[index].value = value
        } else {
            cookies.append((name, value))
        }
    }

    func removeCookie(_ name: String) {
        cookies.removeAll { $0.name == name }
    }

    /// Sends one request with this browser's cookies and stores the cookies it sets.
    @discardableResult
    func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
                 contentType: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> HTTPResponse {
        var allHeaders = headers
        if !cookies.isEmpty {
            allHeaders.append(("Cookie", cookies.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")))
        }
        if let contentType { allHeaders.append(("Content-Type", contentType)) }
        let bytes = RawHTTP.requestBytes(method: method, path: path, port: stack.port, headers: allHeaders, body: body)
        let response = try RawHTTP.exchange(port: stack.port, request: bytes, sourceAddress: sourceAddress)
        for line in response.setCookies { store(line) }
        if response.isHTML && !response.body.isEmpty {
            Tidy.check(response.body, what: "\(method) \(path) → \(response.status)", sourceLocation: sourceLocation)
        }
        return response
    }

    @discardableResult
    func get(_ path: String, headers: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> HTTPResponse {
        try request("GET", path, headers: headers, sourceLocation: sourceLocation)
    }

    /// An urlencoded form POST.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], headers: [(String, String)] = [],
              sourceLocation: SourceLocation = #_sourceLocation) throws -> HTTPResponse {
        try request("POST", path, headers: headers, body: RawHTTP.formBody(fields),
                    contentType: "application/x-www-form-urlencoded", sourceLocation: sourceLocation)
    }

    @discardableResult
    func postMultipart(_ path: String, fields: [(String, String)],
                       files: [(name: String, filename: String, type: String, content: [UInt8])],
                       headers: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> HTTPResponse {
        let (contentType, body) = RawHTTP.multipartBody(fields: fields, files: files)
        return try request("POST", path, headers: headers, body: body, contentType: contentType, sourceLocation: sourceLocation)
    }

    private func store(_ line: String) {
        let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals])
        let value = String(pair[pair.index(after: equals)...])
        let expired = parts.dropFirst().contains { $0.lowercased() == "max-age=0" }
        if expired { removeCookie(name) } else { setCookie(name, value) }
    }

    // MARK: - Flows

    /// GET /login, then POST /login with the form's `_csrf` (the double-submit token).
    @discardableResult
    func signIn(_ user: TestUser, password: String? = nil, next: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> HTTPResponse {
        let form = try get(next.map { "/login?next=" + RawHTTP.percentEncode($0) } ?? "/login", sourceLocation: sourceLocation)
        guard form.status == 200, let token = Scrape.csrfToken(form.text) else {
            throw HarnessError("GET /login gave no sign-in form:\n\(form.summary)")
        }
        return try post("/login", [("_csrf", token), ("email", user.email), ("password", password ?? user.password),
                                   ("next", next ?? "")], sourceLocation: sourceLocation)
    }

    /// The CSRF token of the form on `path` (a signed-in page carries the session's token).
    func formToken(_ path: String = "/clients/new", sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let page = try get(path, sourceLocation: sourceLocation)
        guard page.status == 200, let token = Scrape.csrfToken(page.text) else {
            throw HarnessError("GET \(path) has no form with _csrf:\n\(page.summary)")
        }
        return token
    }

    /// Creates a client through the form and returns its id (the form must be accepted).
    func createClient(_ fields: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws -> Int64 {
        let token = try formToken("/clients/new", sourceLocation: sourceLocation)
        let response = try post("/clients", [("_csrf", token)] + fields, sourceLocation: sourceLocation)
        guard response.status == 303, let location = response.location,
              let id = Scrape.firstCapture(#"^/clients/(\d+)$"#, in: location).flatMap({ Int64($0) }) else {
            throw HarnessError("POST /clients did not create a client:\n\(response.summary)")
        }
        return id
    }

    /// The number of clients the list page reports for `query` ("N clients").
    func clientCount(_ query: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let page = try get("/clients" + query, sourceLocation: sourceLocation)
        guard page.status == 200, let count = Scrape.clientCount(page.text) else {
            throw HarnessError("GET /clients\(query) shows no client count:\n\(page.summary)")
        }
        return count
    }

    /// The client ids linked from the list page at `query`.
    func listedClientIds(_ query: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws -> [Int64] {
        let page = try get("/clients" + query, sourceLocation: sourceLocation)
        guard page.status == 200 else { throw HarnessError("GET /clients\(query):\n\(page.summary)") }
        return Scrape.clientIds(page.text)
    }
}

/// Reading what the pages show.
enum Scrape {
    static func firstCapture(_ pattern: String, in text: String) -> String? {
        guard let regex = try? Regex(pattern), let match = text.firstMatch(of: regex), match.count > 1,
              let capture = match[1].substring else { return nil }
        return String(capture)
    }

    static func allCaptures(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? Regex(pattern) else { return [] }
        return text.matches(of: regex).compactMap { $0.count > 1 ? $0[1].substring.map(String.init) : nil }
    }

    static func csrfToken(_ html: String) -> String? {
        firstCapture(#"name="_csrf" value="([^"]+)""#, in: html)
    }

    static func clientCount(_ html: String) -> Int? {
        firstCapture(#"<p class="muted">(\d+) clients?</p>"#, in: html).flatMap { Int($0) }
    }

    static func clientIds(_ html: String) -> [Int64] {
        allCaptures(#"<a href="/clients/(\d+)">"#, in: html).compactMap { Int64($0) }
    }

    /// The page's escaping of text (as Sources/Web/Views/HTML.swift does it), for assertions.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

/// `tidy -errors -q -utf8` on an HTML body: exit status 2 (errors) fails the current test.
enum Tidy {
    static let executable: String? = Paths.executable(named: "tidy")

    static func check(_ html: [UInt8], what: String, sourceLocation: SourceLocation) {
        guard let executable else {
            Issue.record("tidy is not installed (Debian: apt-get install tidy); cannot validate \(what)",
                         sourceLocation: sourceLocation)
            return
        }
        do {
            let scratch = NSTemporaryDirectory()
            let input = scratch + "/ez360-tidy-\(UUID().uuidString).html"
            try Data(html).write(to: URL(fileURLWithPath: input))
            defer { unlink(input) }
            let (exit, output) = try ChildProcess.run(executable, ["-errors", "-q", "-utf8", input],
                                                      environment: ProcessInfo.processInfo.environment,
                                                      scratchDirectory: scratch)
            if exit.code == 2 || exit.code == nil {
                Issue.record("tidy found errors in \(what) (\(exit)):\n\(output)\n--- page:\n\(String(decoding: html, as: UTF8.self))",
                             sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("running tidy on \(what) failed: \(error)", sourceLocation: sourceLocation)
        }
    }
}
