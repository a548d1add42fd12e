import Testing
@testable import Web

@Suite struct HTMLTests {
    @Test func interpolatedTextIsEscaped() {
        let hostile = "<script>alert('x')</script> & \"quoted\""
        let html: HTML = "<p>\(hostile)</p>"
        #expect(html.string == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</p>")
    }

    @Test func attributeValuesCannotBreakOut() {
        let value = "\" onmouseover=\"alert(1)"
        let html: HTML = "<input value=\"\(value)\">"
        #expect(html.string == "<input value=\"&quot; onmouseover=&quot;alert(1)\">")
        #expect(!html.string.contains("\" onmouseover"))
    }

    @Test func literalsAndNestedHTMLAreNotEscapedTwice() {
        let inner: HTML = "<b>\("a<b")</b>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.string == "<p><b>a&lt;b</b></p>")
    }

    @Test func numbersUnicodeAndArrays() {
        let items: [HTML] = ["<li>\("Ibáñez")</li>", "<li>\("東京")</li>"]
        let html: HTML = "<ul>\(items)</ul><span>\(42)</span><span>\(Int64(-7))</span>"
        #expect(html.string == "<ul><li>Ibáñez</li><li>東京</li></ul><span>42</span><span>-7</span>")
    }

    @Test func escapingLongRunsKeepsEveryByte() {
        let text = String(repeating: "abc<def>&'\"", count: 1000) + "é"
        var expected = ""
        for _ in 0..<1000 { expected += "abc&lt;def&gt;&amp;&#39;&quot;" }
        #expect(HTML.escaped(text) == expected + "é")
    }

    @Test func optionalAndEmptyFragments() {
        let none: HTML? = nil
        let html: HTML = "<div>\(none)\(HTML())</div>"
        #expect(html.string == "<div></div>")
    }
}
