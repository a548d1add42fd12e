/// The request's `Cookie` header (RFC 6265 §5.4: `a=b; c=d`).
public enum CookieHeader {
    /// Cookies by name. Parsing never fails: the header also carries cookies set by other
    /// software on the same host, and one malformed pair must not log a user out.
    ///
    /// Whitespace around names and values is trimmed and a value in double quotes is
    /// unquoted. Pairs without `=`, with an empty name, or whose name is not an RFC 6265
    /// token are skipped. When a name repeats, the first occurrence wins: browsers send the
    /// cookie with the most specific path first, and that is the one we set.
    public static func parse(_ header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for piece in Array(header.utf8).split(separator: ASCII.semicolon) {
            guard let equals = piece.firstIndex(of: ASCII.equals) else { continue }
            let name = ASCII.trimmed(piece[..<equals])
            guard !name.isEmpty, name.allSatisfy(CookieSyntax.isTokenByte) else { continue }
            var value = ASCII.trimmed(piece[(equals + 1)...])
            if value.count >= 2, value.first == ASCII.quote, value.last == ASCII.quote {
                value = value.dropFirst().dropLast()
            }
            let key = String(decoding: name, as: UTF8.self)
            if cookies[key] == nil {
                cookies[key] = String(decoding: value, as: UTF8.self)
            }
        }
        return cookies
    }
}

/// Character classes of RFC 6265 §4.1.1, shared by the reader and the writer.
enum CookieSyntax {
    /// RFC 2616 token: visible ASCII except separators.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        return !#"()<>@,;:\"/[]?={}"#.utf8.contains(byte)
    }

    /// cookie-octet: visible ASCII except `"`, `,`, `;` and `\`.
    static func isCookieOctet(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x23...0x2B, 0x2D...0x3A, 0x3C...0x5B, 0x5D...0x7E: true
        default: false
        }
    }

    /// av-octet for attribute values such as Path: any CHAR except controls and `;`.
    static func isAttributeValueByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != ASCII.semicolon
    }
}
