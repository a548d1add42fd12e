/// A file part of a multipart form, already on disk under a random name.
public struct UploadedFile: Sendable, Equatable {
    public let fieldName: String
    /// The browser's name for the file, reduced by `DisplayFilename.sanitized(_:)`; for display
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
}
