/// A file part of a multipart form, already on disk under a random name.
public struct UploadedFile: Sendable, Equatable {
    public let fieldName: String
    /// The browser's name for the file, reduced by `sanitizedFilename(_:)`; for display
    /// and download names only, never for paths.
    public let filename: String
    /// What the client claims the content is; untrusted, check the bytes.
    public let declaredContentType: String?
    /// A file readable only by us (0600) in the temporary directory given to the parser.
    /// Move it to storage or delete it before the request ends.
    public let path: String
    public let size: Int

    public init(fieldName: String, filename: String, declaredContentType: String?, path: String, size: Int) {
        self.fieldName = fieldName
        self.filename = filename
        self.declaredContentType = declaredContentType
        self.path = path
        self.size = size
    }

    /// Used when nothing of the client's name survives sanitizing.
    static let fallbackFilename = "upload"
    static let maxFilenameBytes = 255

    /// The last path component (split at `/` and `\`, since old browsers send Windows
    /// paths), without control, format (bidi overrides that disguise an extension) or
    /// line-separator characters, trimmed, at most 255 UTF-8 bytes keeping a short
    /// extension, and never empty, `.` or `..`.
    static func sanitizedFilename(_ raw: String) -> String {
        let lastComponent = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in lastComponent.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                continue
            default:
                scalars.append(scalar)
            }
        }
        var name = String(scalars)
        while name.first?.isWhitespace == true { name.removeFirst() }
        while name.last?.isWhitespace == true { name.removeLast() }
        if name.utf8.count > maxFilenameBytes {
            name = truncated(name)
        }
        if name.isEmpty || name == "." || name == ".." {
            return fallbackFilename
        }
        return name
    }

    private static func truncated(_ name: String) -> String {
        var suffix = ""
        if let dot = name.lastIndex(of: "."), name.utf8[dot...].count <= 16 {
            suffix = String(name[dot...])
        }
        var kept = ""
        let budget = maxFilenameBytes - suffix.utf8.count
        for character in name {
            if kept.utf8.count + character.utf8.count > budget { break }
            kept.append(character)
        }
        return kept + suffix
    }
}
