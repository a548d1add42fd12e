import Domain

/// A file the media store has written and synced: what a use case records in its row.
public struct StoredMedia: Sendable, Equatable {
    public let key: MediaKey
    public let size: Int
    /// SHA-256 of the content, 64 lowercase hex digits: lets a check or a restore prove the
    /// file is the one the row describes.
    public let sha256: String
    /// The uploader's name for the file, sanitized (`DisplayFilename`); for display and the
    /// download name only.
    public let originalFilename: String
    public let kind: FileKind

    public var contentType: String { kind.contentType }
}
