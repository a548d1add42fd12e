/// The request body as the gateway delivers it: read in chunks so that a large upload can
/// be streamed to disk without ever being held in memory. `ez360-fcgi` adapts libfcgi's
/// input stream to it; `--cgi` mode adapts standard input; tests use `BytesBodyStream`.
public protocol BodyStream {
    /// Up to `maxLength` bytes; an empty array means the body has ended.
    mutating func read(maxLength: Int) throws -> [UInt8]
}

/// A body already in memory (tests, and bodies small enough to have been read whole).
public struct BytesBodyStream: BodyStream {
    private let bytes: [UInt8]
    private var offset = 0
    /// Chunks no longer than this, so tests can exercise reads split at every byte.
    private let chunkLimit: Int

    public init(_ bytes: [UInt8], chunkLimit: Int = .max) {
        self.bytes = bytes
        self.chunkLimit = max(1, chunkLimit)
    }

    public mutating func read(maxLength: Int) throws -> [UInt8] {
        let count = min(maxLength, chunkLimit, bytes.count - offset)
        guard count > 0 else { return [] }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }
}
