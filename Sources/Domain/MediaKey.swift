/// Where a stored file lives, relative to the media directory:
/// `receipts/<companyId>/<32 lowercase hex>.<ext>`, e.g. `receipts/12/0f3c…9a.pdf`.
///
/// A key is what the database keeps and what is joined to a directory to open a file or
/// to build an `X-Accel-Redirect`, so a malformed one must not exist: both initializers
/// accept exactly that grammar — a known category, a positive company id in plain decimal,
/// 128 random bits as lowercase hex, an extension the category accepts — and nothing else.
/// No `..`, no extra or leading slashes, no uppercase, no percent signs or other bytes that
/// nginx or a file system could read differently.
public struct MediaKey: Hashable, Sendable, CustomStringConvertible {
    public let category: MediaCategory
    public let companyId: Int64
    /// The random part of the name: 32 lowercase hex digits.
    public let name: String
    public let kind: FileKind

    /// Random bytes a key's name is made of.
    public static let randomByteCount = 16

    /// A new key for `randomBytes` (exactly 16 of them, from a CSPRNG); nil if the company
    /// id is not positive, the kind is not accepted by the category, or the byte count is wrong.
    public init?(category: MediaCategory, companyId: Int64, randomBytes: [UInt8], kind: FileKind) {
        guard companyId > 0, randomBytes.count == Self.randomByteCount, category.acceptedKinds.contains(kind) else {
            return nil
        }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * randomBytes.count)
        for byte in randomBytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        self.category = category
        self.companyId = companyId
        self.name = String(decoding: hex, as: UTF8.self)
        self.kind = kind
    }

    /// A key read back from the database (or anywhere else untrusted); nil unless `text` is
    /// exactly in the key grammar.
    public init?(parsing text: String) {
        let parts = Array(text.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count == 3,
              let category = MediaCategory.allCases.first(where: { Array($0.directoryName.utf8) == Array(parts[0]) }),
              let companyId = Self.companyId(parts[1])
        else { return nil }
        let file = parts[2]
        guard let dot = file.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let name = file[..<dot]
        let fileExtension = file[file.index(after: dot)...]
        guard name.count == 2 * Self.randomByteCount, name.allSatisfy(Self.isLowercaseHex),
              let kind = category.acceptedKinds.first(where: { Array($0.fileExtension.utf8) == Array(fileExtension) })
        else { return nil }
        self.category = category
        self.companyId = companyId
        self.name = String(decoding: name, as: UTF8.self)
        self.kind = kind
    }

    /// The key as stored and as a path relative to the media directory.
    public var value: String { "\(category.directoryName)/\(companyId)/\(name).\(kind.fileExtension)" }

    /// The directory of the key's file, relative to the media directory.
    public var directory: String { "\(category.directoryName)/\(companyId)" }

    public var description: String { value }

    /// 1 to 19 ASCII digits without a leading zero, positive and within Int64.
    private static func companyId(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard (1...19).contains(digits.count), digits.first != UInt8(ascii: "0"),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let id = Int64(String(decoding: digits, as: UTF8.self)), id > 0
        else { return nil }
        return id
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
