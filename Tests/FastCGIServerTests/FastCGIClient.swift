import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The FastCGI record types the tests speak (FastCGI spec §8).
enum RecordType {
    static let beginRequest: UInt8 = 1
    static let abortRequest: UInt8 = 2
    static let endRequest: UInt8 = 3
    static let params: UInt8 = 4
    static let stdin: UInt8 = 5
    static let stdout: UInt8 = 6
    static let stderr: UInt8 = 7
    static let getValues: UInt8 = 9
    static let getValuesResult: UInt8 = 10
}

struct Record: Equatable {
    var type: UInt8
    var requestID: UInt16
    var content: [UInt8]
}

/// Builds requests byte by byte, independently of libfcgi, so the tests check what the server parsed.
enum RecordEncoder {
    static func record(_ type: UInt8, id: UInt16, _ content: [UInt8] = [], padding: Int = 0) -> [UInt8] {
        precondition(content.count <= 0xFFFF && padding <= 0xFF)
        var bytes: [UInt8] = [
            1, type, UInt8(id >> 8), UInt8(id & 0xFF),
            UInt8(content.count >> 8), UInt8(content.count & 0xFF), UInt8(padding), 0,
        ]
        bytes += content
        // Non-zero padding bytes: a server must skip them, whatever they hold.
        bytes += [UInt8](repeating: 0xAB, count: padding)
        return bytes
    }

    static func beginRequest(id: UInt16, keepConnection: Bool = false, padding: Int = 0) -> [UInt8] {
        let role: UInt16 = 1 // RESPONDER
        return record(RecordType.beginRequest, id: id,
                      [UInt8(role >> 8), UInt8(role & 0xFF), keepConnection ? 1 : 0, 0, 0, 0, 0, 0],
                      padding: padding)
    }

    /// 1-byte length below 128, else 4 bytes with the high bit set.
    static func length(_ count: Int) -> [UInt8] {
        if count < 128 { return [UInt8(count)] }
        return [UInt8((count >> 24) & 0x7F) | 0x80, UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
    }

    static func pair(_ name: String, _ value: String) -> [UInt8] {
        length(name.utf8.count) + length(value.utf8.count) + Array(name.utf8) + Array(value.utf8)
    }

    /// BEGIN_REQUEST, PARAMS records (the stream cut every `paramsChunk` bytes, even inside a
    /// pair), the empty PARAMS, STDIN records of `stdinChunk` bytes and the empty STDIN.
    /// `padding` goes on records that carry stream data, as nginx pads them to 8 bytes;
    /// `terminatorPadding` on BEGIN_REQUEST and the empty PARAMS and STDIN records.
    static func request(
        id: UInt16 = 1,
        params: [(String, String)],
        body: [UInt8] = [],
        paramsChunk: Int = 0xFFFF,
        stdinChunk: Int = 0xFFFF,
        padding: Int = 0,
        terminatorPadding: Int = 0,
        keepConnection: Bool = false,
        endStdin: Bool = true
    ) -> [UInt8] {
        var bytes = beginRequest(id: id, keepConnection: keepConnection, padding: terminatorPadding)
        bytes += stream(RecordType.params, id: id, params.flatMap { pair($0.0, $0.1) }, chunk: paramsChunk, padding: padding)
        bytes += record(RecordType.params, id: id, padding: terminatorPadding)
        bytes += stream(RecordType.stdin, id: id, body, chunk: stdinChunk, padding: padding)
        if endStdin { bytes += record(RecordType.stdin, id: id, padding: terminatorPadding) }
        return bytes
    }

    static func stream(_ type: UInt8, id: UInt16, _ data: [UInt8], chunk: Int, padding: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var offset = 0
        while offset < data.count {
            let end = min(data.count, offset + chunk)
            bytes += record(type, id: id, Array(data[offset..<end]), padding: padding)
            offset = end
        }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> (records: [Record], rest: [UInt8]) {
        var records: [Record] = []
        var offset = 0
        while bytes.count - offset >= 8 {
            let contentLength = Int(bytes[offset + 4]) << 8 | Int(bytes[offset + 5])
            let total = 8 + contentLength + Int(bytes[offset + 6])
            guard bytes.count - offset >= total else { break }
            records.append(Record(
                type: bytes[offset + 1],
                requestID: UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3]),
                content: Array(bytes[(offset + 8)..<(offset + 8 + contentLength)])
            ))
            offset += total
        }
        return (records, Array(bytes[offset...]))
    }
}

/// What came back for one request, with the CGI response in stdout split into its parts.
struct Reply {
    var records: [Record] = []
    var stdout: [UInt8] { records.filter { $0.type == RecordType.stdout }.flatMap(\.content) }
    var stderr: [UInt8] { records.filter { $0.type == RecordType.stderr }.flatMap(\.content) }
    var endRequest: Record? { records.first { $0.type == RecordType.endRequest } }
    /// FCGI_REQUEST_COMPLETE is 0.
    var protocolStatus: UInt8? { endRequest.map { $0.content[4] } }

    var head: String {
        guard let end = stdout.firstRange(of: Array("\r\n\r\n".utf8)) else { return String(decoding: stdout, as: UTF8.self) }
        return String(decoding: stdout[..<end.upperBound], as: UTF8.self)
    }
    var body: [UInt8] {
        guard let end = stdout.firstRange(of: Array("\r\n\r\n".utf8)) else { return [] }
        return Array(stdout[end.upperBound...])
    }
    var status: Int? {
        guard head.hasPrefix("Status: ") else { return nil }
        return Int(head.dropFirst(8).prefix(3))
    }
}

enum ClientError: Error { case connect(Int32), send(Int32), receive(Int32), timeout }

/// A blocking unix-socket FastCGI client with timeouts, so a server bug fails a test instead of
/// hanging it.
final class FastCGIConnection {
    let fd: Int32
    private var pending: [UInt8] = []

    init(path: String, timeoutSeconds: Int = 5) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8) + [0])
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw ClientError.connect(code)
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    private var isOpen = true

    deinit { close() }

    func close() {
        if isOpen { Glibc.close(fd) }
        isOpen = false
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw ClientError.send(errno) }
            offset += sent
        }
    }

    /// One byte per write with a pause between, so the server sees every record cut everywhere.
    func sendSlowly(_ bytes: [UInt8], pauseMicroseconds: UInt32 = 300) throws {
        for byte in bytes {
            try send([byte])
            usleep(pauseMicroseconds)
        }
    }

    /// Records up to and including END_REQUEST (or whatever came before EOF).
    func receiveReply() throws -> Reply {
        var reply = Reply()
        while true {
            let decoded = RecordEncoder.decode(pending)
            pending = decoded.rest
            for record in decoded.records {
                reply.records.append(record)
                if record.type == RecordType.endRequest { return reply }
            }
            guard let chunk = try receiveChunk() else { return reply }
            pending += chunk
        }
    }

    /// Management records (FCGI_GET_VALUES_RESULT) arrive without END_REQUEST.
    func receiveRecord() throws -> Record? {
        while true {
            let decoded = RecordEncoder.decode(pending)
            if let first = decoded.records.first {
                let firstLength = 8 + first.content.count + Int(pending[6])
                pending.removeFirst(firstLength)
                return first
            }
            guard let chunk = try receiveChunk() else { return nil }
            pending += chunk
        }
    }

    /// True once the server closed its side.
    func receivedEOF() throws -> Bool {
        try receiveChunk() == nil
    }

    func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }

    private func receiveChunk() throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = Glibc.recv(fd, &buffer, buffer.count, 0)
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw ClientError.timeout }
            if count < 0 { throw ClientError.receive(errno) }
            return count == 0 ? nil : Array(buffer[..<count])
        }
    }
}
