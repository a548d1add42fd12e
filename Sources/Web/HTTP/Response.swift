import Domain
import Foundation

public struct Response {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func html(_ html: HTML, status: Int = 200) -> Response {
        Response(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: html.bytes)
    }

    public static func text(_ text: String, status: Int = 200) -> Response {
        Response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    public static func json(_ json: String, status: Int = 200) -> Response {
        Response(status: status, headers: [("Content-Type", "application/json")], body: Array(json.utf8))
    }

    public static func json<Value: Encodable>(_ value: Value, status: Int = 200) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [("Content-Type", "application/json")], body: Array(data))
    }

    /// POST → 303 → GET: the browser fetches `location` and a reload does not resubmit.
    public static func seeOther(_ location: String) -> Response {
        Response(status: 303, headers: [("Location", location)])
    }

    /// The internal nginx location private media is served from (nginx/*.conf: `internal`,
    /// aliased to `$EZ360_DATA_DIR/media/`). A browser asking for it directly gets 404.
    public static let privateMediaLocation = "/media/_internal/"

    /// Hands a private file to nginx: an empty body and `X-Accel-Redirect` to the file of
    /// `mediaKey`, which nginx then sends itself. Only after the permission check — this is
    /// what makes the file reachable. nginx keeps this response's Content-Type,
    /// Content-Disposition and Cache-Control but drops every other header of ours, the
    /// security headers included, so the media location adds its own
    /// (nginx/private-media-headers.conf). `inline` shows the file in the browser (a PDF,
    /// a photo) instead of saving it.
    public static func accelRedirect(mediaKey: MediaKey, downloadName: String, inline: Bool = false) -> Response {
        Response(status: 200, headers: [
            ("X-Accel-Redirect", privateMediaLocation + mediaKey.value),
            ("Content-Type", mediaKey.kind.contentType),
            ("Content-Disposition", ContentDisposition.value(filename: downloadName, inline: inline)),
        ])
    }

    /// RFC 9457 Problem Details, for JSON routes.
    public static func problem(status: Int, title: String, detail: String? = nil, requestId: String) -> Response {
        var response = Response.json(Problem(title: title, status: status, detail: detail, requestId: requestId), status: status)
        response.setHeader("Content-Type", "application/problem+json")
        return response
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public mutating func setHeader(_ name: String, _ value: String) {
        let lowered = name.lowercased()
        headers.removeAll { $0.name.utf8.count == name.utf8.count && $0.name.lowercased() == lowered }
        headers.append((name, value))
    }

    public mutating func addCookie(_ cookie: SetCookie) {
        headers.append(("Set-Cookie", cookie.headerValue))
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

private struct Problem: Encodable {
    let type = "about:blank"
    let title: String
    let status: Int
    let detail: String?
    let requestId: String

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail
        case requestId = "request_id"
    }
}

public enum HTTPStatus {
    public static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}
