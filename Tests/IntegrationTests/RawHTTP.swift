#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One HTTP response as it came off the wire.
struct HTTPResponse {
    let status: Int
    let reason: String
    /// In order, names as sent; a header sent twice appears twice.
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// Every value of the header `name` (case-insensitive), in order.
    func values(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    func header(_ name: String) -> String? { values(name).first }

    var setCookies: [String] { values("Set-Cookie") }
    var location: String? { header("Location") }
    var contentType: String { header("Content-Type") ?? "" }
    var isHTML: Bool { contentType.lowercased().hasPrefix("text/html") }

    /// The Set-Cookie line that sets `name`, if any.
    func setCookie(named name: String) -> String? {
        setCookies.first { $0.hasPrefix(name + "=") }
    }

    /// The head, for failure messages.
    var summary: String {
        "HTTP \(status) \(reason)\n" + headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            + "\n\n" + text.prefix(600)
    }
}

/// A deliberately small HTTP/1.0 client over POSIX sockets: one request per connection
/// (`Connection: close`), read to end of file, no redirects followed, nothing hidden.
enum RawHTTP {
    #if canImport(Glibc)
    static let streamSocketType = Int32(SOCK_STREAM.rawValue)
    static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    static let streamSocketType = SOCK_STREAM
    static let noSignal: Int32 = 0
    #endif

    static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        return address
    }

    /// Binds 127.0.0.1:0, reads the port the kernel chose, and closes the socket again.
    static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, RawHTTP.streamSocketType, 0)
        guard fd >= 0 else { throw HarnessError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = RawHTTP.loopbackAddress(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw HarnessError("bind: \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw HarnessError("getsockname: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The request's bytes: request line, Host, Connection: close, the given headers,
    /// Content-Length when there is a body, then the body.
    static func requestBytes(method: String, path: String, port: Int, headers: [(String, String)] = [],
                             body: [UInt8]? = nil) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + (body ?? [])
    }

    /// Sends `request` to 127.0.0.1:`port` and reads the whole answer. When the server answers
    /// before it has taken the whole body (nginx's 413), sending stops and the answer is read.
    /// `sourceAddress` (another 127.x.y.z) makes the request come from that address, as nginx's
    /// `$remote_addr` sees it: per-IP rules can then be tested without affecting other tests.
    static func exchange(port: Int, request: [UInt8], timeoutSeconds: Int = 30, sourceAddress: String? = nil) throws -> HTTPResponse {
        let fd = socket(AF_INET, streamSocketType, 0)
        guard fd >= 0 else { throw HarnessError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if let sourceAddress {
            var source = sockaddr_in()
            source.sin_family = sa_family_t(AF_INET)
            source.sin_addr = in_addr(s_addr: inet_addr(sourceAddress))
            let bound = withUnsafePointer(to: &source) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { throw HarnessError("bind \(sourceAddress): \(String(cString: strerror(errno)))") }
        }
        var address = loopbackAddress(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw HarnessError("connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }

        let sentAll = try request.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                var descriptor = pollfd(fd: fd, events: Int16(POLLIN | POLLOUT), revents: 0)
                let ready = poll(&descriptor, 1, Int32(timeoutSeconds * 1000))
                if ready < 0 && errno == EINTR { continue }
                guard ready > 0 else { throw HarnessError("timed out sending the request to port \(port)") }
                // An answer (or a close) before the whole request went out: stop and read it.
                if descriptor.revents & Int16(POLLIN | POLLERR | POLLHUP) != 0 { return false }
                let sent = send(fd, raw.baseAddress! + offset, min(raw.count - offset, 64 * 1024), noSignal)
                if sent < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    if errno == EPIPE || errno == ECONNRESET { return false }
                    throw HarnessError("send: \(String(cString: strerror(errno)))")
                }
                offset += sent
            }
            return true
        }
        // An abandoned request: say so (end of file), or nginx's lingering close waits
        // lingering_timeout for the rest of the body before it closes the connection.
        // A complete request is not half-closed: nginx could take that for a client abort.
        if !sentAll { shutdown(fd, Int32(SHUT_WR)) }

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 {
                break
            } else if errno == EINTR {
                continue
            } else if errno == ECONNRESET && !received.isEmpty {
                break
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                throw HarnessError("timed out after \(timeoutSeconds) s waiting for the answer from port \(port)")
            } else {
                throw HarnessError("recv: \(String(cString: strerror(errno)))")
            }
        }
        return try parse(received)
    }

    static func parse(_ bytes: [UInt8]) throws -> HTTPResponse {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = bytes.firstRange(of: separator) else {
            throw HarnessError("no complete response head in \(bytes.count) bytes: \(String(decoding: bytes.prefix(300), as: UTF8.self))")
        }
        let head = String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw HarnessError("malformed status line: \(statusLine)")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw HarnessError("malformed header line: \(line)") }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return HTTPResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers,
                            body: Array(bytes[headEnd.upperBound...]))
    }

    // MARK: - Bodies

    static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// Percent-encodes every byte of the UTF-8 form but the RFC 3986 unreserved characters
    /// (so `+`, `&`, `=`, `%` and spaces all survive the round trip).
    static func percentEncode(_ value: String) -> String {
        var output = ""
        for byte in value.utf8 {
            if unreserved.contains(byte) {
                output.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }

    /// `application/x-www-form-urlencoded`.
    static func formBody(_ fields: [(String, String)]) -> [UInt8] {
        Array(fields.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&").utf8)
    }

    /// `multipart/form-data`: returns the content type (with its boundary) and the body.
    static func multipartBody(fields: [(String, String)], files: [(name: String, filename: String, type: String, content: [UInt8])])
        -> (contentType: String, body: [UInt8]) {
        let boundary = "ez360-test-" + UUID().uuidString
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array(("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n"
                + "Content-Type: \(file.type)\r\n\r\n").utf8)
            body += file.content
            body += Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", body)
    }
}
