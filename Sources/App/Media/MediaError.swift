import Domain

/// Why a file was not stored. The first three are the uploader's to fix and carry a message
/// for them (the pipeline answers 422 with it); `storageFailed` is ours (disk full, wrong
/// permissions) and is logged as a server error, its detail never shown.
public enum MediaError: Error, Equatable, Sendable {
    case empty
    case tooLarge(MediaCategory)
    /// Not one of the category's kinds, judged from the bytes.
    case unsupportedType(MediaCategory)
    case storageFailed(String)

    /// What to tell the person who uploaded the file; nil for `storageFailed`.
    public var userMessage: String? {
        switch self {
        case .empty:
            "The file is empty. Choose the file again."
        case .tooLarge(let category):
            "The file is larger than \(category.maxSizeText). Upload a smaller scan or photo."
        case .unsupportedType(let category):
            "That file is not a \(category.acceptedKindsText) file. Upload a photo or scan in one of those formats."
        case .storageFailed:
            nil
        }
    }

    /// A message for any case: the user's, or a generic one for our own failures.
    public var message: String {
        userMessage ?? "The file could not be saved. Try again later."
    }
}
