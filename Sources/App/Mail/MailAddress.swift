import Domain

/// A mailbox: an optional display name and an address. The address is checked strictly
/// enough that it can be written into a header as-is (no spaces, controls, brackets or
/// other specials, ASCII only); the name is encoded by `MIMEMessage` when it needs to be.
public struct MailAddress: Sendable, Equatable {
    public var name: String
    public var address: String

    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }

    /// Parses `Name <user@host>`, `"Name" <user@host>` or a bare `user@host` (what
    /// EZ360_MAIL_FROM holds). The domain may be undotted (`no-reply@localhost`).
    public static func parse(_ text: String) throws -> MailAddress {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = String(trimmed[..<open]).trimmingWhitespace()
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast()).replacingBackslashEscapes()
            }
            guard isSafeAddress(address) else { throw MIMEError.invalidAddress(text) }
            return MailAddress(name: name, address: address)
        }
        guard isSafeAddress(trimmed) else { throw MIMEError.invalidAddress(text) }
        return MailAddress(address: trimmed)
    }

    /// One `@`, a local part of 1–64 and a domain of 1+ characters, 254 at most in all, and
    /// only printable ASCII that needs no quoting in a header.
    public static func isSafeAddress(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard (3...254).contains(bytes.count) else { return false }
        let forbidden = Set("<>()[]\\,;:\"".utf8)
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) }) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].utf8.count), !parts[1].isEmpty else { return false }
        return !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !parts[1].contains("..")
    }

    /// The part after `@` (used for Message-IDs).
    public var domain: String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}

public enum MIMEError: Error, Equatable, CustomStringConvertible {
    case invalidAddress(String)

    public var description: String {
        switch self {
        case .invalidAddress(let text):
            "Not a usable email address: \(String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }).prefix(300))"
        }
    }
}

extension String {
    /// `\"` → `"` and `\\` → `\` (a quoted-string's escapes).
    func replacingBackslashEscapes() -> String {
        var result = ""
        var escaping = false
        for character in self {
            if escaping {
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
