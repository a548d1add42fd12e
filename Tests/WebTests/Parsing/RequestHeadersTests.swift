import Testing
@testable import Web

@Suite struct RequestHeadersTests {
    @Test func cgiHeaderParametersBecomeLowercaseDashedNames() {
        let request = Request(cgiParams: ["REQUEST_METHOD": "GET", "REQUEST_URI": "/clients?q=a",
                                          "HTTP_X_REQUEST_ID": "abc", "HTTP_COOKIE": "a=b", "HTTP_ACCEPT_LANGUAGE": "fr",
                                          "CONTENT_TYPE": "text/plain", "SERVER_NAME": "ignored"], body: nil)
        #expect(request.headers["x-request-id"] == "abc")
        #expect(request.headers["cookie"] == "a=b")
        #expect(request.headers["accept-language"] == "fr")
        #expect(request.headers["content-type"] == "text/plain")
        #expect(request.headers["server-name"] == nil && request.headers["name"] == nil)
    }

    @Test func headerNamesKeepDigitsAndNonLetters() {
        #expect(Request.headerName(fromCGI: "HTTP_X_B3_TRACEID") == "x-b3-traceid")
        #expect(Request.headerName(fromCGI: "HTTP_") == "")
        #expect(Request.headerName(fromCGI: "HTTP_ÉTÉ_X") == "ÉtÉ-x")  // only ASCII letters are folded
    }
}
