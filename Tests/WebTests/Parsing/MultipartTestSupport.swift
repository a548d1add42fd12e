import Foundation
@testable import Web

/// A fresh directory per test, removed afterwards, so tests can run in parallel and can
/// check that nothing was left behind.
final class ScratchDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/ez360-parsing-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    var entries: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? []
    }
}

/// Builds multipart bodies part by part, the way browsers lay them out.
struct MultipartBody {
    let boundary: String
    private(set) var bytes: [UInt8] = []

    init(boundary: String, preamble: String = "") {
        self.boundary = boundary
        bytes += Array(preamble.utf8)
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func field(_ name: String, _ value: String) {
        part(headers: ["Content-Disposition: form-data; name=\"\(name)\""], content: Array(value.utf8))
    }

    mutating func file(_ name: String, filename: String, contentType: String? = "application/octet-stream", content: [UInt8]) {
        var headers = ["Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\""]
        if let contentType {
            headers.append("Content-Type: \(contentType)")
        }
        part(headers: headers, content: content)
    }

    mutating func part(headers: [String], content: [UInt8]) {
        bytes += Array("--\(boundary)\r\n".utf8)
        for header in headers {
            bytes += Array("\(header)\r\n".utf8)
        }
        bytes += Array("\r\n".utf8)
        bytes += content
        bytes += Array("\r\n".utf8)
    }

    /// The closing delimiter; `epilogue` follows it.
    func closed(epilogue: String = "\r\n") -> [UInt8] {
        bytes + Array("--\(boundary)--".utf8) + Array(epilogue.utf8)
    }
}

/// Deterministic bytes, so a failing case can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}

/// A body stream that fails after handing out some bytes, like a client that disconnects
/// while the gateway is still reading.
struct FailingBodyStream: BodyStream {
    struct Disconnected: Error {}
    var inner: BytesBodyStream
    var remainingBytes: Int

    mutating func read(maxLength: Int) throws -> [UInt8] {
        guard remainingBytes > 0 else { throw Disconnected() }
        let chunk = try inner.read(maxLength: min(maxLength, remainingBytes))
        remainingBytes -= chunk.count
        return chunk
    }
}

func parseMultipart(
    _ bytes: [UInt8],
    contentType: String,
    in directory: ScratchDirectory,
    chunkLimit: Int = .max,
    limits: MultipartLimits = .default
) throws(MultipartError) -> MultipartForm {
    var stream = BytesBodyStream(bytes, chunkLimit: chunkLimit)
    return try MultipartFormParser.parse(
        contentType: contentType, body: &stream, temporaryDirectory: directory.path, limits: limits
    )
}

func contents(of file: UploadedFile) -> [UInt8]? {
    FileManager.default.contents(atPath: file.path).map { Array($0) }
}
