import Testing
@testable import Web

@Suite struct HeaderValueTests {
    @Test func contentTypeWithQuotedBoundary() {
        let parsed = HeaderValue.parameters(#"multipart/form-data; boundary="abc""#)
        #expect(parsed.value == "multipart/form-data")
        #expect(parsed.parameters == ["boundary": "abc"])
    }

    @Test func contentTypeWithTokenBoundaryAndCharset() {
        let parsed = HeaderValue.parameters("Multipart/Form-Data;boundary=----WebKitFormBoundaryAbC;Charset=UTF-8")
        #expect(parsed.value == "multipart/form-data")
        #expect(parsed.parameters == ["boundary": "----WebKitFormBoundaryAbC", "charset": "UTF-8"])
    }

    @Test func contentDispositionWithFilenameContainingSpacesAndSemicolons() {
        let parsed = HeaderValue.parameters(#"form-data; name="file"; filename="a b; c=d.pdf""#)
        #expect(parsed.value == "form-data")
        #expect(parsed.parameters == ["name": "file", "filename": "a b; c=d.pdf"])
    }

    @Test func parameterNamesAreCaseInsensitiveAndValuesKeepCase() {
        let parsed = HeaderValue.parameters(#"form-data; NAME="Title"; FileName="Report.PDF""#)
        #expect(parsed.parameters == ["name": "Title", "filename": "Report.PDF"])
    }

    @Test func backslashEscapesQuoteAndBackslashOnly() {
        let parsed = HeaderValue.parameters(#"form-data; name="a\"b\\c"; filename="C:\Users\me\x.pdf""#)
        #expect(parsed.parameters["name"] == #"a"b\c"#)
        #expect(parsed.parameters["filename"] == #"C:\Users\me\x.pdf"#)
    }

    @Test func whitespaceAroundEverythingIsIgnored() {
        let parsed = HeaderValue.parameters("  text/plain ;  charset = utf-8 ;\tformat=flowed  ")
        #expect(parsed.value == "text/plain")
        #expect(parsed.parameters == ["charset": "utf-8", "format": "flowed"])
    }

    @Test func firstOfRepeatedParametersWins() {
        let parsed = HeaderValue.parameters("multipart/form-data; boundary=one; BOUNDARY=two")
        #expect(parsed.parameters == ["boundary": "one"])
    }

    @Test func unterminatedQuoteRunsToTheEnd() {
        let parsed = HeaderValue.parameters(#"form-data; name="abc; filename=x"#)
        #expect(parsed.parameters == ["name": "abc; filename=x"])
    }

    @Test func textAfterAClosingQuoteIsIgnored() {
        let parsed = HeaderValue.parameters(#"form-data; name="a"junk; filename="b""#)
        #expect(parsed.parameters == ["name": "a", "filename": "b"])
    }

    @Test func parametersWithoutValueOrNameAreSkipped() {
        let parsed = HeaderValue.parameters("attachment; inline; =x; ; name=; a=1")
        #expect(parsed.value == "attachment")
        #expect(parsed.parameters == ["name": "", "a": "1"])
    }

    @Test func emptyQuotedValue() {
        #expect(HeaderValue.parameters(#"form-data; filename="""#).parameters == ["filename": ""])
    }

    @Test func nonASCIIFilenameIsKept() {
        #expect(HeaderValue.parameters(#"form-data; filename="Übersicht 😀.pdf""#).parameters["filename"]
            == "Übersicht 😀.pdf")
    }

    @Test(arguments: ["", ";", "=", "\"", ";;;==;\"", "a;b;c", "\\", "; \"x"])
    func degenerateInputNeverCrashes(input: String) {
        let parsed = HeaderValue.parameters(input)
        #expect(parsed.parameters.keys.allSatisfy { !$0.isEmpty })
    }

    @Test func noParameters() {
        let parsed = HeaderValue.parameters("application/x-www-form-urlencoded")
        #expect(parsed.value == "application/x-www-form-urlencoded")
        #expect(parsed.parameters.isEmpty)
    }
}
