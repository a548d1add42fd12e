import Foundation
import Testing
@testable import FastCGIServer

@Suite struct CGIGatewayTests {
    @Test func servesOneRequestFromEnvironmentAndStdin() throws {
        let input = try TestPipe()
        let output = try TestPipe()
        // More than CONTENT_LENGTH, and stdin left open: the gateway must stop at 11 bytes.
        try input.write(Array("hello worldEXTRA".utf8))
        let environment = ["REQUEST_METHOD": "POST", "REQUEST_URI": "/cgi", "CONTENT_LENGTH": "11"]

        let status = CGIGateway.serveOne(environment: environment, input: input.read, output: output.write) { request in
            let body = try request.readBody(limit: 100)
            return FastCGIResponse(status: 201, headers: [
                (name: "Content-Type", value: "text/plain"),
                (name: "X-Bad", value: "x\r\nSet-Cookie: a=b"),
            ], body: Array("\(request.params["REQUEST_METHOD"]!) ".utf8) + body)
        }
        output.closeWrite()

        #expect(status == 0)
        #expect(output.readAll() == Array("Status: 201 Created\r\nContent-Type: text/plain\r\n\r\nPOST hello world".utf8))
        input.closeWrite()
    }

    @Test func handlerErrorBecomes500() throws {
        struct Boom: Error {}
        let input = try TestPipe()
        let output = try TestPipe()
        input.closeWrite()

        let status = CGIGateway.serveOne(environment: ["REQUEST_METHOD": "GET"], input: input.read, output: output.write) { _ in
            throw Boom()
        }
        output.closeWrite()

        #expect(status == 0)
        #expect(output.readAll() == Array("Status: 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nInternal Server Error\n".utf8))
    }

    @Test func truncatedBodyIsAnErrorNotAHang() throws {
        let input = try TestPipe()
        let output = try TestPipe()
        try input.write(Array("short".utf8))
        input.closeWrite()
        let seen = Locked<String>("")

        _ = CGIGateway.serveOne(environment: ["CONTENT_LENGTH": "100"], input: input.read, output: output.write) { request in
            do {
                return FastCGIResponse(status: 200, body: try request.readBody(limit: 1000))
            } catch {
                seen.withLock { $0 = "\(error)" }
                throw error
            }
        }
        output.closeWrite()

        #expect(seen.current == "\(FastCGIError.bodyTruncated(expected: 100, received: 5))")
        #expect(String(decoding: output.readAll(), as: UTF8.self).hasPrefix("Status: 500 "))
    }

    @Test(arguments: ["", "abc", "-5", "12x"])
    func malformedContentLengthMeansNoBody(value: String) {
        #expect(CGIGateway.contentLength(["CONTENT_LENGTH": value]) == 0)
    }

    @Test func inMemoryRequestReadsInChunks() throws {
        let request = FastCGIRequest(params: ["REQUEST_METHOD": "POST"], body: Array(0..<10))
        #expect(try request.read(maxLength: 4) == [0, 1, 2, 3])
        #expect(try request.readBody(limit: 6) == [4, 5, 6, 7, 8, 9])
        #expect(try request.read(maxLength: 4) == [])
        #expect(throws: FastCGIError.bodyTooLarge(limit: 3)) {
            try FastCGIRequest(params: [:], body: Array(0..<10)).readBody(limit: 3)
        }
    }
}

/// A pipe with explicit ends, closed at most once.
private final class TestPipe {
    let read: Int32
    let write: Int32
    private var writeOpen = true

    init() throws {
        var fds: [Int32] = [-1, -1]
        try #require(Glibc.pipe(&fds) == 0)
        read = fds[0]
        write = fds[1]
    }

    deinit {
        closeWrite()
        Glibc.close(read)
    }

    func write(_ bytes: [UInt8]) throws {
        try #require(bytes.withUnsafeBytes { Glibc.write(write, $0.baseAddress!, $0.count) } == bytes.count)
    }

    func closeWrite() {
        if writeOpen { Glibc.close(write) }
        writeOpen = false
    }

    func readAll() -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Glibc.read(read, &buffer, buffer.count)
            if count <= 0 { return result }
            result += buffer[..<count]
        }
    }
}
