/// The CGI response form that both FastCGI (on FCGI_STDOUT) and plain CGI (on stdout) use:
/// `Status: 303 See Other\r\nLocation: /x\r\n\r\n` followed by the body.
enum ResponseEncoding {
    /// Status line, headers and the blank line that ends them.
    ///
    /// A header whose name is not an HTTP token or whose value holds CR, LF or NUL is dropped and
    /// passed to `dropped`: a value like "x\r\nSet-Cookie: …" built from user input must never
    /// reach the web server as a second header (response splitting). A handler's own `Status`
    /// header is dropped too; the status comes from `response.status` alone.
    static func head(of response: FastCGIResponse, dropped: (String) -> Void = { _ in }) -> [UInt8] {
        var status = response.status
        if !(100...599).contains(status) {
            dropped("status \(status) is not an HTTP status; sending 500")
            status = 500
        }
        var head: [UInt8] = []
        head.reserveCapacity(64 + response.headers.count * 48)
        head.append(contentsOf: "Status: \(status) \(reasonPhrase(for: status))\r\n".utf8)
        for (name, value) in response.headers {
            guard isValidHeaderName(name) else {
                dropped("header name \(name.debugDescription) is not an HTTP token")
                continue
            }
            guard isValidHeaderValue(value) else {
                dropped("header \(name) has CR, LF or NUL in its value")
                continue
            }
            guard name.lowercased() != "status" else {
                dropped("Status header from the handler; the status field decides")
                continue
            }
            head.append(contentsOf: name.utf8)
            head.append(contentsOf: ": ".utf8)
            head.append(contentsOf: value.utf8)
            head.append(contentsOf: "\r\n".utf8)
        }
        head.append(contentsOf: "\r\n".utf8)
        return head
    }

    /// RFC 9110 token: what a field name may be. Rules out CR, LF, ':' and spaces in one check.
    static func isValidHeaderName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    static func isValidHeaderValue(_ value: String) -> Bool {
        !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 409: "Conflict"
        case 410: "Gone"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default:
            // nginx only reads the code; the phrase is for people reading raw output.
            switch status / 100 {
            case 1: "Informational"
            case 2: "Success"
            case 3: "Redirection"
            case 4: "Client Error"
            default: "Server Error"
            }
        }
    }
}
