/// Why a PDF could not be made. `description` is written for an operator's log.
public enum PDFRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The font file does not exist or cannot be read (install fonts-dejavu-core).
    case fontMissing(path: String)
    /// The font file was read but is not a TrueType font this renderer can use.
    case fontUnusable(path: String, reason: String)
    /// libharu reported an error: its code (hpdf_error.h) and detail number.
    case libharu(code: UInt, detail: UInt, during: String)
    /// The seller's logo is not a PNG this renderer can decode.
    case badLogo(reason: String)

    public var description: String {
        switch self {
        case .fontMissing(let path):
            "PDF font missing: \(path) cannot be read (Debian: apt-get install fonts-dejavu-core)"
        case .fontUnusable(let path, let reason):
            "PDF font unusable: \(path): \(reason)"
        case .libharu(let code, let detail, let during):
            "libharu error 0x\(String(code, radix: 16, uppercase: true)) (detail \(detail)) while \(during)"
        case .badLogo(let reason):
            "logo is not a usable PNG: \(reason)"
        }
    }
}
