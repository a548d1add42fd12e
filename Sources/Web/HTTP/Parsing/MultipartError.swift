/// Why a multipart/form-data body was refused. When the parser throws, every temporary
/// file it wrote has already been deleted. `message` never echoes the client's bytes.
public enum MultipartError: Error, Equatable, Sendable {
    /// The Content-Type is not `multipart/form-data` (answer 415).
    case notMultipartFormData
    /// The Content-Type has no (or an empty) `boundary` parameter.
    case missingBoundary
    /// The body does not follow RFC 7578 / RFC 2046; the string says where, for logs.
    case malformed(String)
    /// The body ended before the closing boundary (client disconnected, or a bad client).
    case truncated
    /// The body is larger than `MultipartLimits.maxTotalBytes` (answer 413).
    case tooLarge
    /// One file is larger than `MultipartLimits.maxFileBytes` (answer 413).
    case fileTooLarge(fieldName: String)
    case tooManyParts
    /// One part's header block is larger than `MultipartLimits.maxHeaderBytes`.
    case headerTooLarge
    /// A text part broke a `FormLimits` rule or is not UTF-8.
    case field(FormParseError)
    /// The body stream itself failed.
    case readFailed(String)
    /// An upload could not be written to the temporary directory (answer 500, not 400).
    case storageFailed(String)

    public var message: String {
        switch self {
        case .notMultipartFormData: "The request is not a multipart/form-data form."
        case .missingBoundary: "The form's Content-Type has no boundary."
        case .malformed: "The form data is malformed."
        case .truncated: "The form data ended unexpectedly."
        case .tooLarge: "The form data is too large."
        case .fileTooLarge: "An uploaded file is too large."
        case .tooManyParts: "The form has too many parts."
        case .headerTooLarge: "A part of the form has headers that are too large."
        case .field(let error): error.message
        case .readFailed: "The form data could not be read."
        case .storageFailed: "An uploaded file could not be stored."
        }
    }
}
