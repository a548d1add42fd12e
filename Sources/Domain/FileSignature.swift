/// Recognises a file's kind from its first bytes (magic numbers). A name or a declared
/// Content-Type is whatever the client chose to send; the bytes are what a viewer will
/// parse, so they decide. Signatures are matched at offset 0 only, never searched for
/// further in: a text file that merely contains "%PDF-" somewhere is not a PDF.
public enum FileSignature {
    /// Bytes of a file's start that `detect` needs at most; read this many (or the whole
    /// file when it is shorter).
    public static let prefixLength = 16

    private static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF]
    private static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    private static let pdf: [UInt8] = Array("%PDF-".utf8)
    private static let ftyp: [UInt8] = Array("ftyp".utf8)
    /// Major brands of an HEIF file holding HEVC images (ISO/IEC 23008-12): HEIC stills,
    /// sequences and their generic image/sequence brands, which phones also write.
    private static let heifBrands: [[UInt8]] = ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"].map { Array($0.utf8) }

    /// The kind whose signature `prefix` starts with; nil when none matches or the prefix is
    /// too short to tell.
    public static func detect(_ prefix: [UInt8]) -> FileKind? {
        if prefix.starts(with: jpeg) { return .jpeg }
        if prefix.starts(with: png) { return .png }
        if prefix.starts(with: pdf) { return .pdf }
        if isHEIF(prefix) { return .heic }
        return nil
    }

    /// An ISO base media file starts with its `ftyp` box: a 32-bit big-endian size, "ftyp",
    /// then the 4-byte major brand. A box smaller than its own header plus major and minor
    /// brand (16 bytes) is malformed.
    private static func isHEIF(_ prefix: [UInt8]) -> Bool {
        guard prefix.count >= 12, Array(prefix[4..<8]) == ftyp else { return false }
        let size = prefix[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard size >= 16 else { return false }
        return heifBrands.contains(Array(prefix[8..<12]))
    }
}
