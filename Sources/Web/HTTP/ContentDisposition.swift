import Domain

/// Content-Disposition values for downloads (RFC 6266). The name goes out twice: as
/// `filename*` in UTF-8 (RFC 8187), which every current browser reads, and as a plain
/// ASCII `filename` for anything older.
public enum ContentDisposition {
    /// `attachment` (save) or `inline` (show in the browser, e.g. a PDF), with `filename`
    /// sanitized again here: whatever a caller passes, the header cannot be broken out of.
    public static func value(filename: String, inline: Bool) -> String {
        let name = DisplayFilename.sanitized(filename)
        return (inline ? "inline" : "attachment") + "; filename=\"\(asciiFallback(name))\"; filename*=UTF-8''\(percentEncoded(name))"
    }

    /// Printable ASCII kept, anything else "_". `%` becomes "_" as well, since some
    /// browsers percent-decode this parameter (RFC 6266 appendix D); `"` and `\` cannot
    /// occur in a sanitized name but are replaced too, so the quoted string always closes.
    static func asciiFallback(_ name: String) -> String {
        var result = ""
        for character in name {
            if let ascii = character.asciiValue, (0x20...0x7E).contains(ascii), !"%\"\\".contains(character) {
                result.append(character)
            } else {
                result.append("_")
            }
        }
        return result
    }

    /// RFC 8187 `value-chars`: attr-chars as they are, every other UTF-8 byte as %XX.
    static func percentEncoded(_ name: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count * 3)
        for byte in name.utf8 {
            if isAttributeChar(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$&+-.^_`|~".utf8.contains(byte)
        }
    }
}
