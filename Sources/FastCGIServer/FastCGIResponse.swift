/// What a handler returns. FastCGIServer and CGIGateway write it in CGI response form:
/// `Status: 200 OK`, the headers, a blank line, then the body (see ResponseEncoding).
public struct FastCGIResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

extension FastCGIResponse {
    /// Sent when a handler throws. It says nothing about the failure: details go to stderr only,
    /// because an error message can carry SQL, paths or customer data.
    public static let internalServerError = FastCGIResponse(
        status: 500,
        headers: [(name: "Content-Type", value: "text/plain; charset=utf-8")],
        body: Array("Internal Server Error\n".utf8)
    )
}
