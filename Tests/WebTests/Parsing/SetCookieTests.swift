import Testing
@testable import Web

@Suite struct SetCookieTests {
    @Test func sessionCookieHeader() throws {
        let cookie = try SetCookie(name: "ez360_session", value: "abc", maxAge: 3600)
        #expect(cookie.headerValue == "ez360_session=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax")
    }

    @Test func defaults() throws {
        let cookie = try SetCookie(name: "a", value: "b")
        #expect(cookie.path == "/")
        #expect(cookie.maxAge == nil)
        #expect(cookie.httpOnly)
        #expect(!cookie.secure)
        #expect(cookie.sameSite == .lax)
        #expect(cookie.headerValue == "a=b; Path=/; HttpOnly; SameSite=Lax")
    }

    @Test func everyAttribute() throws {
        let strict = try SetCookie(
            name: "csrf", value: "t0k3n", path: "/app", maxAge: 60, httpOnly: false, secure: true, sameSite: .strict
        )
        #expect(strict.headerValue == "csrf=t0k3n; Path=/app; Max-Age=60; Secure; SameSite=Strict")
        let crossSite = try SetCookie(name: "x", value: "1", secure: true, sameSite: .none)
        #expect(crossSite.headerValue == "x=1; Path=/; HttpOnly; Secure; SameSite=None")
    }

    @Test func deletionCookieExpiresAtOnce() throws {
        #expect(try SetCookie.deletion(name: "ez360_session").headerValue
            == "ez360_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
        #expect(try SetCookie.deletion(name: "s", path: "/a", secure: true, sameSite: .strict).headerValue
            == "s=; Path=/a; Max-Age=0; HttpOnly; Secure; SameSite=Strict")
    }

    @Test func valuesAllowedByRFC6265() throws {
        let value = "AZaz09!#$%&'()*+-./:<=>?@[]^_`{|}~"
        #expect(try SetCookie(name: "a", value: value).value == value)
        #expect(try SetCookie(name: "a", value: "\"quoted\"").headerValue.hasPrefix("a=\"quoted\"; "))
        #expect(try SetCookie(name: "a", value: "").headerValue.hasPrefix("a=; "))
    }

    @Test(arguments: ["", "a b", "a;b", "a=b", "a\r\nSet-Cookie: x", "a,b", "a\"", "é", "a\tb", "(a)", "a/b", "a\u{0}"])
    func refusesInvalidNames(name: String) {
        #expect(throws: SetCookieError.invalidName) { try SetCookie(name: name, value: "v") }
    }

    @Test(arguments: [
        "a b", "a;b", "a; Domain=evil.example", "a\r\nSet-Cookie: x=1", "a,b", "a\\b", "a\"b", "\"", "\"a",
        "é", "a\u{7F}", "a\u{0}", "\"a b\"",
    ])
    func refusesInvalidValues(value: String) {
        #expect(throws: SetCookieError.invalidValue) { try SetCookie(name: "a", value: value) }
    }

    @Test(arguments: ["", "app", "/a;b", "/a\r\nX: y", "/é", "/a\u{7F}"])
    func refusesInvalidPaths(path: String) {
        #expect(throws: SetCookieError.invalidPath) { try SetCookie(name: "a", value: "b", path: path) }
    }

    @Test func refusesNegativeMaxAge() {
        #expect(throws: SetCookieError.invalidMaxAge) { try SetCookie(name: "a", value: "b", maxAge: -1) }
    }

    @Test func refusesSameSiteNoneWithoutSecure() {
        #expect(throws: SetCookieError.sameSiteNoneRequiresSecure) {
            try SetCookie(name: "a", value: "b", sameSite: .none)
        }
    }

    @Test func refusesInvalidDeletionNames() {
        #expect(throws: SetCookieError.invalidName) { try SetCookie.deletion(name: "a;b") }
    }

    @Test func headerValueRoundTripsThroughTheCookieParser() throws {
        let cookie = try SetCookie(name: "ez360_session", value: "dGVzdA==", maxAge: 5)
        let sent = String(cookie.headerValue.prefix { $0 != ";" })
        #expect(CookieHeader.parse(sent) == ["ez360_session": "dGVzdA=="])
    }
}
