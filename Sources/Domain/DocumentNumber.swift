/// A document's number as printed: `INV-202611-0001` (DESIGN.md §4).
///
/// - The prefix is the kind (INV, EST, CN).
/// - YYYYMM is the month the document was **issued**, for the reader's benefit only.
/// - The sequence is per company and per kind, allocated inside the writing transaction,
///   gap-free, and it runs on across months and years: it does **not** restart at 0001
///   each month. So INV-202611-0042 may be followed by INV-202612-0043, and sorting by
///   sequence is sorting by issue order. (Restarting monthly would make the month part
///   load-bearing and a back-dated issue date could collide with an existing number.)
/// - The sequence has at least 4 digits, zero-padded, and simply grows past 9999
///   (INV-202611-10000); it is never truncated or wrapped.
public struct DocumentNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let kind: DocumentKind
    public let year: Int
    public let month: Int
    public let sequence: Int

    /// `sequence` starts at 1; 0 or less is a programming error in the allocator.
    public init(kind: DocumentKind, issuedOn: CalendarDate, sequence: Int) {
        precondition(sequence >= 1, "document sequences start at 1")
        self.kind = kind
        self.year = issuedOn.year
        self.month = issuedOn.month
        self.sequence = sequence
    }

    /// Only the canonical form, exactly as `formatted` writes it: no spaces, upper-case
    /// prefix, a real month, a sequence of at least 4 digits without extra leading zeros.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let kind = DocumentKind(prefix: String(parts[0])),
              parts[1].count == 6, parts[1].allSatisfy(\.isASCIIDigitCharacter),
              parts[2].count >= 4, parts[2].count <= 18, parts[2].allSatisfy(\.isASCIIDigitCharacter),
              let yearMonth = Int(parts[1]), let sequence = Int(parts[2]), sequence >= 1,
              let issued = CalendarDate(year: yearMonth / 100, month: yearMonth % 100, day: 1) else { return nil }
        self.init(kind: kind, issuedOn: issued, sequence: sequence)
        guard formatted == text else { return nil }
    }

    /// "INV-202611-0001".
    public var formatted: String {
        let digits = String(sequence)
        let paddedSequence = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        let yearMonth = String(year * 100 + month)
        return kind.prefix + "-" + String(repeating: "0", count: max(0, 6 - yearMonth.count)) + yearMonth
            + "-" + paddedSequence
    }

    public var description: String { formatted }

    /// Within a kind, by sequence (which is issue order); kinds apart by their prefix.
    public static func < (lhs: DocumentNumber, rhs: DocumentNumber) -> Bool {
        (lhs.kind.prefix, lhs.sequence) < (rhs.kind.prefix, rhs.sequence)
    }
}
