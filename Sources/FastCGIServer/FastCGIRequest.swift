import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

/// One request: CGI params as FastCGI delivered them, and the body to read in chunks.
///
/// Valid only while the handler runs: the body stream belongs to libfcgi and is freed when the
/// response is written, so reads after the handler returned throw `requestFinished`.
/// Not Sendable on purpose: it is bound to the worker thread that accepted it.
public final class FastCGIRequest {
    public let params: [String: String]
    private var body: BodySource
    /// Set when reading the body failed because the peer went away, so the server knows the
    /// handler's error is not the handler's fault and there is nobody to answer.
    private(set) var bodyReadFailed = false

    enum BodySource {
        case fastCGI(UnsafeMutablePointer<FCGX_Stream>)
        case descriptor(fd: Int32, expected: Int, received: Int)
        case memory([UInt8], offset: Int)
        case finished
    }

    /// A single read never allocates more than this, whatever maxLength says.
    static let maximumChunk = 1 << 20

    init(params: [String: String], body: BodySource) {
        self.params = params
        self.body = body
    }

    /// A request with an in-memory body, for running handlers in-process (tests, tools).
    public convenience init(params: [String: String], body: [UInt8] = []) {
        self.init(params: params, body: .memory(body, offset: 0))
    }

    /// Up to maxLength bytes of the body (FCGX_GetStr on the request's in stream); empty array at end.
    /// Throws `requestAborted` when the web server aborted the request or the connection broke.
    public func read(maxLength: Int) throws -> [UInt8] {
        let wanted = min(max(maxLength, 0), Self.maximumChunk)
        switch body {
        case .finished:
            throw FastCGIError.requestFinished
        case let .memory(bytes, offset):
            let end = min(bytes.count, offset + wanted)
            body = .memory(bytes, offset: end)
            return Array(bytes[offset..<end])
        case let .fastCGI(stream):
            guard wanted > 0 else { return [] }
            let chunk = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
                count = Int(FCGX_GetStr(UnsafeMutableRawPointer(buffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self), Int32(wanted), stream))
            }
            // libfcgi returns what it had before an error, then 0 with the error set.
            if chunk.isEmpty {
                let code = FCGX_GetError(stream)
                if code != 0 {
                    bodyReadFailed = true
                    throw FastCGIError.requestAborted(code: code)
                }
            }
            return chunk
        case let .descriptor(fd, expected, received):
            let wanted = min(wanted, expected - received)
            guard wanted > 0 else { return [] }
            while true {
                var readError: Int32 = 0
                let chunk = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
                    let got = Glibc.read(fd, buffer.baseAddress!, wanted)
                    readError = got < 0 ? errno : 0
                    count = max(got, 0)
                }
                if readError == EINTR { continue }
                if readError != 0 {
                    bodyReadFailed = true
                    throw FastCGIError.requestAborted(code: readError)
                }
                if chunk.isEmpty {
                    bodyReadFailed = true
                    throw FastCGIError.bodyTruncated(expected: expected, received: received)
                }
                body = .descriptor(fd: fd, expected: expected, received: received + chunk.count)
                return chunk
            }
        }
    }

    /// The whole body, refusing more than `limit` bytes (nginx's client_max_body_size is the first
    /// line of defence; this is the second).
    public func readBody(limit: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        while true {
            let chunk = try read(maxLength: 64 * 1024)
            if chunk.isEmpty { return result }
            guard result.count + chunk.count <= limit else { throw FastCGIError.bodyTooLarge(limit: limit) }
            result.append(contentsOf: chunk)
        }
    }

    /// Reads and discards whatever body the handler left, so the web server is never left blocked
    /// writing a body nobody reads while we write the response. Returns false if the stream failed.
    func discardRemainingBody() -> Bool {
        do {
            while try !read(maxLength: 64 * 1024).isEmpty {}
            return true
        } catch {
            return false
        }
    }

    /// Called when the handler has returned; the stream is about to be freed by libfcgi.
    func finish() {
        body = .finished
    }
}
