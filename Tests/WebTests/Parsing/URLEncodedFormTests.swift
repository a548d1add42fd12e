import Testing
@testable import Web

@Suite struct URLEncodedFormTests {
    private func parse(_ text: String, limits: FormLimits = .default) throws(FormParseError) -> FormData {
        try URLEncodedForm.parse(Array(text.utf8), limits: limits)
    }

    @Test func decodesPairsInOrder() throws {
        let form = try parse("name=Ann&email=ann%40example.com&tag=a&tag=b")
        #expect(form == FormData([("name", "Ann"), ("email", "ann@example.com"), ("tag", "a"), ("tag", "b")]))
    }

    @Test func plusIsSpaceAndEscapedPlusIsPlus() throws {
        let form = try parse("q=a+b%2Bc+%20d")
        #expect(form["q"] == "a b+c  d")
    }

    @Test func decodesEscapesInNamesWithEitherHexCase() throws {
        let form = try parse("line%5B0%5d=x%3d1%26y")
        #expect(form.pairs.count == 1)
        #expect(form["line[0]"] == "x=1&y")
    }

    @Test func decodesMultibyteUTF8() throws {
        let form = try parse("city=Z%C3%BCrich&emoji=%F0%9F%98%80&raw=caf\u{E9}")
        #expect(form["city"] == "Zürich")
        #expect(form["emoji"] == "😀")
        #expect(form["raw"] == "café")
    }

    @Test func skipsEmptyPairs() throws {
        #expect(try parse("a=1&&b=2&") == FormData([("a", "1"), ("b", "2")]))
        #expect(try parse("&&&") == FormData())
        #expect(try parse("") == FormData())
    }

    @Test func nameWithoutEqualsHasEmptyValue() throws {
        #expect(try parse("flag&a=") == FormData([("flag", ""), ("a", "")]))
    }

    @Test func onlyTheFirstEqualsSplits() throws {
        #expect(try parse("a=b=c") == FormData([("a", "b=c")]))
    }

    @Test func emptyNameIsKept() throws {
        #expect(try parse("=x") == FormData([("", "x")]))
    }

    @Test(arguments: ["a=%zz", "a=%4", "a=%", "a=1%2", "%g0=1", "a=%%41", "a=%4 1"])
    func malformedEscapesThrow(input: String) {
        #expect(throws: FormParseError.malformedEscape) { try parse(input) }
    }

    @Test(arguments: ["a=%FF", "a=%C3", "a=%C3%28", "a=%ED%A0%80", "%80=1", "a=%C0%AF"])
    func invalidUTF8AfterDecodingThrows(input: String) {
        #expect(throws: FormParseError.invalidUTF8) { try parse(input) }
    }

    @Test func rawInvalidUTF8BytesThrow() {
        #expect(throws: FormParseError.invalidUTF8) {
            try URLEncodedForm.parse([UInt8(ascii: "a"), UInt8(ascii: "="), 0xFF])
        }
    }

    @Test func fieldCountLimit() throws {
        let limits = FormLimits(maxFields: 3)
        #expect(try parse("a=1&b=2&c=3", limits: limits).count == 3)
        // Empty pairs do not count towards the limit.
        #expect(try parse("a=1&&b=2&&c=3&", limits: limits).count == 3)
        #expect(throws: FormParseError.tooManyFields) { try parse("a=1&b=2&c=3&d=4", limits: limits) }
    }

    @Test func defaultFieldCountLimitIsOneThousand() throws {
        let thousand = Array(repeating: "a=1", count: 1_000).joined(separator: "&")
        #expect(try parse(thousand).count == 1_000)
        #expect(throws: FormParseError.tooManyFields) { try parse(thousand + "&b=2") }
    }

    @Test func valueLengthLimitCountsDecodedBytes() throws {
        let limits = FormLimits(maxValueBytes: 4)
        #expect(try parse("a=abcd", limits: limits)["a"] == "abcd")
        #expect(try parse("a=%41%42%43%44", limits: limits)["a"] == "ABCD")
        #expect(try parse("a=%C3%BC%C3%BC", limits: limits)["a"] == "üü")
        #expect(throws: FormParseError.fieldTooLong) { try parse("a=abcde", limits: limits) }
        #expect(throws: FormParseError.fieldTooLong) { try parse("a=%41%42%43%44+", limits: limits) }
    }

    @Test func defaultValueLimitIs64KiB() throws {
        let atLimit = "v=" + String(repeating: "x", count: 64 * 1024)
        #expect(try parse(atLimit)["v"]?.utf8.count == 64 * 1024)
        #expect(throws: FormParseError.fieldTooLong) { try parse(atLimit + "x") }
    }

    @Test func nameLengthLimit() throws {
        let name = String(repeating: "n", count: 256)
        #expect(try parse(name + "=1")[name] == "1")
        #expect(throws: FormParseError.fieldTooLong) { try parse(name + "n=1") }
        #expect(throws: FormParseError.fieldTooLong) { try parse("x=1&" + name + "n") }
    }

    @Test func errorsHaveMessagesThatDoNotEchoInput() {
        let errors: [FormParseError] = [.malformedEscape, .invalidUTF8, .tooManyFields, .fieldTooLong]
        for error in errors {
            #expect(!error.message.isEmpty)
        }
        #expect(Set(errors.map(\.message)).count == errors.count)
    }

    // MARK: Lenient query strings

    @Test func queryDecodesLikeAForm() {
        let query = URLEncodedForm.parseQuery("page=2&q=acme+corp&sort=name%2Cdesc")
        #expect(query == FormData([("page", "2"), ("q", "acme corp"), ("sort", "name,desc")]))
    }

    @Test func querySkipsUndecodablePairsButKeepsTheRest() {
        let query = URLEncodedForm.parseQuery("a=%zz&b=2&c=%FF&d=%4&e=5")
        #expect(query == FormData([("b", "2"), ("e", "5")]))
    }

    @Test func queryIgnoresALeadingQuestionMarkAndAcceptsSubstrings() throws {
        let url = "/invoices?status=draft&page=3"
        let query = url[try #require(url.firstIndex(of: "?"))...]
        #expect(URLEncodedForm.parseQuery(query) == FormData([("status", "draft"), ("page", "3")]))
        #expect(URLEncodedForm.parseQuery("") == FormData())
        #expect(URLEncodedForm.parseQuery("?") == FormData())
    }

    @Test func queryDropsFieldsBeyondTheLimits() {
        let query = URLEncodedForm.parseQuery(
            "a=1&long=abcdef&b=2&c=3",
            limits: FormLimits(maxFields: 2, maxValueBytes: 3)
        )
        #expect(query == FormData([("a", "1"), ("b", "2")]))
    }
}
