/// Bounds on a multipart/form-data body. nginx's `client_max_body_size` is the outer
/// fence; these hold even when the app runs without it (`--cgi`, tests).
public struct MultipartLimits: Sendable, Equatable {
    /// The whole body as read, preamble and part headers included. The default matches
    /// nginx's `client_max_body_size 12m` and `AppConfig.defaultMaxUploadBytes`.
    public var maxTotalBytes: Int
    /// The content of any one uploaded file.
    public var maxFileBytes: Int
    public var maxParts: Int
    /// The header block of any one part.
    public var maxHeaderBytes: Int
    /// Text parts obey the same limits as a urlencoded form; `maxFields` counts text parts
    /// only, and `maxNameBytes` applies to file parts' field names too.
    public var fields: FormLimits
    /// When true, a file part over `maxFileBytes` is skipped rather than failing the whole
    /// form: its bytes are read and thrown away, its field name is listed in
    /// `MultipartForm.oversizedFileFields`, and the other fields (the CSRF token, what the
    /// user typed) still arrive, so the page can answer with a field message. The whole body
    /// is still bounded by `maxTotalBytes`.
    public var skipsOversizedFiles: Bool

    public init(
        maxTotalBytes: Int = 12 * 1024 * 1024,
        maxFileBytes: Int = 10 * 1024 * 1024,
        maxParts: Int = 100,
        maxHeaderBytes: Int = 8 * 1024,
        fields: FormLimits = .default,
        skipsOversizedFiles: Bool = false
    ) {
        self.maxTotalBytes = maxTotalBytes
        self.maxFileBytes = maxFileBytes
        self.maxParts = maxParts
        self.maxHeaderBytes = maxHeaderBytes
        self.fields = fields
        self.skipsOversizedFiles = skipsOversizedFiles
    }

    public static let `default` = MultipartLimits()
}
