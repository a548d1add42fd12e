import App
import Domain
import Foundation
import Store
import Testing
@testable import Web

/// A fresh database and the real request pipeline, driven in-process (no server).
final class WebHarness {
    let directory: String
    let app: EZ360App
    let web: WebApplication
    static let password = "correct horse battery staple"

    /// `configure` adjusts the test configuration; `clock` lets a test move time (link expiry).
    init(clock: Clock = .system, configure: (inout AppConfig) -> Void = { _ in }) throws {
        directory = NSTemporaryDirectory() + "ez360-web-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = try AppDatabase(path: directory + "/ez360.sqlite")
        try database.migrate()
        var config = AppConfig(environment: .test, dataDirectory: directory, passwordHasher: PasswordHasher(logN: 10))
        configure(&config)
        app = EZ360App(database: database, config: config, clock: clock)
        web = WebApplication(app: app)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    @discardableResult
    func member(_ email: String, company: String, role: Role) throws -> IdentityService.CreatedUser {
        try app.identity.createUser(email: email, password: Self.password, companyName: company, role: role)
    }

    func companyId(_ name: String) throws -> Int64 {
        try #require(try app.identity.companies().first { $0.name == name }?.id)
    }

    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) -> Response {
        let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
        var allHeaders = headers
        if !body.isEmpty || method == "POST" {
            allHeaders["content-type"] = allHeaders["content-type"] ?? "application/x-www-form-urlencoded"
            allHeaders["content-length"] = String(body.count)
        }
        let request = Request(method: method, path: parts[0],
                              query: URLEncodedForm.parseQuery(parts.count > 1 ? parts[1] : ""),
                              headers: allHeaders, remoteAddress: "127.0.0.1", body: BytesBodyStream(body))
        return web.respond(to: request)
    }

    func auditCount(_ action: String? = nil, company: Int64) throws -> Int {
        try app.database.pool.read { try AuditLog.count($0, companyId: company, action: action) }
    }
}

/// A browser: a cookie jar, and forms that carry the CSRF token of the last page.
final class Browser {
    let harness: WebHarness
    var cookies: [String: String] = [:]
    var extraHeaders: [String: String] = [:]

    init(_ harness: WebHarness) { self.harness = harness }

    @discardableResult
    func get(_ path: String, headers: [String: String] = [:]) -> Response {
        send("GET", path, headers: headers)
    }

    /// Posts `fields`; with `csrf: true` the token of the session (or sign-in cookie) is added.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: Bool = true, headers: [String: String] = [:]) -> Response {
        var fields = fields
        if csrf { fields.append(("_csrf", csrfToken())) }
        let body = fields.map { "\(URLQuery.encode($0.0))=\(URLQuery.encode($0.1))" }.joined(separator: "&")
        return send("POST", path, headers: headers, body: Array(body.utf8))
    }

    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) -> Response {
        var all = extraHeaders.merging(headers) { $1 }
        if !cookies.isEmpty { all["cookie"] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = harness.send(method, path, headers: all, body: body)
        for header in response.headers where header.name == "Set-Cookie" {
            let pair = header.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if header.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    /// The token a form on a fresh page would carry.
    func csrfToken() -> String {
        if cookies["ez360_session"] != nil {
            return Self.csrf(in: get("/clients/new").bodyText) ?? Self.csrf(in: get("/").bodyText)
                ?? Self.csrf(in: get("/account/two-factor").bodyText) ?? ""
        }
        return Self.csrf(in: get("/login").bodyText) ?? ""
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @discardableResult
    func signIn(_ email: String, password: String = WebHarness.password) -> Response {
        post("/login", [("email", email), ("password", password)])
    }
}

extension Response {
    var location: String? { header("Location") }
}
