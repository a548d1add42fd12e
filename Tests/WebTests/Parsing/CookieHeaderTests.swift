import Testing
@testable import Web

@Suite struct CookieHeaderTests {
    @Test func parsesPairs() {
        #expect(CookieHeader.parse("ez360_session=abc123; theme=dark") == ["ez360_session": "abc123", "theme": "dark"])
    }

    @Test func trimsWhitespaceAroundNamesAndValues() {
        #expect(CookieHeader.parse("  a = 1 ;\tb=2\t;c =3") == ["a": "1", "b": "2", "c": "3"])
    }

    @Test func unquotesQuotedValues() {
        #expect(CookieHeader.parse(#"a="hello"; b=""; c="x"#) == ["a": "hello", "b": "", "c": "\"x"])
    }

    @Test func firstOccurrenceWins() {
        #expect(CookieHeader.parse("sid=first; sid=second; other=1; sid=third") == ["sid": "first", "other": "1"])
    }

    @Test func valuesMayContainEquals() {
        #expect(CookieHeader.parse("token=YWJj==; x=a=b") == ["token": "YWJj==", "x": "a=b"])
    }

    @Test func emptyValueIsKept() {
        #expect(CookieHeader.parse("a=; b=2") == ["a": "", "b": "2"])
    }

    @Test func garbagePairsAreSkipped() {
        let header = "garbage; =novalue; bad name=1; good=yes; a(b)=2; ;; \u{7F}=3; ok=1"
        #expect(CookieHeader.parse(header) == ["good": "yes", "ok": "1"])
    }

    @Test(arguments: ["", ";", ";;;", "=", "==", " ", "a", "\"", "=;=;", "\u{0}", "é=1", "😀"])
    func degenerateHeadersGiveNoCookies(header: String) {
        #expect(CookieHeader.parse(header) == [:])
    }

    @Test func nonASCIIValuesSurviveSoOtherCookiesStillParse() {
        #expect(CookieHeader.parse("pref=café; sid=abc") == ["pref": "café", "sid": "abc"])
    }
}
