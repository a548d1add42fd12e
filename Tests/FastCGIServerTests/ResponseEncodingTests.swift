import Testing
@testable import FastCGIServer

@Suite struct ResponseEncodingTests {
    @Test func statusLineHeadersAndBlankLine() {
        let response = FastCGIResponse(status: 404, headers: [(name: "Content-Type", value: "text/html; charset=utf-8")])
        #expect(String(decoding: ResponseEncoding.head(of: response), as: UTF8.self)
            == "Status: 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\n\r\n")
    }

    @Test(arguments: [(200, "OK"), (303, "See Other"), (422, "Unprocessable Content"), (429, "Too Many Requests"), (503, "Service Unavailable"), (299, "Success"), (418, "Client Error")])
    func reasonPhrases(status: Int, phrase: String) {
        #expect(ResponseEncoding.reasonPhrase(for: status) == phrase)
    }

    @Test(arguments: [0, 99, 600, -1, 1000])
    func impossibleStatusBecomes500(status: Int) {
        var problems: [String] = []
        let head = ResponseEncoding.head(of: FastCGIResponse(status: status)) { problems.append($0) }
        #expect(String(decoding: head, as: UTF8.self) == "Status: 500 Internal Server Error\r\n\r\n")
        #expect(problems.count == 1)
    }

    @Test func unsafeHeadersAreDroppedAndReported() {
        var problems: [String] = []
        let response = FastCGIResponse(status: 200, headers: [
            (name: "X-A", value: "1"),
            (name: "X-B", value: "line\rbreak"),
            (name: "X-C", value: "nul\u{0}byte"),
            (name: "X:D", value: "1"),
            (name: "X-É", value: "1"),
            (name: "x-e", value: "café ✓"),
        ])
        let head = ResponseEncoding.head(of: response) { problems.append($0) }
        #expect(String(decoding: head, as: UTF8.self) == "Status: 200 OK\r\nX-A: 1\r\nx-e: café ✓\r\n\r\n")
        #expect(problems.count == 4)
    }
}
