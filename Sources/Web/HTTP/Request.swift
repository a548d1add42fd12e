import App
import Foundation

/// One HTTP request as nginx handed it over FastCGI (or a CGI server in `--cgi` mode).
/// A class because the body is a stream read at most once, and the parsed form is kept.
public final class Request {
    public let method: String
    /// The path without the query string, as sent (percent-encoded).
    public let path: String
    public let query: FormData
    /// Header names lowercased (`cookie`, `content-type`, `origin`, `x-request-id` …).
    public let headers: [String: String]
    public let cookies: [String: String]
    /// The client address as nginx saw it (`$remote_addr`): never taken from a header.
    public let remoteAddress: String
    public let isHTTPS: Bool
    public internal(set) var pathParameters: [String: String] = [:]

    private var body: (any BodyStream)?
    private var parsedForm: FormData?
    let limits: RequestBodyLimits

    public init(method: String, path: String, query: FormData = FormData(), headers: [String: String] = [:],
                remoteAddress: String = "", isHTTPS: Bool = false, body: (any BodyStream)? = nil,
                limits: RequestBodyLimits = .default) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = headers
        self.cookies = headers["cookie"].map(CookieHeader.parse) ?? [:]
        self.remoteAddress = remoteAddress
        self.isHTTPS = isHTTPS
        self.body = body
        self.limits = limits
    }

    /// Builds the request from CGI/FastCGI parameters (REQUEST_METHOD, REQUEST_URI, HTTP_* …).
    public convenience init(cgiParams params: [String: String], body: (any BodyStream)?, limits: RequestBodyLimits = .default) {
        let uri = params["REQUEST_URI"] ?? params["SCRIPT_NAME"].map { $0 + (params["PATH_INFO"] ?? "") } ?? "/"
        let pathPart = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "/"
        var headers: [String: String] = [:]
        for (name, value) in params where name.hasPrefix("HTTP_") {
            headers[Self.headerName(fromCGI: name)] = value
        }
        if let contentType = params["CONTENT_TYPE"], !contentType.isEmpty { headers["content-type"] = contentType }
        if let contentLength = params["CONTENT_LENGTH"], !contentLength.isEmpty { headers["content-length"] = contentLength }
        let https = params["HTTPS"].map { $0 == "on" || $0 == "1" } ?? false || params["REQUEST_SCHEME"] == "https"
        self.init(method: params["REQUEST_METHOD"] ?? "GET", path: pathPart.isEmpty ? "/" : pathPart,
                  query: URLEncodedForm.parseQuery(params["QUERY_STRING"] ?? ""), headers: headers,
                  remoteAddress: params["REMOTE_ADDR"] ?? "", isHTTPS: https, body: body, limits: limits)
    }

    /// `HTTP_X_REQUEST_ID` → `x-request-id`, byte by byte: Foundation's replacingOccurrences
    /// on every header of every request cost 3% of a list page (`make bench`, perf).
    static func headerName(fromCGI name: String) -> String {
        var bytes = Array(name.utf8.dropFirst(5))
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "_"): bytes[index] = UInt8(ascii: "-")
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes[index] += 32
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var isUnsafeMethod: Bool { !["GET", "HEAD", "OPTIONS"].contains(method) }
    public var contentType: String { headers["content-type"] ?? "" }
    public var userAgent: String { headers["user-agent"] ?? "" }

    /// The path parameter `name` as an id; a malformed id is a missing page (404), not an error.
    public func id(_ name: String = "id") throws -> Int64 {
        guard let raw = pathParameters[name], let id = Int64(raw), id > 0 else { throw RequestError.notFound }
        return id
    }

    /// The urlencoded or multipart form of the body, read once. Uploaded files, when there are
    /// any, are left in the temporary directory and listed in `uploads`.
    public func form() throws -> FormData {
        if let parsedForm { return parsedForm }
        let form = try readForm()
        parsedForm = form
        return form
    }

    public private(set) var uploads: [UploadedFile] = []
    /// Field names of uploads skipped for being larger than a file may be (10 MB); the
    /// handler answers with a field message. The body as a whole is still limited (413).
    public private(set) var oversizedUploadFields: [String] = []

    /// The first uploaded file of `fieldName`.
    public func upload(_ fieldName: String) -> UploadedFile? {
        uploads.first { $0.fieldName == fieldName }
    }

    private func readForm() throws -> FormData {
        guard var stream = body else { return FormData() }
        body = nil
        let declaredLength = headers["content-length"].flatMap(Int.init) ?? 0
        let type = HeaderValue.parameters(contentType).value.lowercased()
        if type == "multipart/form-data" {
            guard declaredLength <= limits.maxUploadBytes else { throw RequestError.payloadTooLarge }
            var multipartLimits = MultipartLimits.default
            multipartLimits.maxTotalBytes = limits.maxUploadBytes
            multipartLimits.skipsOversizedFiles = true
            let parsed = try MultipartFormParser.parse(contentType: contentType, body: &stream,
                                                       temporaryDirectory: limits.temporaryDirectory, limits: multipartLimits)
            uploads = parsed.files
            oversizedUploadFields = parsed.oversizedFileFields
            return parsed.fields
        }
        guard type == "application/x-www-form-urlencoded" || type.isEmpty else { throw RequestError.unsupportedMediaType }
        guard declaredLength <= limits.maxFormBytes else { throw RequestError.payloadTooLarge }
        var bytes: [UInt8] = []
        while true {
            let chunk = try stream.read(maxLength: 64 * 1024)
            if chunk.isEmpty { break }
            bytes += chunk
            if bytes.count > limits.maxFormBytes { throw RequestError.payloadTooLarge }
        }
        return try URLEncodedForm.parse(bytes)
    }

    /// The raw body, read once, for endpoints that take something other than a form (CSP
    /// reports). More than `limit` bytes, declared or sent, is `.payloadTooLarge`.
    public func rawBody(limit: Int) throws -> [UInt8] {
        guard var stream = body else { return [] }
        body = nil
        if let declared = headers["content-length"].flatMap(Int.init), declared > limit { throw RequestError.payloadTooLarge }
        var bytes: [UInt8] = []
        while true {
            let chunk = try stream.read(maxLength: min(64 * 1024, limit + 1))
            if chunk.isEmpty { break }
            bytes += chunk
            if bytes.count > limit { throw RequestError.payloadTooLarge }
        }
        return bytes
    }

    /// Removes uploaded temporary files the handler did not move away.
    func cleanUp() {
        for upload in uploads { try? FileManager.default.removeItem(atPath: upload.path) }
    }
}

public struct RequestBodyLimits: Sendable {
    public var maxFormBytes: Int
    public var maxUploadBytes: Int
    public var temporaryDirectory: String

    public init(maxFormBytes: Int = 1 << 20, maxUploadBytes: Int = AppConfig.defaultMaxUploadBytes, temporaryDirectory: String = NSTemporaryDirectory()) {
        self.maxFormBytes = maxFormBytes
        self.maxUploadBytes = maxUploadBytes
        self.temporaryDirectory = temporaryDirectory
    }

    public static let `default` = RequestBodyLimits()
}

/// Request-level failures that map straight to a status.
public enum RequestError: Error, Equatable {
    case notFound
    case payloadTooLarge
    case unsupportedMediaType
    case badRequest(String)
}
