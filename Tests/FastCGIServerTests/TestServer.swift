import Foundation
import Testing
@testable import FastCGIServer

/// A real FastCGIServer on a fresh unix socket, running on its own thread.
final class TestServer: Sendable {
    let path: String
    let server: FastCGIServer
    /// A group rather than a semaphore: tests may wait for run() to return more than once.
    private let finished = DispatchGroup()

    init(workers: Int = 2, handler: @escaping FastCGIServer.Handler) throws {
        path = TestServer.temporarySocketPath()
        server = try FastCGIServer(listen: .unixSocket(path: path), workers: workers, handler: handler)
        let server = self.server
        let finished = self.finished
        finished.enter()
        Thread {
            do { try server.run() } catch { Issue.record("run() threw \(error)") }
            finished.leave()
        }.start()
    }

    /// Short on purpose: unix socket paths are limited to 108 bytes.
    static func temporarySocketPath() -> String {
        "/tmp/ez360-fcgi-test-\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).sock"
    }

    func connect() throws -> FastCGIConnection { try FastCGIConnection(path: path) }

    /// One request on its own connection.
    func send(_ request: [UInt8]) throws -> Reply {
        let connection = try connect()
        try connection.send(request)
        return try connection.receiveReply()
    }

    /// True if run() returned within the timeout.
    func waitUntilFinished(seconds: Double = 5) -> Bool {
        finished.wait(timeout: .now() + seconds) == .success
    }

    func stopAndWait() {
        server.stop()
        #expect(waitUntilFinished(), "run() did not return after stop()")
        #expect(access(path, F_OK) != 0, "socket file left behind")
    }
}

/// What the echo handler saw, sent back as JSON so tests assert on the server's parsing.
struct Echo: Codable {
    var params: [String: String]
    var body: Data
}

/// Reads the body in odd-sized chunks (not aligned with any record size) and echoes everything.
let echoHandler: FastCGIServer.Handler = { request in
    var body: [UInt8] = []
    while true {
        let chunk = try request.read(maxLength: 4093)
        if chunk.isEmpty { break }
        body += chunk
    }
    let json = try JSONEncoder().encode(Echo(params: request.params, body: Data(body)))
    return FastCGIResponse(status: 200, headers: [(name: "Content-Type", value: "application/json")], body: Array(json))
}

func decodeEcho(_ reply: Reply) throws -> Echo {
    try JSONDecoder().decode(Echo.self, from: Data(reply.body))
}

let getParams: [(String, String)] = [
    ("REQUEST_METHOD", "GET"),
    ("REQUEST_URI", "/invoices?page=2"),
    ("HTTP_COOKIE", "session=abc; theme=dark"),
    ("CONTENT_LENGTH", ""),
    ("SCRIPT_NAME", "/invoices"),
]

/// Runs `body` on `count` real threads at once (Dispatch's global queue is only as wide as the
/// CPU count, and these bodies block).
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread {
            body(index)
            group.leave()
        }.start()
    }
    group.wait()
}

/// A value shared between test threads.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
    var current: Value { withLock { $0 } }
}
