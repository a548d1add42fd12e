/// The name a person gave a file, made safe to show on a page and to send back in a
/// Content-Disposition header. It is never used to build a path: stored files are named by
/// `MediaKey`.
public enum DisplayFilename {
    /// Used when nothing of the name survives sanitizing.
    public static let fallback = "file"
    /// Common file systems' limit, and a bound on the header it ends up in.
    public static let maxBytes = 255

    /// The last path component (split at `/` and `\`, since old browsers send Windows
    /// paths), without control, format (bidi overrides that disguise an extension) or
    /// line-separator characters and without double quotes (a quoted header parameter or an
    /// HTML attribute must not be able to end early), trimmed, at most 255 UTF-8 bytes keeping
    /// a short extension, and never empty, `.` or `..`. Other UTF-8 is kept as typed.
    public static func sanitized(_ raw: String) -> String {
        let lastComponent = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in lastComponent.unicodeScalars where scalar != "\"" {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                continue
            default:
                scalars.append(scalar)
            }
        }
        var name = String(scalars).trimmingWhitespace()
        if name.utf8.count > maxBytes {
            name = truncated(name)
        }
        if name.isEmpty || name == "." || name == ".." {
            return fallback
        }
        return name
    }

    /// Cut to `maxBytes` at a character boundary, keeping an extension of up to 16 bytes.
    private static func truncated(_ name: String) -> String {
        var suffix = ""
        if let dot = name.lastIndex(of: "."), name.utf8[dot...].count <= 16 {
            suffix = String(name[dot...])
        }
        var kept = ""
        let budget = maxBytes - suffix.utf8.count
        for character in name {
            if kept.utf8.count + character.utf8.count > budget { break }
            kept.append(character)
        }
        return kept + suffix
    }
}
