import Foundation

/// One JSON line per request on stderr (journald keeps it): rid, method, route pattern,
/// status, ms, company, user; `slow: true` past EZ360_SLOW_REQUEST_MS.
enum AccessLog {
    struct Line: Encodable {
        let ts: String
        let level: String
        let rid: String
        let method: String
        let route: String
        let status: Int
        let ms: Double
        let company: Int64?
        let user: Int64?
        let slow: Bool?
        let error: String?
    }

    static func write(_ line: Line) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(line) else { return }
        data.append(UInt8(ascii: "\n"))
        // One write(2) per line, so lines from concurrent workers never interleave.
        data.withUnsafeBytes { buffer in _ = Foundation.write(2, buffer.baseAddress, buffer.count) }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
