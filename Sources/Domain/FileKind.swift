/// The file types EZ360PM accepts as uploads, as recognised from their bytes
/// (`FileSignature`), never from a name or a browser's Content-Type.
public enum FileKind: String, Sendable, CaseIterable, Codable {
    case jpeg
    case png
    case pdf
    case heic

    /// The extension a stored file gets (`MediaKey`): one spelling per kind, lowercase, so
    /// a key can be checked by comparing bytes.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .pdf: "pdf"
        case .heic: "heic"
        }
    }

    /// The Content-Type a download of this kind is sent with.
    public var contentType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .pdf: "application/pdf"
        case .heic: "image/heic"
        }
    }

    /// The kind whose `fileExtension` is exactly `fileExtension` ("jpg", not "JPG" or "jpeg").
    public init?(fileExtension: String) {
        guard let kind = FileKind.allCases.first(where: { $0.fileExtension == fileExtension }) else { return nil }
        self = kind
    }
}
