/// A fragment of HTML. String literals written in view code are trusted markup; every value
/// interpolated into one is escaped (safe in text and in quoted attributes) unless it is
/// itself `HTML`. The only way to mark other text as markup is `HTML(trusted:)`, which the
/// lint allows in a few reviewed places.
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation {
    public private(set) var bytes: [UInt8]

    public init() { bytes = [] }

    public init(stringLiteral value: StaticString) {
        bytes = value.withUTF8Buffer { Array($0) }
    }

    public init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.bytes
    }

    /// Markup that is already safe (built by this code, never from input).
    public init(trusted markup: String) {
        bytes = Array(markup.utf8)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func append(_ other: HTML) { bytes.append(contentsOf: other.bytes) }

    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    public static func + (lhs: HTML, rhs: HTML) -> HTML {
        var result = lhs
        result.append(rhs)
        return result
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var bytes: [UInt8]

        public init(literalCapacity: Int, interpolationCount: Int) {
            bytes = []
            bytes.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        public mutating func appendInterpolation(_ text: String) {
            HTML.escape(text, into: &bytes)
        }

        public mutating func appendInterpolation(_ text: Substring) {
            HTML.escape(String(text), into: &bytes)
        }

        public mutating func appendInterpolation(_ html: HTML) {
            bytes.append(contentsOf: html.bytes)
        }

        public mutating func appendInterpolation(_ fragments: [HTML]) {
            for fragment in fragments { bytes.append(contentsOf: fragment.bytes) }
        }

        public mutating func appendInterpolation(_ number: Int) {
            bytes.append(contentsOf: String(number).utf8)
        }

        public mutating func appendInterpolation(_ number: Int64) {
            bytes.append(contentsOf: String(number).utf8)
        }

        public mutating func appendInterpolation(_ html: HTML?) {
            if let html { bytes.append(contentsOf: html.bytes) }
        }
    }

    /// Escapes the five characters that matter in text and in quoted attribute values.
    /// Works on UTF-8 bytes and copies runs that need no escaping in one go.
    static func escape(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { input in
            var runStart = 0
            for index in 0..<input.count {
                let replacement: StaticString
                switch input[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<input.count]))
        }
    }

    /// The escaped form of `text`, for places that need a String (tests, attributes built in code).
    public static func escaped(_ text: String) -> String {
        var output: [UInt8] = []
        escape(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

extension Array where Element == HTML {
    public func joined() -> HTML {
        var result = HTML()
        for fragment in self { result.append(fragment) }
        return result
    }
}
