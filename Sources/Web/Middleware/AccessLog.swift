import Foundation

/// One JSON line per request on stderr (journald keeps it): rid, method, route pattern,
/// status, ms, company, user; `slow: true` past EZ360_SLOW_REQUEST_MS.
enum AccessLog {
    struct Line {
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

        /// Keys sorted, as a JSON encoder with sorted keys would write them. Built by hand:
        /// a JSONEncoder per request cost more than the /ping handler itself.
        var json: String {
            var fields: [String] = []
            if let company { fields.append("\"company\":\(company)") }
            if let error { fields.append("\"error\":\(Self.quoted(error))") }
            fields.append("\"level\":\(Self.quoted(level))")
            fields.append("\"method\":\(Self.quoted(method))")
            fields.append("\"ms\":\(ms)")
            fields.append("\"rid\":\(Self.quoted(rid))")
            fields.append("\"route\":\(Self.quoted(route))")
            if let slow { fields.append("\"slow\":\(slow)") }
            fields.append("\"status\":\(status)")
            fields.append("\"ts\":\(Self.quoted(ts))")
            if let user { fields.append("\"user\":\(user)") }
            return "{" + fields.joined(separator: ",") + "}"
        }

        static func quoted(_ text: String) -> String {
            var output = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\n": output += "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                case _ where scalar.value < 0x20:
                    output += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                default: output.unicodeScalars.append(scalar)
                }
            }
            return output + "\""
        }
    }

    static func write(_ line: Line) {
        var bytes = Array(line.json.utf8)
        bytes.append(UInt8(ascii: "\n"))
        // One write(2) per line, so lines from concurrent workers never interleave.
        bytes.withUnsafeBytes { buffer in _ = Foundation.write(2, buffer.baseAddress, buffer.count) }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
