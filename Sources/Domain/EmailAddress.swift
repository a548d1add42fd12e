/// A deliberately plain email check: one `@`, a non-empty local part, a dotted domain, no
/// spaces or control characters. Deliverability is what the verification mail proves.
public enum EmailAddress {
    public static let maxLength = 254

    /// Trimmed and lowercased, so that lookups and uniqueness ignore case.
    public static func normalized(_ raw: String) -> String {
        raw.trimmingWhitespace().lowercased()
    }

    public static func isValid(_ email: String) -> Bool {
        guard !email.isEmpty, email.utf8.count <= maxLength else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."),
              !domain.contains("..") else { return false }
        return !email.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
            || "<>()[]\\,;:\"".unicodeScalars.contains($0) && $0 != "@" }
    }
}

extension String {
    /// Leading and trailing whitespace and newlines removed (no Foundation in Domain).
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
