import Domain
import Foundation

/// A file attached to a mail.
public struct MailAttachment: Sendable, Equatable {
    public var filename: String
    public var contentType: String
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// An RFC 5322 / MIME message, built as bytes ready for `sendmail -t`.
///
/// - Lines end in CRLF; header lines are folded to at most 78 characters where the content
///   allows and never exceed 998; body lines are at most 76 (quoted-printable, base64).
/// - Header text (subject, display names) is reduced to one line first — every control
///   character, CR and LF included, becomes a space — so no input can add a header. Text
///   that is not plain ASCII becomes RFC 2047 encoded-words (UTF-8, base64); addresses must
///   pass `MailAddress.isSafeAddress` or the message is refused.
/// - Text and HTML go in multipart/alternative (text/plain alone when there is no HTML);
///   attachments wrap that in multipart/mixed as base64 parts whose file names use RFC 2231
///   when they are not short plain ASCII.
/// - Boundaries start with `=_`, which neither quoted-printable nor base64 output can
///   contain, so no body can end a part early.
public struct MIMEMessage: Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var textBody: String
    /// Empty: a text-only message.
    public var htmlBody: String
    public var attachments: [MailAttachment]
    public var date: Date
    /// Without angle brackets, e.g. `ez360.42.1800000000@example.com`.
    public var messageID: String
    /// Makes the multipart boundaries unique; hexadecimal or similar plain characters.
    public var boundaryToken: String

    public init(from: MailAddress, to: MailAddress, subject: String, textBody: String, htmlBody: String = "",
                attachments: [MailAttachment] = [], date: Date, messageID: String,
                boundaryToken: String = MIMEMessage.randomToken()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
        self.date = date
        self.messageID = messageID
        self.boundaryToken = boundaryToken
    }

    public static func randomToken() -> String {
        (0..<12).map { _ in String(UInt8.random(in: 0...255), radix: 16).leftPadded(to: 2) }.joined()
    }

    /// The whole message. Throws `MIMEError.invalidAddress` for an address that cannot be
    /// written safely into a header.
    public func rendered() throws -> [UInt8] {
        guard MailAddress.isSafeAddress(from.address) else { throw MIMEError.invalidAddress(from.address) }
        guard MailAddress.isSafeAddress(to.address) else { throw MIMEError.invalidAddress(to.address) }
        let cleanID = messageID.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" }
        let token = String(boundaryToken.unicodeScalars.filter { $0.properties.isASCIIHexDigit || $0 == "-" || $0 == "." }.prefix(40))

        var out = ""
        out += Self.header("From", Self.mailbox(from))
        out += Self.header("To", Self.mailbox(to))
        out += Self.header("Subject", Self.unstructured(subject, fieldName: "Subject"))
        out += Self.header("Date", Self.rfc5322Date(date))
        out += Self.header("Message-ID", "<\(String(String.UnicodeScalarView(cleanID)))>")
        out += Self.header("MIME-Version", "1.0")

        let text = Self.textPart(textBody, subtype: "plain")
        let content: String
        if htmlBody.isEmpty {
            content = text
        } else {
            let boundary = "=_ez360_alt_" + token
            content = Self.multipart("alternative", boundary: boundary,
                                     parts: [text, Self.textPart(htmlBody, subtype: "html")])
        }
        if attachments.isEmpty {
            out += content
        } else {
            let boundary = "=_ez360_mix_" + token
            out += Self.multipart("mixed", boundary: boundary, parts: [content] + attachments.map(Self.attachmentPart))
        }
        return Array(out.utf8)
    }

    // MARK: - Parts

    /// A part: its headers, a blank line, its body (each already CRLF-terminated).
    static func multipart(_ subtype: String, boundary: String, parts: [String]) -> String {
        var out = header("Content-Type", "multipart/\(subtype);\r\n boundary=\"\(boundary)\"") + "\r\n"
        for part in parts {
            out += "--\(boundary)\r\n" + part
        }
        out += "--\(boundary)--\r\n"
        return out
    }

    static func textPart(_ body: String, subtype: String) -> String {
        header("Content-Type", "text/\(subtype); charset=utf-8")
            + header("Content-Transfer-Encoding", "quoted-printable")
            + "\r\n" + quotedPrintable(body) + "\r\n"
    }

    static func attachmentPart(_ attachment: MailAttachment) -> String {
        let filename = safeFilename(attachment.filename)
        let type = safeContentType(attachment.contentType)
        return header("Content-Type", type + ";" + parameter("name", filename))
            + header("Content-Disposition", "attachment;" + parameter("filename", filename))
            + header("Content-Transfer-Encoding", "base64")
            + "\r\n" + base64Lines(attachment.data)
    }

    // MARK: - Headers

    static func header(_ name: String, _ value: String) -> String {
        "\(name): \(value)\r\n"
    }

    /// `Name <address>`, the name as an atom sequence, a quoted-string or encoded-words.
    static func mailbox(_ mailbox: MailAddress) -> String {
        let name = singleLine(mailbox.name)
        guard !name.isEmpty else { return mailbox.address }
        return phrase(name) + " <\(mailbox.address)>"
    }

    static func phrase(_ name: String) -> String {
        let atext = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~ ".utf8)
        if name.utf8.allSatisfy({ atext.contains($0) }) && !name.contains("=?") && name.utf8.count <= 60 {
            return name
        }
        if name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !name.contains("=?") && name.utf8.count <= 60 {
            return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(name)
    }

    /// Subject-like text: as is when short plain ASCII, folded at spaces when longer, else
    /// RFC 2047 encoded-words. Text that merely looks like an encoded-word is encoded too,
    /// so it reads back exactly as written.
    static func unstructured(_ raw: String, fieldName: String) -> String {
        let text = singleLine(raw)
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !text.contains("=?")
        guard plain else { return encodedWords(text) }
        var lines: [String] = []
        var line = ""
        var lineLength = fieldName.count + 2
        for word in text.split(separator: " ") {
            if word.utf8.count > 900 { return encodedWords(text) }
            if line.isEmpty {
                line = String(word)
                lineLength += word.utf8.count
            } else if lineLength + 1 + word.utf8.count <= 78 {
                line += " " + word
                lineLength += 1 + word.utf8.count
            } else {
                lines.append(line)
                line = String(word)
                lineLength = 1 + word.utf8.count
            }
        }
        lines.append(line)
        return lines.joined(separator: "\r\n ")
    }

    /// `=?UTF-8?B?…?=` words of at most 39 bytes of text each (64 characters), split only
    /// between characters, one per line after folding.
    static func encodedWords(_ text: String) -> String {
        var words: [[UInt8]] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 39 {
                words.append(chunk)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// Header text on one line: every control character (CR, LF, TAB, NUL, DEL, C1, line
    /// and paragraph separators) becomes a space; runs of spaces become one; trimmed.
    static func singleLine(_ text: String) -> String {
        var result = ""
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let isSpace = scalar.value < 0x21 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029 || scalar.properties.isWhitespace
            if isSpace {
                if !lastWasSpace { result.unicodeScalars.append(" ") }
                lastWasSpace = true
            } else {
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    // MARK: - Attachment names and types

    /// Controls removed, path and quoting characters replaced, never empty.
    static func safeFilename(_ raw: String) -> String {
        var name = ""
        for scalar in singleLine(raw).unicodeScalars {
            switch scalar {
            case "/", "\\", "\"": name.unicodeScalars.append("_")
            default: name.unicodeScalars.append(scalar)
            }
        }
        name = name.trimmingWhitespace()
        while name.hasPrefix(".") { name.removeFirst() }
        return name.isEmpty ? "attachment" : String(name.unicodeScalars.prefix(255).map(Character.init))
    }

    /// `type/subtype` in token characters, lowercased; anything else is application/octet-stream.
    static func safeContentType(_ raw: String) -> String {
        let token = Set("abcdefghijklmnopqrstuvwxyz0123456789!#$&^_.+-".utf8)
        let lowered = raw.trimmingWhitespace().lowercased()
        let parts = lowered.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, lowered.utf8.count <= 127,
              parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { token.contains($0) } }) else {
            return "application/octet-stream"
        }
        return lowered
    }

    /// ` name="value"` for short plain ASCII; else RFC 2231 `name*=UTF-8''…` percent-encoded,
    /// split into `name*0*`, `name*1*` … continuations so that no line grows long.
    static func parameter(_ name: String, _ value: String) -> String {
        let plain = value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && value.utf8.count <= 50
        if plain { return "\r\n \(name)=\"\(value)\"" }
        let attributeChar = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        var pieces: [String] = []
        var current = ""
        for byte in value.utf8 {
            let encoded = attributeChar.contains(byte) ? String(UnicodeScalar(byte))
                : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            if current.utf8.count + encoded.utf8.count > 48 {
                pieces.append(current)
                current = ""
            }
            current += encoded
        }
        pieces.append(current)
        if pieces.count == 1 { return "\r\n \(name)*=UTF-8''\(pieces[0])" }
        return pieces.enumerated().map { index, piece in
            "\r\n \(name)*\(index)*=" + (index == 0 ? "UTF-8''" : "") + piece
        }.joined(separator: ";")
    }

    // MARK: - Transfer encodings

    /// Quoted-printable (RFC 2045 §6.7) of the UTF-8 text, lines in CRLF, at most 76
    /// characters. Trailing spaces are encoded, and so is a "." or "From " starting a line
    /// (some transports end the message at a lone "." or mangle "From ").
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var out = ""
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            out += quotedPrintableLine(Array(line.utf8))
            if index < lines.count - 1 { out += "\r\n" }
        }
        return out
    }

    static func quotedPrintableLine(_ bytes: [UInt8]) -> String {
        func hex(_ byte: UInt8) -> String { "=" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
        func token(_ index: Int, atStart: Bool) -> String {
            let byte = bytes[index]
            let isLast = index == bytes.count - 1
            if byte == 0x20 || byte == 0x09 { return isLast ? hex(byte) : String(UnicodeScalar(byte)) }
            if atStart && byte == UInt8(ascii: ".") { return hex(byte) }
            if atStart && byte == UInt8(ascii: "F") && bytes[index...].starts(with: Array("From ".utf8)) { return hex(byte) }
            if byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=") { return String(UnicodeScalar(byte)) }
            return hex(byte)
        }
        var out = ""
        var length = 0
        for index in bytes.indices {
            var piece = token(index, atStart: length == 0)
            // The last piece may reach column 76; any other leaves room for the soft break "=".
            let limit = index == bytes.count - 1 ? 76 : 75
            if length + piece.utf8.count > limit {
                out += "=\r\n"
                length = 0
                piece = token(index, atStart: true)
            }
            out += piece
            length += piece.utf8.count
        }
        return out
    }

    /// Base64 in lines of 76 characters, each ending in CRLF.
    static func base64Lines(_ data: [UInt8]) -> String {
        let encoded = Data(data).base64EncodedString()
        var out = ""
        out.reserveCapacity(encoded.utf8.count + encoded.utf8.count / 76 * 2 + 2)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            out += encoded[index..<end] + "\r\n"
            index = end
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
